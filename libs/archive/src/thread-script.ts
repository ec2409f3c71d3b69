import { extname, join } from 'node:path';

/**
 * The script of one of this library's worker threads (`name`, e.g. 'export.worker') and its node flags: the built
 * .js beside this file, inheriting the process's flags (--cpu-prof profiles the threads too); under jest, where the
 * sources run as TypeScript, the .ts with swc's loader.
 */
export function threadScript(name: string): { file: string; execArgv: string[] | undefined } {
  const ext = extname(__filename);
  return { file: join(__dirname, `${name}${ext}`), execArgv: ext === '.ts' ? [...process.execArgv, '-r', '@swc-node/register'] : undefined };
}
