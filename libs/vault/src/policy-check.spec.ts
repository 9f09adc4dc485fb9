import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES } from '@shop/topology';
import { grantsRead, parsePolicy, pathMatches, policyProblems } from './policy-check';
import { POLICIES_DIR } from './vault-layout';

const policyOf = (service: string) => parsePolicy(`${service}.hcl`, readFileSync(join(POLICIES_DIR, `${service}.hcl`), 'utf8'));

describe('the Vault policies in vault/policies', () => {
  it('hold exactly one policy per service of the topology', () => {
    expect(readdirSync(POLICIES_DIR).sort()).toEqual(SERVICE_NAMES.map((service) => `${service}.hcl`).sort());
  });

  it.each([...SERVICE_NAMES])('%s: grants read on its own paths only', async (service) => {
    expect(policyProblems(service, await policyOf(service))).toEqual([]);
  });

  it('let no service read another service’s database logins or KV secrets', async () => {
    for (const reader of SERVICE_NAMES) {
      const rules = await policyOf(reader);
      for (const owner of SERVICE_NAMES.filter((s) => s !== reader)) {
        expect([reader, grantsRead(rules, `database/creds/${owner}`)]).toEqual([reader, false]);
        expect([reader, grantsRead(rules, `kv/data/shop/${owner}/database`)]).toEqual([reader, false]);
      }
    }
  });
});

describe('the policy checker', () => {
  // Each line is a mistake someone could make in order.hcl; each must be caught.
  it.each([
    ['a wildcard over every service', 'path "kv/data/shop/*" { capabilities = ["read"] }'],
    ['a one-segment wildcard', 'path "database/creds/+" { capabilities = ["read"] }'],
    ['another service’s database role', 'path "database/creds/payment" { capabilities = ["read"] }'],
    ['a prefix without its slash', 'path "kv/data/shop/order*" { capabilities = ["read"] }'],
    ['write access to its own secrets', 'path "kv/data/shop/order/*" { capabilities = ["read", "update"] }'],
    ['sudo on sys', 'path "sys/*" { capabilities = ["read", "sudo"] }'],
    ['the KV metadata of everyone', 'path "kv/metadata/*" { capabilities = ["list"] }'],
  ])('flags %s', async (_mistake, stanza) => {
    expect(policyProblems('order', await parsePolicy('planted.hcl', stanza)).length).toBeGreaterThan(0);
  });

  it('refuses stanzas and keys it does not check rather than skipping them', async () => {
    await expect(parsePolicy('planted.hcl', 'path "kv/data/shop/order/*" {\n  capabilities = ["read"]\n  allowed_parameters = { "x" = [] }\n}')).rejects.toThrow('unsupported keys');
    await expect(parsePolicy('planted.hcl', 'name = "order"')).rejects.toThrow('only path stanzas');
    await expect(parsePolicy('broken.hcl', 'path "kv/data/shop/order/*" { capabilities = [')).rejects.toThrow();
  });

  it('matches paths the way Vault does', () => {
    expect(pathMatches('kv/data/shop/order/*', 'kv/data/shop/order/database')).toBe(true);
    expect(pathMatches('kv/data/shop/order*', 'kv/data/shop/orders-admin/x')).toBe(true);
    expect(pathMatches('database/creds/+', 'database/creds/payment')).toBe(true);
    expect(pathMatches('database/creds/order', 'database/creds/order/x')).toBe(false);
    expect(grantsRead([{ path: 'kv/data/shop/order/*', capabilities: ['read'] }, { path: 'kv/data/shop/order/x', capabilities: ['deny'] }], 'kv/data/shop/order/x')).toBe(false);
  });
});
