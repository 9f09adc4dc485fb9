// Unit tests and integration tests (*.int.spec.ts) against a real PostgreSQL that
// checks passwords: always an embedded one (scram-sha-256), see jest-password-db-setup.ts.
module.exports = {
  displayName: 'persistence',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../libs/testing/src/jest-password-db-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
};
