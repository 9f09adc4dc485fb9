import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One thing `kubectl kustomize` must build: an overlay, or base plus a set of components. */
export interface Build {
  readonly name: string;
  readonly overlay?: string;
  readonly components?: readonly string[];
}

/**
 * Components that only make sense with others. istio-network-policies is
 * the hole the mesh needs in the default deny, so it goes with both
 * network-policies and istio, and they with it: without it the sidecars
 * cannot reach istiod, and the checker would (rightly) fail the build.
 */
const TOGETHER: Record<string, readonly string[]> = {
  'istio-network-policies': ['network-policies', 'istio'],
  // The agents' way to Vault and Vault's to PostgreSQL, through the default deny.
  'vault-network-policies': ['network-policies', 'vault'],
};
/**
 * Components that do not go together (yet). Vault with Istio needs the
 * Sidecars to know Vault's host and PostgreSQL to admit Vault from outside
 * the mesh; neither is built, so no build claims it (k8s/components/vault/README.md).
 */
const APART: ReadonlyArray<readonly [string, string]> = [['vault', 'istio']];
/** Components that exist for one overlay's environment, not to be combined freely. */
const OVERLAY_ONLY = new Set(['gateway-node-port']);

function isValid(set: ReadonlySet<string>): boolean {
  for (const [component, needs] of Object.entries(TOGETHER)) {
    const needed = needs.every((n) => set.has(n));
    if (set.has(component) !== needed) return false;
  }
  return !APART.some(([a, b]) => set.has(a) && set.has(b));
}

/** Every overlay, and base with every valid subset of the components (the empty one included). */
export function allBuilds(k8sDir: string): Build[] {
  const dirs = (path: string) => (existsSync(path) ? readdirSync(path, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : []);
  const overlays = dirs(join(k8sDir, 'overlays')).map((name) => ({ name: `overlays/${name}`, overlay: join(k8sDir, 'overlays', name) }));
  const components = dirs(join(k8sDir, 'components')).filter((c) => !OVERLAY_ONLY.has(c));
  const combinations: Build[] = [];
  for (let mask = 0; mask < 1 << components.length; mask++) {
    const chosen = components.filter((_, i) => mask & (1 << i));
    if (!isValid(new Set(chosen))) continue;
    combinations.push({ name: `base${chosen.map((c) => ` + ${c}`).join('')}`, components: chosen.map((c) => join(k8sDir, 'components', c)) });
  }
  return [...overlays, ...combinations];
}
