// Three layers, one command: `npm test` runs them all.
//  unit         libs/**/*.spec.ts            pure, no services
//  integration  {libs,apps,bench,test/integration}/**/*.int-spec.ts   real PostgreSQL + Redis, fresh database per run
//  e2e          test/**/*.e2e-spec.ts        the HTTP API over a real server, fresh database per run (console-*: in Chromium)
//  web          apps/web/**/*.spec.tsx       the console's components in jsdom
const { pathsToModuleNameMapper } = require('./test/jest/paths');

const esmPackages = ['jose', '@nestjs', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit', '@apidevtools'];
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest'] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: pathsToModuleNameMapper(),
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
// The console's component tests: React in jsdom, TSX through swc, the build-time form validators compiled at test time.
const web = {
  ...base,
  displayName: 'web',
  testEnvironment: '<rootDir>/apps/web/src/testing/jsdom-environment.js',
  testMatch: ['<rootDir>/apps/web/**/*.spec.tsx'],
  setupFiles: ['<rootDir>/apps/web/src/testing/jsdom-setup.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }] },
  // several of the console's dependencies ship only ES modules: swc turns every module into CommonJS (cached)
  transformIgnorePatterns: [],
  moduleNameMapper: { '^virtual:form-validators$': '<rootDir>/apps/web/src/testing/form-validators.ts', '\\.css$': '<rootDir>/apps/web/src/testing/empty-module.ts' },
  moduleFileExtensions: ['tsx', 'ts', 'js', 'mjs', 'json'],
};
const withServices = {
  ...base,
  globalSetup: '<rootDir>/test/jest/global-setup.ts',
  globalTeardown: '<rootDir>/test/jest/global-teardown.ts',
  setupFiles: ['<rootDir>/test/jest/services-env.ts'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/eslint/**/*.spec.ts'] },
    { ...withServices, displayName: 'integration', testMatch: ['<rootDir>/libs/**/*.int-spec.ts', '<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/bench/**/*.int-spec.ts', '<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...withServices, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    web,
  ],
};
