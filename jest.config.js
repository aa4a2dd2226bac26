/** Unit tests import pure modules; e2e tests spawn the built gateway (dist/) and talk HTTP to it. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testTimeout: 90000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/coverage.setup.ts',
  globalTeardown: '<rootDir>/test/coverage.teardown.ts',
};
