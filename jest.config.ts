import type { Config } from 'jest';

const moduleNameMapper = { '^@pujiang/([a-z-]+)$': '<rootDir>/libs/$1/src' };
// @hyperledger/fabric-gateway 1.12 require()s @noble/curves and @noble/hashes, which ship
// only ES modules: Node 24 loads them as they are, jest's CommonJS runtime cannot, so jest
// compiles them to CommonJS (docs/decisions/0027).
const esModulesAsCommonJs: Config['transform'] = {
  '^.+/node_modules/@noble/.+\\.js$': [
    'ts-jest',
    { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs' } },
  ],
};
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
  transform: esModulesAsCommonJs,
  transformIgnorePatterns: ['/node_modules/(?!@noble/)'],
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
        '<rootDir>/scripts',
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
