import { SERVICE_NAMES, type ServiceName } from '@shop/topology';
import { DEPLOY } from '../deploy-settings';
import { POSTGRES } from '../k8s/k8s-names';
import { bindHostOf, ingressAliasOf, ingressNetworksOf, networksOf } from './compose-networks';

/** One compose service, as the YAML object it becomes. */
export type Service = Record<string, unknown>;

/** PostgreSQL's superuser password: written by platform-init, read by postgres and database-init. */
export const ADMIN_PASSWORD_FILE = `${DEPLOY.secretsMount}/${POSTGRES.name}/${POSTGRES.passwordFile}`;

/** `secrets-order`: one volume per secrets folder, mounted only where that folder is needed. */
export function secretsVolumeOf(folder: string): string {
  return `secrets-${folder}`;
}

export function secretsMount(folder: string, readOnly: boolean): string {
  return `${secretsVolumeOf(folder)}:${DEPLOY.secretsMount}/${folder}${readOnly ? ':ro' : ''}`;
}

/** The lines every shop container gets: see the README's "Run with docker compose". */
export function hardening(memory: string): Service {
  return {
    user: `${DEPLOY.runtimeUid}:${DEPLOY.runtimeGid}`,
    read_only: true,
    tmpfs: ['/tmp:size=64m'],
    cap_drop: ['ALL'],
    security_opt: ['no-new-privileges:true'],
    mem_limit: memory,
    pids_limit: 128,
  };
}

export function networksBlock(container: string): Record<string, unknown> {
  const block: Record<string, unknown> = {};
  for (const network of networksOf(container)) {
    const service = container as ServiceName;
    const aliased = SERVICE_NAMES.includes(service) && bindHostOf(service) !== '0.0.0.0' && ingressNetworksOf(service)[0] === network;
    block[network] = aliased ? { aliases: [ingressAliasOf(service)] } : {};
  }
  return block;
}

export function completed(...names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, { condition: 'service_completed_successfully' }]));
}

export function healthy(...names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, { condition: 'service_healthy' }]));
}
