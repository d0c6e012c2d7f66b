import type { Config } from 'jest';

const moduleNameMapper = { '^@pujiang/([a-z-]+)$': '<rootDir>/libs/$1/src' };
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
};

/**
 * unit: beside the code, no servers, fast.
 * integration: one library or service against the real PostgreSQL, Kafka or Fabric;
 *   test/stack: the stack scripts an operator runs (chaincode upgrade) and what
 *   they set up (Kafka's users and ACLs).
 * fault: the real stack's processes killed and restarted under load (test/fault).
 * fuzz: Schemathesis against each service's OpenAPI document on the real stack (test/fuzz).
 * conformance: DCSA's own Conformance Framework against our eBL platform (test/conformance).
 * e2e: stories across services against the whole stack (test/).
 */
const config: Config = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      roots: [
        '<rootDir>/libs',
        '<rootDir>/services',
        '<rootDir>/k8s',
        '<rootDir>/tools',
        '<rootDir>/test/layers',
      ],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'integration',
      roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/test/stack'],
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/require-stack.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/stack-timeouts.ts'],
    },
    {
      ...base,
      displayName: 'fault',
      roots: ['<rootDir>/test/fault'],
      testMatch: ['**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/test/support/require-stack.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/stack-timeouts.ts'],
    },
    {
      ...base,
      displayName: 'fuzz',
      roots: ['<rootDir>/test/fuzz'],
      testMatch: ['**/*.fuzz-spec.ts'],
      globalSetup: '<rootDir>/test/support/require-stack.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/stack-timeouts.ts'],
    },
    {
      ...base,
      displayName: 'conformance',
      roots: ['<rootDir>/test/conformance'],
      testMatch: ['**/*.conformance-spec.ts'],
      globalSetup: '<rootDir>/test/support/require-stack.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/stack-timeouts.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/require-stack.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/stack-timeouts.ts'],
    },
  ],
};

export default config;
