/** Chaincode unit tests: contracts run against an in-memory stub, no peer. */
module.exports = {
  displayName: 'chaincode',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
};
