import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding nx.json above `from`: the same from source (tests) and from dist/ (the CLI). */
function findRepoRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
  }
  throw new Error(`no nx.json above ${from}`);
}

/** The repository root: generated files are written relative to it. */
export const REPO_ROOT = findRepoRoot(__dirname);

/**
 * Facts every deployment target shares (docker compose, Kubernetes, Vault).
 * Change them here and run `npm run gen:deploy`; nothing else spells them.
 */
export const DEPLOY = {
  /** Images are `<repository>/<app>:<tag>`; the tag is the package version, never `latest`. */
  imageRepository: 'hardened-shop',
  imageTag: (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
  /** Every service runs as this fixed, non-root uid and gid, in every target. */
  runtimeUid: 10001,
  runtimeGid: 10001,
  /** SECRETS_DIR inside a container; each service sees only `<secretsMount>/<service>/`. */
  secretsMount: '/run/secrets/shop',
  /** The Kubernetes namespace; the SPIFFE IDs name it too (`libs/topology`). */
  namespace: 'shop',
} as const;

/** `hardened-shop/order:0.1.0` */
export function imageOf(app: string): string {
  return `${DEPLOY.imageRepository}/${app}:${DEPLOY.imageTag}`;
}
