import type { GeneratedFile } from '../generated-file';
import { agentConfigFiles } from './agent-config';
import { vaultOverlayFile } from './compose-vault-overlay';

export * from './agent-config';
export * from './compose-base-names';
export * from './compose-vault-overlay';
export * from './vault-material';

/** The compose side of Vault: docker-compose.vault.yml and the agents' configurations. */
export function vaultComposeFiles(): GeneratedFile[] {
  return [vaultOverlayFile(), ...agentConfigFiles()];
}
