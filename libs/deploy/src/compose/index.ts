import type { GeneratedFile } from '../generated-file';
import { COMPOSE_FILE } from './compose-file';

export * from './compose-file';
export * from './compose-networks';
export * from './segmentation';

/** docker compose files generated from the topology. */
export const COMPOSE_FILES: readonly GeneratedFile[] = [COMPOSE_FILE];
