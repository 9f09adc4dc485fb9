import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roleNames } from '@shop/persistence';
import { GRPC_SERVICES, SERVICES, SERVICE_NAMES } from '@shop/topology';
import { TEMPLATES_DIR, VAULT_DIR } from './vault-layout';

const shellcheckMissing = spawnSync('shellcheck', ['--version']).status !== 0;
// CI installs shellcheck (.ci/run); a developer without it is told, CI never skips.
const itWithShellcheck = shellcheckMissing && !process.env['CI'] ? it.skip : it;

// No Vault binary can run here, so the script runs against a stand-in `vault`
// on PATH that records every call and answers what the script reads back.
const RECORDING_VAULT = `#!/usr/bin/env bash
printf '%s\\n' "$(printf '%s\\x1f' "$@")" >> "$VAULT_CALLS"
case "$1 $2" in
  "secrets list" | "auth list") echo "Path  Type"; echo "cubbyhole/  cubbyhole" ;;
  "read -field=role_id") echo "role-id-for-test" ;;
  "write -f") [ "$3" = "-field=secret_id" ] && echo "secret-id-for-test" ;;
esac
exit 0
`;

/** The literal paths of the templates' `secret "…"` calls (the render test checks them with Go's parser). */
function templateSecretPaths(): string[] {
  const templates = readdirSync(TEMPLATES_DIR, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ctmpl'));
  const paths = templates.flatMap((name) => [...readFileSync(join(TEMPLATES_DIR, name), 'utf8').matchAll(/secret "([^"]+)"/g)].map((m) => m[1] as string));
  return [...new Set(paths)];
}

describe('vault/configure.sh', () => {
  itWithShellcheck('passes shellcheck', () => {
    const scripts = readdirSync(VAULT_DIR).filter((name) => name.endsWith('.sh'));
    expect(scripts).toEqual(expect.arrayContaining(['configure.sh', 'db-admin.sh']));
    expect(() => execFileSync('shellcheck', scripts.map((name) => join(VAULT_DIR, name)), { stdio: 'pipe' })).not.toThrow();
  });

  it.each(['approle', 'kubernetes'])('configures engines, roles, policies and %s auth for every service', (method) => {
    const scratch = mkdtempSync(join(tmpdir(), 'vault-configure-'));
    try {
      mkdirSync(join(scratch, 'bin'));
      writeFileSync(join(scratch, 'bin', 'vault'), RECORDING_VAULT);
      chmodSync(join(scratch, 'bin', 'vault'), 0o755);
      // sh, not bash: the compose overlay runs it in the Vault image, which has busybox sh only.
      execFileSync('sh', [join(VAULT_DIR, 'configure.sh'), method], {
        stdio: 'pipe',
        env: {
          PATH: `${join(scratch, 'bin')}:/usr/bin:/bin`,
          VAULT_CALLS: join(scratch, 'calls'),
          SHOP_SECRETS_SOURCE: '/run/secrets/source',
          SHOP_DB_HOST: 'postgres',
          SHOP_DB_ADMIN_USER: 'vault_admin',
          SHOP_DB_ADMIN_PASSWORD_FILE: '/run/secrets/vault-db-password',
          SHOP_APPROLE_OUT: join(scratch, 'approle'),
        },
      });
      const calls = readFileSync(join(scratch, 'calls'), 'utf8').trim().split('\n').map((line) => line.split('\x1f').filter(Boolean));
      const callOn = (path: string) => calls.find((call) => call.includes(path)) ?? [];

      for (const service of SERVICE_NAMES) {
        expect(calls).toContainEqual(['policy', 'write', `shop-${service}`, join(VAULT_DIR, 'policies', `${service}.hcl`)]);
        const authRole = callOn(`auth/${method}/role/${service}`);
        expect(authRole).toContain(`token_policies=shop-${service}`);
        if (method === 'kubernetes') expect(authRole).toEqual(expect.arrayContaining([`bound_service_account_names=${service}`, 'bound_service_account_namespaces=shop', 'audience=vault']));
      }
      for (const service of GRPC_SERVICES) {
        const role = callOn(`database/roles/${service}`);
        const creation = role.find((arg) => arg.startsWith('creation_statements=')) ?? '';
        // The login joins exactly the group role libs/persistence provisions for this service.
        expect(creation).toContain(`IN ROLE "${roleNames('shop', service).runtime}"`);
        expect(creation).toContain("VALID UNTIL '{{expiration}}'");
        expect(calls).toContainEqual(expect.arrayContaining(['kv', 'put', `kv/shop/${service}/database`, `schema=${SERVICES[service].schema}`]));
      }
      // Every secret a template reads is one the script creates (KV v2 puts kv/shop/x, read as kv/data/shop/x).
      for (const path of templateSecretPaths()) {
        const created = path.startsWith('kv/data/') ? callOn(path.replace('kv/data/', 'kv/')) : callOn(path.replace('database/creds/', 'database/roles/'));
        expect([path, created.length > 0]).toEqual([path, true]);
      }
      expect(calls[calls.length - 1]).toEqual(['write', '-f', 'database/rotate-root/shop']);
      if (method === 'approle') expect(readFileSync(join(scratch, 'approle', 'order', 'secret-id'), 'utf8').trim()).toBe('secret-id-for-test');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('refuses an unknown auth method before touching Vault', () => {
    const result = spawnSync('sh', [join(VAULT_DIR, 'configure.sh'), 'token'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    expect([result.status, result.stderr]).toEqual([2, expect.stringContaining('unknown auth method')]);
  });
});
