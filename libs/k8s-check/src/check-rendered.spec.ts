import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRendered } from './check-rendered';
import { kustomize } from './kustomize';
import { describe as describeObject, parseManifests, type K8sObject } from './manifests';

// These tests render the committed overlays with the real `kubectl kustomize`
// (no cluster needed); without kubectl they fail and say how to get it.
const K8S = resolve(__dirname, '../../../k8s');
const render = async (overlay: string) => parseManifests(await kustomize('kubectl', join(K8S, 'overlays', overlay)), overlay);
const planted = parseManifests(readFileSync(join(__dirname, 'fixtures/planted-policies.yaml'), 'utf8'));

function withPlanted(objects: readonly K8sObject[], extra: K8sObject): K8sObject[] {
  const same = (o: K8sObject) => o.kind === extra.kind && o.metadata.name === extra.metadata.name && o.metadata.namespace === extra.metadata.namespace;
  return objects.some(same) ? objects.map((o) => (same(o) ? extra : o)) : [...objects, extra];
}

describe('the committed overlays, evaluated', () => {
  let kind: K8sObject[];
  beforeAll(async () => {
    kind = await render('kind');
  }, 60_000);

  it('overlays/kind passes every check, and its tables equal the topology', () => {
    const result = checkRendered(kind);
    expect(result.problems).toEqual([]);
    expect(result.tables.map((t) => t.title)).toEqual([
      'NetworkPolicy reachability (pod -> pod:port) = topology',
      'Istio mTLS mode per workload port (PeerAuthentication) = topology',
      'Istio principal -> method (PeerAuthentication + AuthorizationPolicy) = topology',
      'Istio Sidecar egress per workload = topology',
    ]);
  });

  it('overlays/kind-app-mtls passes, with no mesh and no istiod egress', async () => {
    const result = checkRendered(await render('kind-app-mtls'));
    expect(result.problems).toEqual([]);
    const matrix = result.tables[0].lines.join('\n');
    expect(matrix).toContain('shop/order');
    expect(matrix).not.toContain('istio-system/istiod:15012');
  }, 60_000);

  it('overlays/kind-vault passes: every service reaches Vault on 8200, Vault reaches PostgreSQL, nothing else does', async () => {
    const vault = await render('kind-vault');
    const result = checkRendered(vault);
    expect(result.problems).toEqual([]);
    const matrix = result.tables[0].lines;
    expect(matrix.filter((l) => l.includes('vault/vault:8200')).map((l) => l.split(/\s+/)[0]).sort()).toEqual(['shop/auth', 'shop/gateway', 'shop/inventory', 'shop/order', 'shop/payment']);
    expect(matrix.find((l) => l.startsWith('vault/vault '))?.split(/\s+/)).toEqual(['vault/vault', '-', '8443', '-', '-', '-', '5432', '-']);
    // Without order's way to Vault its agent could not log in, and the comparison says so.
    const withoutOrdersHole = vault.filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name === 'order-to-vault-egress'));
    expect(checkRendered(withoutOrdersHole).problems).toEqual(['reachability: in the topology but not allowed: shop/order -> vault/vault:8200']);
  }, 60_000);

  it('prints a matrix where payment reaches PostgreSQL in the namespace, and only DNS and istiod outside it', () => {
    const matrix = checkRendered(kind).tables[0].lines;
    expect(matrix[0].split(/\s+/)).toEqual(['from', '\\', 'to', 'auth', 'gateway', 'inventory', 'order', 'payment', 'postgres', 'redis']);
    expect(matrix.find((l) => l.startsWith('shop/payment '))?.split(/\s+/)).toEqual(['shop/payment', '-', '-', '-', '-', '-', '5432', '-']);
    expect(matrix.find((l) => l.startsWith('shop/payment ') && l.includes('->'))).toMatch(/-> istio-system\/istiod:15012, kube-system\/kube-dns:53, kube-system\/kube-dns:53\/UDP$/);
  });

  it.each(planted.map((p) => [describeObject(p), p] as const))('fails on the planted %s, in that comparison only', (_name, extra) => {
    const expected = extra.metadata.annotations?.['planted.test/expect'] as string;
    const result = checkRendered(withPlanted(kind, extra));
    expect(result.problems).toContain(expected);
    const comparison = expected.slice(0, expected.indexOf(':'));
    expect(result.problems.filter((p) => !p.startsWith(`${comparison}:`))).toEqual([]);
  });
});

describe('independence from the generator', () => {
  it('no checker source imports the deployment generator', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
    const offenders = sources(__dirname).filter((file) => /from '(@shop\/deploy|.*libs\/deploy)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
