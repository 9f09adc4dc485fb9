// Unit tests (*.spec.ts) and integration tests (*.int.spec.ts) against a real
// PostgreSQL: PGHOST when set (CI: 127.0.0.1:5432), embedded otherwise.
module.exports = {
  displayName: 'inventory',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../libs/testing/src/jest-db-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
};
