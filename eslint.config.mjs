import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nx from '@nx/eslint-plugin';
import security from 'eslint-plugin-security';
import shop from './tools/eslint-plugin-shop/index.cjs';

const SHARED_DEPS = ['type:contract', 'type:util', 'type:security-foundation'];

/**
 * Every project under apps/ and libs/ (two levels, for libs/security/*) with
 * the tags of its project.json. The rules below are derived from tags, never
 * from a list of names, so a new service gets every rule by its tags alone.
 */
function projects(root = dirname(fileURLToPath(import.meta.url))) {
  const found = [];
  const visit = (dir, depth) => {
    const manifest = join(root, dir, 'project.json');
    if (existsSync(manifest)) {
      found.push({ root: dir, tags: JSON.parse(readFileSync(manifest, 'utf8')).tags ?? [] });
      return;
    }
    if (depth === 0 || !existsSync(join(root, dir))) return;
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) if (entry.isDirectory()) visit(`${dir}/${entry.name}`, depth - 1);
  };
  visit('apps', 1);
  visit('libs', 2);
  visit('tools', 0);
  return found;
}

const PROJECTS = projects();
/** The services: projects tagged type:app. */
const SERVICE_GLOBS = PROJECTS.filter((p) => p.tags.includes('type:app')).map((p) => `${p.root}/**/*.ts`);
/** Every scope but the shared one may use only itself and shared code. */
const SCOPES = [...new Set(PROJECTS.flatMap((p) => p.tags).filter((tag) => tag.startsWith('scope:') && tag !== 'scope:shared'))].sort();

/**
 * Module boundaries: an app never imports another app, security libs never
 * import each other (only the foundation: secrets, audit), and nothing but
 * tests imports the testing lib.
 */
const depConstraints = [
  ...SCOPES.map((scope) => ({
    sourceTag: scope,
    onlyDependOnLibsWithTags: [scope, 'scope:shared'],
  })),
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:security', 'type:testing', ...SHARED_DEPS] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:security', ...SHARED_DEPS] },
  { sourceTag: 'type:security', onlyDependOnLibsWithTags: SHARED_DEPS },
  { sourceTag: 'type:security-foundation', onlyDependOnLibsWithTags: ['type:contract', 'type:util', 'type:security-foundation'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: SHARED_DEPS },
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'] },
  { sourceTag: 'type:devtools', onlyDependOnLibsWithTags: ['type:devtools', 'type:platform', 'type:security', 'type:testing', ...SHARED_DEPS] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:devtools', 'type:platform', 'type:security', ...SHARED_DEPS] },
];

export default [
  { ignores: ['**/dist', '**/node_modules', '.dev/**', 'tmp/**', 'bench/results/**', '.nx/**', 'coverage/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  security.configs.recommended,
  {
    // Reviewed: every computed property access uses keys from typed maps, not user input.
    files: ['**/*.ts', '**/*.cjs'],
    rules: { 'security/detect-object-injection': 'off' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: true, allow: [], depConstraints }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Project-specific SAST rules (tools/eslint-plugin-shop), everywhere,
    // JavaScript included, so a .cjs/.mjs file is no way around them.
    files: ['**/*.{ts,js,cjs,mjs}'],
    plugins: { shop },
    rules: {
      'shop/jwt-verify-algorithms': 'error',
      'shop/no-tls-verification-off': 'error',
      'shop/no-sql-string-building': 'error',
      'shop/no-hardcoded-secret': 'error',
      'shop/disable-needs-reason': 'error',
    },
  },
  {
    // Service and library code reads settings through @shop/config only.
    files: ['**/*.ts', '{apps,libs}/**/*.{js,cjs,mjs}'],
    plugins: { shop },
    rules: { 'shop/env-only-in-config': 'error' },
  },
  {
    // Only the config lib reads the environment. Test infrastructure sets it up for
    // the processes it starts (PG* for workers, JEST_WORKER_ID for port blocks).
    files: ['libs/config/**/*.ts', 'libs/testing/**/*.ts', '**/*.spec.ts'],
    rules: { 'shop/env-only-in-config': 'off' },
  },
  {
    // Test fixtures are made-up credentials and SQL against throw-away databases.
    files: ['**/*.spec.ts'],
    rules: { 'shop/no-hardcoded-secret': 'off', 'shop/no-sql-string-building': 'off' },
  },
  {
    // Outbound URLs in the services and the libs they run (dev tooling calls its own ops ports).
    files: [...SERVICE_GLOBS, 'libs/**/*.ts'],
    ignores: ['libs/{dev-platform,testing,attack-lab}/**', '**/*.spec.ts'],
    rules: { 'shop/no-unvalidated-url': 'error' },
  },
  {
    // Tests may use any lib as a real part (certificates from pki, fixtures
    // from testing); only apps stay off limits.
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [{ sourceTag: '*', notDependOnLibsWithTags: ['type:app'] }],
        },
      ],
    },
  },
  {
    // These modules exist to read and write files at paths from configuration
    // (SECRETS_DIR, .dev, generated deployment files, test temp folders), never at paths from a request.
    files: [
      'libs/security/secrets/**/*.ts',
      'libs/security/pki/**/*.ts',
      'libs/dev-platform/**/*.ts',
      'libs/deploy/**/*.ts',
      'libs/vault/**/*.ts',
      'libs/k8s-check/**/*.ts',
      'libs/testing/**/*.ts',
      'libs/attack-lab/**/*.ts',
      'apps/launcher/**/*.ts',
      'apps/platform-init/**/*.ts',
      'apps/attack-lab/**/*.ts',
      'apps/docs-gen/**/*.ts',
      'apps/fuzz/**/*.ts',
      'apps/deploy-gen/**/*.ts',
      'apps/service-gen/**/*.ts',
      'apps/k8s-check/**/*.ts',
      'apps/bench/**/*.ts',
      'apps/e2e/**/*.ts',
      'tools/**/*.{ts,cjs}',
      '**/*.spec.ts',
    ],
    rules: { 'security/detect-non-literal-fs-filename': 'off' },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**', 'apps/e2e/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@shop/testing', message: 'Test fixtures are for *.spec.ts files only.' }] }],
    },
  },
];
