// The CI security gates. Each gate runs a well-known tool and fails on a
// finding; run.cjs runs them in order and times them.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { evaluateAudit } = require('./audit-gate.cjs');
const { trackedDevMaterial } = require('./dev-material.cjs');
const { packagesWithoutIntegrity } = require('./lockfile-integrity.cjs');
const { directivesWithoutReason } = require('./disable-directives.cjs');

const ROOT = resolve(__dirname, '../..');
const SBOM_PATH = join(ROOT, 'reports', 'sbom.cdx.json');

function bin(name) {
  return join(ROOT, 'node_modules', '.bin', name);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: options.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, status: result.status, stdout: result.stdout ?? '', output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Every eslint-disable in a tracked file names its rules and gives a reason (blanket ones too, which ESLint cannot see). */
function suppressions(cwd = ROOT) {
  const tracked = run('git', ['ls-files'], { cwd });
  const problems = tracked.ok ? directivesWithoutReason(cwd, tracked.output.split('\n').filter(Boolean)) : [`git ls-files failed: ${tracked.output}`];
  return { ok: problems.length === 0, output: problems.length ? `suppressions without a rule or a reason:\n  ${problems.join('\n  ')}\n` : '' };
}

/** ESLint over every project (typescript-eslint, eslint-plugin-security, module boundaries, the shop rules), then the suppressions. */
function lint() {
  const eslint = run(bin('nx'), ['run-many', '-t', 'lint', '--outputStyle=static', '--skip-nx-cache'], { env: { NX_DAEMON: 'false' } });
  const suppressed = suppressions();
  return { ok: eslint.ok && suppressed.ok, output: `${eslint.output}${suppressed.output}` };
}

/** secretlint over the whole repository, plus: no dev key material is tracked by git. */
function secrets(cwd = ROOT) {
  const scan = run(bin('secretlint'), ['--secretlintrc', join(ROOT, '.secretlintrc.json'), '--secretlintignore', join(ROOT, '.secretlintignore'), '**/*'], { cwd });
  const tracked = run('git', ['ls-files'], { cwd });
  const leaked = tracked.ok ? trackedDevMaterial(tracked.output.split('\n').filter(Boolean)) : [];
  const output = `${scan.output}${leaked.length ? `\ntracked dev key material:\n  ${leaked.join('\n  ')}\n` : ''}`;
  return { ok: scan.ok && leaked.length === 0, output };
}

/** lockfile-lint: every package from the npm registry, over https; plus our own "integrity present" check. */
function lockfile(path = join(ROOT, 'package-lock.json')) {
  const linted = run(bin('lockfile-lint'), [
    '--path', path, '--type', 'npm', '--allowed-hosts', 'npm', '--validate-https', '--validate-integrity', '--validate-package-names',
    // npm aliases used by jest and the yargs/cliui stack.
    '--allowed-package-name-aliases', 'string-width-cjs:string-width', 'strip-ansi-cjs:strip-ansi', 'wrap-ansi-cjs:wrap-ansi', '@jest/react-is-18:react-is', '@jest/react-is-19:react-is',
  ]);
  const missing = packagesWithoutIntegrity(path);
  const output = `${linted.output}${missing.length ? `\npackages without a sha512 integrity:\n  ${missing.join('\n  ')}\n` : ''}`;
  return { ok: linted.ok && missing.length === 0, output };
}

/**
 * npm audit of production dependencies at "high". A registry without the
 * audit endpoint is reported loudly; it fails the gate only when
 * SHOP_REQUIRE_AUDIT=1 (set it where the real registry is reachable).
 */
function audit() {
  const result = run('npm', ['audit', '--omit=dev', '--audit-level=high', '--json']);
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    // Fail closed: output we cannot read is not a clean audit.
    return { ok: false, output: `npm audit printed no JSON report (exit ${result.status}):\n${result.output.slice(0, 500)}` };
  }
  const verdict = evaluateAudit(report, 'high');
  if (verdict.verdict === 'unavailable') {
    const required = process.env.SHOP_REQUIRE_AUDIT === '1';
    return { ok: !required, output: `npm audit UNAVAILABLE (${verdict.detail}): this registry does not serve advisories.${required ? '' : ' Not enforced here; set SHOP_REQUIRE_AUDIT=1 to make this fatal.'}` };
  }
  return { ok: verdict.verdict === 'pass', output: `${verdict.detail}${verdict.findings.length ? `\nhigh or critical: ${verdict.findings.join(', ')}` : ''}` };
}

/** CycloneDX SBOM of the production dependency tree at reports/sbom.cdx.json. */
function sbom(outputFile = SBOM_PATH) {
  mkdirSync(join(outputFile, '..'), { recursive: true });
  const result = run(bin('cyclonedx-npm'), ['--omit', 'dev', '--output-format', 'JSON', '--output-file', outputFile, '--flatten-components']);
  if (!result.ok || !existsSync(outputFile)) return result;
  const bom = JSON.parse(readFileSync(outputFile, 'utf8'));
  const ok = bom.bomFormat === 'CycloneDX' && Array.isArray(bom.components) && bom.components.length > 0;
  return { ok, output: `${bom.components?.length ?? 0} components, CycloneDX ${bom.specVersion} -> ${outputFile}` };
}

/**
 * Kubernetes manifests (apps/k8s-check): every overlay and component combination
 * rendered with `kubectl kustomize`, schema-checked with unknown fields rejected,
 * through the manifest gate, and their NetworkPolicies and Istio policies evaluated
 * against libs/topology; and the generated files up to date with the topology.
 * `args` (tests) are passed to k8s-check, for example `--file rendered.yaml`.
 */
function kubernetes(args = []) {
  const build = run('npm', ['run', '--silent', 'build']);
  if (!build.ok) return build;
  const drift = args.length > 0 ? { ok: true, output: '' } : run(process.execPath, [join(ROOT, 'dist/apps/deploy-gen/src/main.js'), '--check']);
  const check = run(process.execPath, [join(ROOT, 'dist/apps/k8s-check/src/main.js'), ...args]);
  return { ok: drift.ok && check.ok, output: `${drift.output}${check.output}` };
}

const GATES = [
  { name: 'lint (eslint + security + boundaries + shop rules)', run: lint },
  { name: 'secrets (secretlint + tracked key material)', run: () => secrets() },
  { name: 'dependencies: lockfile-lint', run: () => lockfile() },
  { name: 'dependencies: npm audit (prod, high)', run: audit },
  { name: 'sbom (CycloneDX, production deps)', run: () => sbom() },
  { name: 'kubernetes manifests (kustomize, schemas, IaC rules, policies = topology)', run: () => kubernetes() },
];

module.exports = { GATES, ROOT, SBOM_PATH, lint, suppressions, secrets, lockfile, audit, sbom, kubernetes, run, bin };
