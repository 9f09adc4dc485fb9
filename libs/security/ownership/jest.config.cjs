// Unit tests, and integration tests (*.int.spec.ts) of the owner filter and
// the RLS policy against a real PostgreSQL: PGHOST when set (CI), otherwise
// an embedded one for this run (jest-db-setup.ts).
module.exports = {
  displayName: 'ownership',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../../libs/testing/src/jest-db-setup.ts',
  globalTeardown: '<rootDir>/../../../libs/testing/src/jest-global-teardown.ts',
};
