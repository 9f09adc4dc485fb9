import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '@shop/deploy';
import { SECRET_FILES } from '@shop/security/secrets';
import { SERVICE_NAMES } from '@shop/topology';
import { TEMPLATES_DIR } from './vault-layout';

// Reads the overlay as kubectl renders it (no cluster needed), not the generator's data.
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rendered YAML, walked by hand
const A = 'vault.hashicorp.com';
const SVIDS = [SECRET_FILES.svidCert, SECRET_FILES.svidKey, SECRET_FILES.trustBundle];

function templatesOnDisk(service: string): Record<string, string> {
  const dir = join(TEMPLATES_DIR, service);
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.ctmpl'));
  return Object.fromEntries(names.map((n) => [n.slice(0, -'.ctmpl'.length), readFileSync(join(dir, n), 'utf8')]));
}

describe('k8s/overlays/kind-vault: the Vault Agent Injector annotations', () => {
  const rendered = execFileSync('kubectl', ['kustomize', join(REPO_ROOT, 'k8s/overlays/kind-vault')], { encoding: 'utf8' });
  const objects = parseAllDocuments(rendered).map((d) => d.toJS() as Obj);
  const deployment = (name: string) => objects.find((o) => o['kind'] === 'Deployment' && o['metadata'].name === name) as Obj;

  it.each([...SERVICE_NAMES])('%s: renders exactly its vault/templates folder, byte for byte, each at the path the service reads', (service) => {
    const annotations = deployment(service)['spec'].template.metadata.annotations as Record<string, string>;
    const rendered: Record<string, string> = {};
    for (const [key, value] of Object.entries(annotations)) {
      const name = key.startsWith(`${A}/agent-inject-template-`) ? key.slice(`${A}/agent-inject-template-`.length) : undefined;
      if (name === undefined) continue;
      const file = annotations[`${A}/agent-inject-file-${name}`] as string;
      rendered[file] = value;
      expect([file, annotations[`${A}/agent-inject-perms-${name}`], annotations[`${A}/error-on-missing-key-${name}`]]).toEqual([file, '0400', 'true']);
    }
    expect(rendered).toEqual(templatesOnDisk(service));
    expect(annotations[`${A}/secret-volume-path`]).toBe(`/run/secrets/shop/${service}`);
    // The agent logs in as this service and mounts its folder in this service's container only.
    expect([annotations[`${A}/role`], annotations[`${A}/agent-inject-containers`]]).toEqual([service, service]);
  });

  it.each([...SERVICE_NAMES])('%s: keeps only the SVID set from its Secret, under tls/, and no API token in its own container', (service) => {
    const spec = deployment(service)['spec'].template.spec as Obj;
    const container = (spec['containers'] as Obj[]).find((c) => c['name'] === service) as Obj;
    const secretVolume = (spec['volumes'] as Obj[]).find((v) => v['secret']) as Obj;
    const mount = (container['volumeMounts'] as Obj[]).find((m) => m['name'] === secretVolume['name']) as Obj;
    expect(mount).toEqual({ name: secretVolume['name'], mountPath: `/run/secrets/shop/${service}/tls`, readOnly: true });
    expect((secretVolume['secret'].items as Obj[]).map((item) => `tls/${item['path']}`).sort()).toEqual([...SVIDS].sort());
    expect(spec['automountServiceAccountToken']).toBe(false);
    const tokenVolumeName = deployment(service)['spec'].template.metadata.annotations[`${A}/agent-service-account-token-volume-name`];
    const tokenVolume = (spec['volumes'] as Obj[]).find((v) => v['name'] === tokenVolumeName) as Obj;
    expect(tokenVolume.projected.sources).toEqual([{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }]);
    expect((container['volumeMounts'] as Obj[]).some((m) => m['name'] === tokenVolume.name)).toBe(false);
  });

  it('leaves the data stores, the database Job and Prometheus alone', () => {
    const others = objects.filter((o) => o['spec']?.template && !SERVICE_NAMES.includes(o['metadata'].name));
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect([other['metadata'].name, other['spec'].template.metadata?.annotations?.[`${A}/agent-inject`]]).toEqual([other['metadata'].name, undefined]);
  });
});
