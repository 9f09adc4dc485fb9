// The template test provisions a real database (the dev bootstrap writes the
// reference secrets): PGHOST when set (CI: 127.0.0.1:5432), embedded otherwise.
module.exports = {
  displayName: 'vault',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../libs/testing/src/jest-db-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 120_000,
};
