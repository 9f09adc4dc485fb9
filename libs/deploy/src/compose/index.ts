import type { GeneratedFile } from '../generated-file';

/** docker compose files generated from the topology (the container issue fills this). */
export const COMPOSE_FILES: readonly GeneratedFile[] = [];
