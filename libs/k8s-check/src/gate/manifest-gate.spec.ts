import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseManifests, type K8sObject } from '../manifests';
import { GATE_RULE_IDS, manifestGateFindings } from './manifest-gate';

interface Planted {
  rule: string;
  kind: string;
  patch: Array<{ op: 'add' | 'replace' | 'remove'; path: string; value?: unknown }>;
}

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures', name), 'utf8');
const good = () => parseManifests(fixture('gate-good.yaml'));
const planted = parse(fixture('planted-violations.yaml')) as Planted[];

/** RFC 6902 add/replace/remove on a JSON pointer (`~1` is `/`, `-` appends). */
function applyPatch(target: unknown, patch: Planted['patch']): void {
  for (const { op, path, value } of patch) {
    const keys = path.split('/').slice(1).map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = keys.pop() as string;
    const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, target as Record<string, unknown>);
    if (Array.isArray(parent) && last === '-') parent.push(value);
    else if (op === 'remove') delete parent[last];
    else parent[last] = value;
  }
}

describe('manifest gate', () => {
  it('passes the hardened fixture', () => {
    expect(manifestGateFindings(good())).toEqual([]);
  });

  it('has a planted violation for every rule', () => {
    expect(planted.map((p) => p.rule).sort()).toEqual([...GATE_RULE_IDS].sort());
  });

  it.each(planted.map((p) => [p.rule, p] as const))('catches the planted %s violation, and only it', (_rule, violation) => {
    const objects = good();
    const victim = objects.find((o) => o.kind === violation.kind) as K8sObject;
    applyPatch(victim, violation.patch);
    const rules = [...new Set(manifestGateFindings(objects).map((f) => f.rule))];
    expect(rules).toEqual([violation.rule]);
  });

  it('reads a setting from the container before the pod, as the kubelet does', () => {
    const objects = good();
    const deployment = objects.find((o) => o.kind === 'Deployment') as K8sObject;
    applyPatch(deployment, [{ op: 'add', path: '/spec/template/spec/containers/0/securityContext/runAsNonRoot', value: false }]);
    expect(manifestGateFindings(objects).map((f) => f.rule)).toEqual(['run-as-non-root']);
  });

  it('lets a pod mount its token only with a written reason', () => {
    const objects = good();
    const deployment = objects.find((o) => o.kind === 'Deployment') as K8sObject;
    applyPatch(deployment, [
      { op: 'replace', path: '/spec/template/spec/automountServiceAccountToken', value: true },
      { op: 'add', path: '/spec/template/metadata/annotations', value: { 'hardened-shop.dev/api-token-reason': 'lists pods' } },
    ]);
    expect(manifestGateFindings(objects)).toEqual([]);
  });

  it('counts a projected ServiceAccount token as mounting one (the Vault Agent’s login)', () => {
    const objects = good();
    const deployment = objects.find((o) => o.kind === 'Deployment') as K8sObject;
    const token = { name: 'vault-token', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] } };
    applyPatch(deployment, [{ op: 'add', path: '/spec/template/spec/volumes/-', value: token }]);
    expect(manifestGateFindings(objects).map((f) => f.message)).toEqual([expect.stringContaining('volume vault-token projects a ServiceAccount token')]);
    applyPatch(deployment, [{ op: 'add', path: '/spec/template/metadata/annotations', value: { 'hardened-shop.dev/api-token-reason': 'the Vault Agent logs in with it' } }]);
    expect(manifestGateFindings(objects)).toEqual([]);
  });
});
