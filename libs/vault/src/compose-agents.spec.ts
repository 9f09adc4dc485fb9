import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '@shop/deploy';
import { SERVICE_NAMES } from '@shop/topology';
import { TEMPLATES_DIR, VAULT_DIR } from './vault-layout';

// Loaded untyped on purpose, as in policy-check.ts (the package's typings pull in the DOM library).
const { parse: parseHcl } = require('@cdktn/hcl2json') as { parse(fileName: string, text: string): Promise<Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- HCL as JSON, walked by hand

interface ComposeService {
  volumes?: string[];
  networks?: string[];
}
const overlay = parseYaml(readFileSync(join(REPO_ROOT, 'docker-compose.vault.yml'), 'utf8')) as { services: Record<string, ComposeService> };
const templateFiles = (service: string) =>
  readdirSync(join(TEMPLATES_DIR, service), { recursive: true, encoding: 'utf8' })
    .filter((n) => n.endsWith('.ctmpl'))
    .map((n) => n.slice(0, -'.ctmpl'.length))
    .sort();
/** `source:target[:mode]` of a compose short volume entry. */
const mountOf = (entry: string) => {
  const [source, target, mode] = entry.split(':');
  return { source: source as string, target: target as string, readOnly: mode === 'ro' };
};

describe('the compose Vault Agents (docker-compose.vault.yml, vault/agent/*.hcl)', () => {
  it.each([...SERVICE_NAMES])('%s: renders each of its templates into the file its service reads, and nothing else', async (service) => {
    const config = await parseHcl(`${service}.hcl`, readFileSync(join(VAULT_DIR, 'agent', `${service}.hcl`), 'utf8'));
    const templates = (config['template'] as Array<Record<string, unknown>>).map((t) => ({ source: t['source'], destination: t['destination'], perms: t['perms'], strict: t['error_on_missing_key'] }));
    const expected = templateFiles(service).map((file) => ({ source: `/vault/templates/${file}.ctmpl`, destination: `/run/secrets/shop/${service}/${file}`, perms: '0400', strict: true }));
    expect(templates.sort((a, b) => String(a.destination).localeCompare(String(b.destination)))).toEqual(expected);
    // The templates are this service's folder of vault/templates, mounted, not copied.
    const mounts = (overlay.services[`vault-agent-${service}`]?.volumes ?? []).map(mountOf);
    expect(mounts).toContainEqual({ source: `./vault/templates/${service}`, target: '/vault/templates', readOnly: true });
  });

  it.each([...SERVICE_NAMES])('%s: its agent mounts its own AppRole ids and its own secrets volume only', (service) => {
    const mounts = (overlay.services[`vault-agent-${service}`]?.volumes ?? []).map(mountOf);
    const volumes = mounts.filter((m) => !m.source.startsWith('./')).map((m) => m.source).sort();
    expect(volumes).toEqual([`secrets-${service}`, `vault-approle-${service}`]);
    expect(mounts.find((m) => m.source === `vault-approle-${service}`)?.readOnly).toBe(true);
    expect(overlay.services[`vault-agent-${service}`]?.networks).toEqual([`vault-${service}`]);
  });

  it('hands out AppRole ids only through the one-shots that make them', () => {
    const holders = Object.entries(overlay.services)
      .filter(([, s]) => (s.volumes ?? []).some((v) => v.startsWith('vault-approle-')))
      .map(([name, s]) => [name, (s.volumes ?? []).filter((v) => v.startsWith('vault-approle-')).length]);
    expect(Object.fromEntries(holders)).toEqual({
      'vault-prepare': SERVICE_NAMES.length,
      'vault-init': SERVICE_NAMES.length,
      ...Object.fromEntries(SERVICE_NAMES.map((s) => [`vault-agent-${s}`, 1])),
    });
  });
});
