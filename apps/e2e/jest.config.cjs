// End-to-end: each file boots the real platform (five processes, real TLS,
// real PostgreSQL and Redis), so files run one at a time.
module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['**/*.e2e.spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 120_000,
};
