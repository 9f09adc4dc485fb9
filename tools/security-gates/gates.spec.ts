import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const { ROOT, secrets, suppressions, lockfile, sbom, kubernetes } = require('./gates.cjs');
const { evaluateAudit } = require('./audit-gate.cjs');
const { trackedDevMaterial } = require('./dev-material.cjs');

/** Each gate, shown failing on a planted violation and passing without it. */
describe('security gates catch what they claim', () => {
  describe('lint', () => {
    // The module-boundary rule reads Nx's cached project graph; a fresh clone has none yet.
    beforeAll(() => {
      execFileSync(join(ROOT, 'node_modules/.bin/nx'), ['show', 'projects'], { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
    }, 120_000);
    // The real ESLint CLI with the repository's config, fed a planted file on stdin.
    const ruleIds = async (code: string, file: string): Promise<string[]> => {
      let output: string;
      try {
        output = execFileSync(join(ROOT, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: ROOT, input: code, encoding: 'utf8' });
      } catch (error) {
        output = (error as { stdout: string }).stdout; // exit 1: findings
      }
      return (JSON.parse(output) as Array<{ messages: Array<{ ruleId: string }> }>)[0].messages.map((m) => m.ruleId);
    };

    it.each([
      ['an app importing another app', "import { AuthModule } from '../../auth/src/auth.module';\nexport const x = AuthModule;\n", '@nx/enforce-module-boundaries'],
      ['a JWT verified without algorithms', "import { jwtVerify } from 'jose';\nexport const v = (t: string, k: CryptoKey) => jwtVerify(t, k);\n", 'shop/jwt-verify-algorithms'],
      ['TLS verification switched off', "import tls = require('node:tls');\nexport const s = tls.connect({ port: 1, rejectUnauthorized: false });\n", 'shop/no-tls-verification-off'],
      ['process.env read in a service', "export const url = process.env['DATABASE_URL'];\n", 'shop/env-only-in-config'],
      ['SQL from a template literal', 'export const q = (db: { query(s: string): void }, id: string) => db.query(`SELECT * FROM orders WHERE id = ${id}`);\n', 'shop/no-sql-string-building'],
      ['a hard-coded secret', "export const dbPassword = 'hunter2hunter2';\n", 'shop/no-hardcoded-secret'],
      ['a fetch of a URL from data', 'export const f = (body: { url: string }) => fetch(body.url);\n', 'shop/no-unvalidated-url'],
    ])('fails on %s', async (_what, code, ruleId) => {
      expect(await ruleIds(code, 'apps/payment/src/planted-violation.ts')).toContain(ruleId);
    });

    // Planted violations, never executed: the TLS-off call and the 'hunter2hunter2'
    // password are fixtures the gate must catch, fed to ESLint on stdin.
    it.each([
      // Tag constraints, not only the relative path: a service may not pull in dev tooling.
      ['a service importing the dev launcher lib', "import { startDevPlatform } from '@shop/dev-platform';\nexport const x = startDevPlatform;\n", 'apps/payment/src/planted-violation.ts', '@nx/enforce-module-boundaries'],
      ['TLS verification off in a .cjs file', "const tls = require('node:tls');\nmodule.exports = tls.connect({ port: 1, rejectUnauthorized: false });\n", 'apps/payment/src/planted-violation.cjs', 'shop/no-tls-verification-off'],
      ['a suppression with no reason', "// eslint-disable-next-line shop/no-hardcoded-secret\nexport const dbPassword = 'hunter2hunter2';\n", 'apps/payment/src/planted-violation.ts', 'shop/disable-needs-reason'],
    ])('fails on %s', async (_what, code, file, ruleId) => {
      expect(await ruleIds(code, file)).toContain(ruleId);
    });

    it('passes clean code in the same place', async () => {
      expect(await ruleIds("export const greeting = 'hello';\n", 'apps/payment/src/planted-violation.ts')).toEqual([]);
    });
  });

  describe('suppressions', () => {
    let repo: string;
    beforeEach(() => {
      repo = mkdtempSync(join(tmpdir(), 'gate-suppress-'));
      execFileSync('git', ['init', '-q'], { cwd: repo });
    });
    afterEach(() => rmSync(repo, { recursive: true, force: true }));
    const plant = (code: string) => {
      writeFileSync(join(repo, 'planted.ts'), code);
      execFileSync('git', ['add', 'planted.ts'], { cwd: repo });
      return suppressions(repo);
    };

    // Planted files in a throw-away git repo; the password literal is a fixture the gate must flag around.
    it.each([
      ['a blanket file-wide disable', "/* eslint-disable */\nexport const dbPassword = 'hunter2hunter2';\n", 'without a rule name'],
      ['a blanket line disable', "export const dbPassword = 'hunter2hunter2'; // eslint-disable-line\n", 'without a rule name'],
      ['a named disable with no reason', "// eslint-disable-next-line shop/no-hardcoded-secret\nexport const dbPassword = 'hunter2hunter2';\n", 'without a reason'],
    ])('fails on %s, which ESLint cannot report', (_what, code, problem) => {
      const result = plant(code);
      expect(result.ok).toBe(false);
      expect(result.output).toContain(`planted.ts:1: eslint-disable ${problem}`);
    });

    it('passes a reasoned disable, and directive-like text inside a string', () => {
      expect(plant("// eslint-disable-next-line no-console -- the CLI prints\nexport const s = '/* eslint-disable */';\n").ok).toBe(true);
    });
  });

  describe('secrets', () => {
    let repo: string;
    beforeEach(() => {
      repo = mkdtempSync(join(tmpdir(), 'gate-secrets-'));
      execFileSync('git', ['init', '-q'], { cwd: repo });
      writeFileSync(join(repo, 'README.md'), '# clean\n');
    });
    afterEach(() => rmSync(repo, { recursive: true, force: true }));

    it('passes a clean repository', () => {
      expect(secrets(repo).ok).toBe(true);
    });

    it('fails on a private key in a source file', () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      writeFileSync(join(repo, 'config.ts'), `export const key = \`${privateKey.export({ type: 'pkcs8', format: 'pem' })}\`;\n`);
      const result = secrets(repo);
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/private key/i);
    });

    it('fails when dev key material is committed', () => {
      mkdirSync(join(repo, '.dev/secrets/order'), { recursive: true });
      writeFileSync(join(repo, '.dev/secrets/order/db.json'), '{"user":"u"}\n');
      execFileSync('git', ['add', '-f', '.dev/secrets/order/db.json'], { cwd: repo });
      const result = secrets(repo);
      expect(result.ok).toBe(false);
      expect(result.output).toContain('.dev/secrets/order/db.json');
    });

    it('recognises the shapes of dev material', () => {
      expect(trackedDevMaterial(['apps/a.ts', '.dev/pki/mesh-ca.pem', 'x/svid-key.pem', 'secrets/passport-signing-keys.json', 'README.md'])).toEqual([
        '.dev/pki/mesh-ca.pem',
        'x/svid-key.pem',
        'secrets/passport-signing-keys.json',
      ]);
    });
  });

  describe('dependencies', () => {
    it('lockfile-lint passes the real lockfile and fails one resolved over http from another host', () => {
      expect(lockfile().ok).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), 'gate-lock-'));
      try {
        const tampered = join(dir, 'package-lock.json');
        copyFileSync(join(ROOT, 'package-lock.json'), tampered);
        const text = readFileSync(tampered, 'utf8').replace('"resolved": "https://registry.npmjs.org/', '"resolved": "http://evil.example.com/');
        writeFileSync(tampered, text);
        const result = lockfile(tampered);
        expect(result.ok).toBe(false);
        expect(result.output).toMatch(/evil\.example\.com|https/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('npm audit fails on high or critical advisories, passes on moderate, and reports an audit-less registry', () => {
      const report = (severity: string) => ({ vulnerabilities: { lodash: { name: 'lodash', severity } }, metadata: { vulnerabilities: { [severity]: 1 } } });
      expect(evaluateAudit(report('critical')).verdict).toBe('fail');
      expect(evaluateAudit(report('high'))).toMatchObject({ verdict: 'fail', findings: ['lodash (high)'] });
      expect(evaluateAudit(report('moderate')).verdict).toBe('pass');
      expect(evaluateAudit({ statusCode: 405, message: '405 Method Not Allowed', error: { summary: '' } }).verdict).toBe('unavailable');
      // Any other error fails closed: a 500 or a network error is not a clean audit.
      expect(evaluateAudit({ statusCode: 500, message: '500 Internal Server Error', error: { summary: '' } }).verdict).toBe('fail');
      expect(evaluateAudit({ error: { code: 'ECONNREFUSED', summary: 'connect ECONNREFUSED' } }).verdict).toBe('fail');
    });

    it('fails a lockfile entry with no integrity hash, which lockfile-lint alone lets through', () => {
      const dir = mkdtempSync(join(tmpdir(), 'gate-lock-'));
      try {
        const tampered = join(dir, 'package-lock.json');
        const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { integrity?: string }> };
        delete lock.packages['node_modules/jose'].integrity;
        writeFileSync(tampered, JSON.stringify(lock));
        const result = lockfile(tampered);
        expect(result.ok).toBe(false);
        expect(result.output).toContain('node_modules/jose: no "integrity" hash');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('writes a CycloneDX SBOM of the production dependencies only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-sbom-'));
    try {
      const file = join(dir, 'sbom.json');
      expect(sbom(file).ok).toBe(true);
      const bom = JSON.parse(readFileSync(file, 'utf8')) as { bomFormat: string; components: Array<{ group?: string; name: string }> };
      const names = bom.components.map((c) => (c.group ? `${c.group}/${c.name}` : c.name));
      expect(bom.bomFormat).toBe('CycloneDX');
      expect(names).toEqual(expect.arrayContaining(['@nestjs/core', '@grpc/grpc-js', 'jose']));
      expect(names).not.toContain('jest');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('kubernetes manifests', () => {
    // The gate builds, then checks a rendered file: the real overlay, and the same with one planted hostPath.
    let dir: string;
    let rendered: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'gate-k8s-'));
      rendered = execFileSync('kubectl', ['kustomize', join(ROOT, 'k8s/overlays/kind')], { encoding: 'utf8' });
    }, 60_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('passes the committed kind overlay', () => {
      const file = join(dir, 'clean.yaml');
      writeFileSync(file, rendered);
      const result = kubernetes(['--file', file]);
      expect(result.output).toContain('PASS');
      expect(result.ok).toBe(true);
    }, 120_000);

    it('fails when a pod template mounts the host', () => {
      const file = join(dir, 'planted.yaml');
      const planted = rendered.replace('      - emptyDir:\n          sizeLimit: 64Mi\n        name: tmp\n', '      - hostPath:\n          path: /\n        name: tmp\n');
      expect(planted).not.toBe(rendered);
      writeFileSync(file, planted);
      const result = kubernetes(['--file', file]);
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/no-host-path: Deployment shop\/\w+: hostPath volume tmp/);
    }, 120_000);
  });
});
