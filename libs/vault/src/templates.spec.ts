import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { prepareDevSecrets, secretsRootOf } from '@shop/dev-platform';
import { dropDatabase } from '@shop/persistence';
import { SECRET_FILES, SecretFiles, leaseExpiresAt, readDatabaseCredentials, readJwkSet } from '@shop/security/secrets';
import { readHttpsMaterial } from '@shop/security/transport-identity';
import { testAdminConnection, uniqueDatabaseName } from '@shop/testing';
import { DEFAULT_TRUST_DOMAIN, GRPC_SERVICES, SERVICE_NAMES } from '@shop/topology';
import { grantsRead, parsePolicy } from './policy-check';
import { buildRenderer, renderTemplates, type SecretFixture } from './template-render';
import { POLICIES_DIR, TEMPLATES_DIR } from './vault-layout';

// The SVID set comes from the workload identity issuer (dev PKI, SPIRE or cert-manager), not from Vault.
const NOT_FROM_VAULT = new Set<string>([SECRET_FILES.svidCert, SECRET_FILES.svidKey, SECRET_FILES.trustBundle]);
const NOW = new Date('2026-12-03T10:00:00Z');
const LEASE_SECONDS = 3600;
const goMissing = spawnSync('go', ['version']).status !== 0;
// CI installs golang-go (.ci/run); a developer without Go is told, CI never skips.
const describeWithGo = goMissing && !process.env['CI'] ? describe.skip : describe;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)))
    .sort();
}

describeWithGo('the Vault Agent templates in vault/templates', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'vault-templates-'));
  const admin = testAdminConnection();
  const database = uniqueDatabaseName('vaulttpl');
  const devRoot = secretsRootOf(join(scratch, 'dev'));
  const rendered = join(scratch, 'rendered');
  let reads: Record<string, string[]>;

  /** Vault's answers, made from what the dev bootstrap wrote: the same keys and certificates. */
  function fixture(): SecretFixture {
    const text = (service: string, name: string) => readFileSync(join(devRoot, service, name), 'utf8');
    const kv = (data: Record<string, unknown>) => ({ data: { data, metadata: { version: 1 } } });
    const secrets: Record<string, SecretFixture[string]> = {
      'kv/data/shop/public/passport-verify-keys': kv({ jwks: text('order', SECRET_FILES.passportVerifyKeys) }),
      'kv/data/shop/gateway/passport-signing-keys': kv({ jwks: text('gateway', SECRET_FILES.passportSigningKeys) }),
      'kv/data/shop/gateway/https': kv({ cert: text('gateway', SECRET_FILES.httpsCert), key: text('gateway', SECRET_FILES.httpsKey) }),
      'kv/data/shop/auth/access-token-keys': kv({ jwks: text('auth', SECRET_FILES.accessTokenKeys) }),
    };
    for (const service of GRPC_SERVICES) {
      const dev = readDatabaseCredentials(new SecretFiles(join(devRoot, service)), SECRET_FILES.runtimeDb);
      // KV values written with `vault kv put` are strings, the port too.
      secrets[`kv/data/shop/${service}/database`] = kv({ host: dev.host, port: String(dev.port), database: dev.database, schema: dev.schema });
      secrets[`database/creds/${service}`] = { lease_duration: LEASE_SECONDS, renewable: true, data: { username: `v-approle-${service}-Xy12"quote`, password: 'A1a-"\\-generated' } };
    }
    return secrets;
  }

  beforeAll(async () => {
    await prepareDevSecrets({ devDir: join(scratch, 'dev'), trustDomain: DEFAULT_TRUST_DOMAIN, admin, database });
    reads = renderTemplates(buildRenderer(scratch), { templatesDir: TEMPLATES_DIR, outDir: rendered, fixture: fixture(), now: NOW });
  });

  afterAll(async () => {
    await dropDatabase(admin, database, GRPC_SERVICES);
    rmSync(scratch, { recursive: true, force: true });
  });

  it.each([...SERVICE_NAMES])('%s: render exactly the files the dev bootstrap writes, less the SVID set', (service) => {
    const expected = filesUnder(join(devRoot, service)).filter((name) => !NOT_FROM_VAULT.has(name));
    expect(filesUnder(join(rendered, service))).toEqual(expected);
  });

  it('render files the services’ own readers accept, with the same keys as the dev bootstrap', () => {
    const files = (service: string) => new SecretFiles(join(rendered, service));
    const dev = (service: string) => new SecretFiles(join(devRoot, service));
    expect(readJwkSet(files('auth'), SECRET_FILES.accessTokenKeys, { kind: 'private', refuseDevMaterial: false })).toEqual(readJwkSet(dev('auth'), SECRET_FILES.accessTokenKeys, { kind: 'private', refuseDevMaterial: false }));
    expect(readJwkSet(files('gateway'), SECRET_FILES.passportSigningKeys, { kind: 'private', refuseDevMaterial: false })).toEqual(
      readJwkSet(dev('gateway'), SECRET_FILES.passportSigningKeys, { kind: 'private', refuseDevMaterial: false }),
    );
    expect(readHttpsMaterial(files('gateway')).cert.toString()).toContain('BEGIN CERTIFICATE');
    for (const service of GRPC_SERVICES) {
      expect(readJwkSet(files(service), SECRET_FILES.passportVerifyKeys, { kind: 'public', refuseDevMaterial: false })).toEqual(readJwkSet(dev(service), SECRET_FILES.passportVerifyKeys, { kind: 'public', refuseDevMaterial: false }));
      const credentials = readDatabaseCredentials(files(service), SECRET_FILES.runtimeDb);
      const devCredentials = readDatabaseCredentials(dev(service), SECRET_FILES.runtimeDb);
      expect(credentials).toMatchObject({ host: devCredentials.host, port: devCredentials.port, database: devCredentials.database, schema: devCredentials.schema });
      // Quotes and backslashes in a generated login survive: the template JSON-encodes them.
      expect([credentials.user, credentials.password]).toEqual([`v-approle-${service}-Xy12"quote`, 'A1a-"\\-generated']);
      expect(leaseExpiresAt(credentials)).toEqual(new Date(NOW.getTime() + LEASE_SECONDS * 1000));
    }
  });

  it('read only paths their own service’s policy grants', async () => {
    for (const [template, paths] of Object.entries(reads)) {
      const service = template.split('/')[0] as string;
      const rules = await parsePolicy(`${service}.hcl`, readFileSync(join(POLICIES_DIR, `${service}.hcl`), 'utf8'));
      for (const path of paths) expect([template, path, grantsRead(rules, path)]).toEqual([template, path, true]);
    }
  });

  it('fail to render when Vault lacks a secret, instead of writing a broken file', () => {
    const partial = Object.fromEntries(Object.entries(fixture()).filter(([path]) => path !== 'database/creds/order'));
    expect(() => renderTemplates(buildRenderer(scratch), { templatesDir: join(TEMPLATES_DIR, 'order'), outDir: join(scratch, 'partial'), fixture: partial, now: NOW })).toThrow();
  });
});
