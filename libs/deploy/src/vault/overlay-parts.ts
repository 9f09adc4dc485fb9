import { DEPLOY } from '../deploy-settings';

// What the overlay's containers share: the image, the runtime user, the bootstrap and AppRole folders.

/** Pinned: the dev server, the init and the agents all run the same Vault. */
export const VAULT_IMAGE = 'hashicorp/vault:1.20.4';
export const RUNTIME_USER = `${DEPLOY.runtimeUid}:${DEPLOY.runtimeGid}`;
export const BOOTSTRAP = '/vault/bootstrap';
export const APPROLE = '/vault/approle';

export type Service = Record<string, unknown>;

/** What every container of the overlay gets, like the base's services. */
export const hardened = (): Service => ({
  read_only: true,
  cap_drop: ['ALL'],
  security_opt: ['no-new-privileges:true'],
  tmpfs: ['/tmp'],
  pids_limit: 128,
  mem_limit: '128m',
});

export const approleVolumeOf = (service: string) => `vault-approle-${service}`;
export const agentNameOf = (service: string) => `vault-agent-${service}`;
/** One internal network per agent: it reaches Vault, and nothing else reaches it. */
export const agentNetworkOf = (service: string) => `vault-${service}`;
