// Three projects: `unit` (pure modules, no services), `workflow` (time-skipping test server and
// replay of recorded histories) and `integration` (real PostgreSQL, Temporal dev server and SMTP
// catcher started once by test/globalSetup.ts; browser tests too). `npm test` runs all three.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] };
module.exports = {
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{schema,workflows,activities,api,bin}/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/workflow\\.test\\.ts$', '\\.workflow\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'workflow',
      testMatch: ['<rootDir>/workflows/**/workflow.test.ts', '<rootDir>/workflows/**/*.workflow.test.ts', '<rootDir>/test/replay/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/quietTemporal.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/replay/'],
      setupFiles: ['<rootDir>/test/quietTemporal.ts'],
      globalSetup: '<rootDir>/test/globalSetup.ts',
      globalTeardown: '<rootDir>/test/globalTeardown.ts',
    },
  ],
};
