import nx from '@nx/eslint-plugin';
import security from 'eslint-plugin-security';
import shop from './tools/eslint-plugin-shop/index.cjs';

const SHARED_DEPS = ['type:contract', 'type:util', 'type:security-foundation'];

/**
 * Module boundaries: an app never imports another app, security libs never
 * import each other (only the foundation: secrets, audit), and nothing but
 * tests imports the testing lib.
 */
const depConstraints = [
  ...['gateway', 'auth', 'order', 'payment', 'inventory', 'tools'].map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
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
    files: ['apps/{gateway,auth,order,payment,inventory}/**/*.ts', 'libs/**/*.ts'],
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
    files: ['libs/security/secrets/**/*.ts', 'libs/security/pki/**/*.ts', 'libs/dev-platform/**/*.ts', 'libs/deploy/**/*.ts', 'libs/vault/**/*.ts', 'libs/testing/**/*.ts', 'libs/attack-lab/**/*.ts', 'apps/bench/**/*.ts', 'apps/e2e/**/*.ts', 'tools/**/*.{ts,cjs}', '**/*.spec.ts'],
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
