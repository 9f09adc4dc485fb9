// Shared Jest settings: SWC instead of ts-jest (fast, and it keeps the
// decorator metadata NestJS needs), a Node environment, and @shop/* resolved
// straight from source. The SWC options come from the one .swcrc the build uses.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { jsc, module: moduleOptions } = JSON.parse(readFileSync(join(__dirname, '.swcrc'), 'utf8'));
// Jest resolves @shop/* itself (moduleNameMapper), so the build's path rewriting is not needed.
const { baseUrl: _baseUrl, paths: _paths, ...jestJsc } = jsc;

module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/?(*.)+(spec|test).ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { swcrc: false, jsc: jestJsc, module: moduleOptions, sourceMaps: 'inline' }],
  },
  // jose is ESM-only; Jest's own module system needs it as CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper: {
    '^@shop/(.*)$': join(__dirname, 'libs/$1/src/index.ts'),
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  clearMocks: true,
  passWithNoTests: true,
};
