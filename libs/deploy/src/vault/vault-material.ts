import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceName } from '@shop/topology';
import { REPO_ROOT } from '../deploy-settings';

/**
 * Where Vault runs for the deployments that opt in to it (compose overlay,
 * k8s/components/vault), and where its material sits in the repository.
 * The Vault Agent templates in `vault/templates/<service>/` are the one
 * source of every file Vault renders; the deployments read them from there.
 */
export const VAULT = {
  /** Vault's API port (the helm chart's and the dev server's). */
  port: 8200,
  /** kind: the helm release `vault` in the namespace `vault` (scripts/kind-up.sh installs it). */
  k8sNamespace: 'vault',
  /** The server pods' label `app.kubernetes.io/name` in the helm chart (the injector is `vault-agent-injector`). */
  k8sServerName: 'vault',
  /** Kubernetes auth roles accept only tokens minted for this audience (configure.sh sets it too). */
  tokenAudience: 'vault',
  /** A projected token lives this long; the kubelet refreshes it before it ends. */
  tokenSeconds: 600,
  templatesDir: 'vault/templates',
} as const;

/** One Vault Agent template: what it renders, relative to SECRETS_DIR/<service>/, and its text. */
export interface AgentTemplate {
  /** `db.json`, `https/cert.pem` */
  readonly file: string;
  /** `vault/templates/order/db.json.ctmpl` (repository-relative) */
  readonly source: string;
  readonly text: string;
  /** The first Vault path the template reads (`secret "…"`), for people reading the manifests. */
  readonly firstSecretPath: string;
}

/** The templates of a service, sorted by the file they render. A service without any has no folder. */
export function agentTemplatesOf(service: ServiceName): AgentTemplate[] {
  const dir = join(REPO_ROOT, VAULT.templatesDir, service);
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ctmpl'));
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const firstSecretPath = /secret "([^"]+)"/.exec(text)?.[1];
    if (!firstSecretPath) throw new Error(`${VAULT.templatesDir}/${service}/${name} reads no secret`);
    return { file: name.slice(0, -'.ctmpl'.length), source: `${VAULT.templatesDir}/${service}/${name}`, text, firstSecretPath };
  });
}
