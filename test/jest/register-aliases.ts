import Module from 'node:module';
import { join } from 'node:path';

// Global setup and teardown run outside jest's module system, so moduleNameMapper does not apply:
// resolve the tsconfig @app/* aliases (through the one alias table, test/jest/paths.js) here too.
const { pathsToModuleNameMapper } = require('./paths') as { pathsToModuleNameMapper(): Record<string, string> };
const root = join(__dirname, '..', '..');
const aliases = Object.entries(pathsToModuleNameMapper()).map(
  ([pattern, target]) => [new RegExp(pattern), target.replace('<rootDir>', root)] as const,
);

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]) {
  const alias = aliases.find(([pattern]) => pattern.test(request));
  return resolve.call(this, alias ? alias[1] : request, ...rest);
};
