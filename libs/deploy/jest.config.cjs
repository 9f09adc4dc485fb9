// The secret-mount test provisions a throw-away database like `npm start` does:
// PostgreSQL at PGHOST when set (CI: 127.0.0.1:5432), embedded otherwise.
module.exports = {
  displayName: 'deploy',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../libs/testing/src/jest-db-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
};
