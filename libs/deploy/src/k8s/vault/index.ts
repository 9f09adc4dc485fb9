import { SERVICE_NAMES } from '@shop/topology';
import type { GeneratedFile } from '../../generated-file';
import { VAULT } from '../../vault/vault-material';
import { POSTGRES } from '../k8s-names';
import { namespaceNamed, networkPolicy, tcp } from '../network-policies/peers';
import { kustomizationFile, yamlFile } from '../yaml-file';
import { vaultPodPatches } from './agent-injection';

const DIR = 'k8s/components/vault';
const NETWORK_DIR = 'k8s/components/vault-network-policies';

/** k8s/components/vault: the injector's annotations and the volumes it needs, on every service. */
function vaultComponent(): GeneratedFile[] {
  const patch = yamlFile(`${DIR}/patch-vault-agent.yaml`, vaultPodPatches);
  return [patch, kustomizationFile(DIR, { patches: [{ path: 'patch-vault-agent.yaml' }] }, true)];
}

/**
 * The holes Vault needs in the default deny (with `network-policies` and
 * `vault` together): each service's agent to Vault's API port, and Vault's
 * database engine to PostgreSQL (it creates and drops the short-lived logins).
 */
function vaultNetworkPolicies(): GeneratedFile[] {
  const vaultServer = namespaceNamed(VAULT.k8sNamespace, { 'app.kubernetes.io/name': VAULT.k8sServerName });
  const policies = yamlFile(`${NETWORK_DIR}/vault.yaml`, () => [
    ...SERVICE_NAMES.map((service) => networkPolicy(`${service}-to-vault-egress`, service, { egress: [{ to: [vaultServer], ports: [tcp(VAULT.port)] }] })),
    networkPolicy(`vault-to-${POSTGRES.name}-ingress`, POSTGRES.name, { ingress: [{ from: [vaultServer], ports: [tcp(POSTGRES.port)] }] }),
  ]);
  return [policies, kustomizationFile(NETWORK_DIR, { resources: ['vault.yaml'] }, true)];
}

export function vaultFiles(): GeneratedFile[] {
  return [...vaultComponent(), ...vaultNetworkPolicies()];
}
