import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockingDirectory, clusterPlaces, EmbeddedPostgresUnavailable, packagedNative } from './embedded-postgres.paths';
import { startEmbeddedPostgres } from './embedded-postgres';
import { openSqlSession } from './sql/sql-session';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
const isRoot = process.getuid?.() === 0;
// An account that owns nothing here: it passes a directory only through its "other" permission bits.
const stranger = { uid: 54_321, gid: 54_321 };

describe(clusterPlaces.name, () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'mde-places-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps binaries and data where they are for a user who is not root', () => {
    const native = { dir: join(root, 'native'), version: '18' };
    expect(clusterPlaces(join(root, 'data'), undefined, join(root, 'shared'), native)).toEqual({ binDir: join(root, 'native', 'bin'), databaseDir: join(root, 'data', 'pg') });
  });

  it('finds the directory postgres cannot pass (mode 700 of another owner)', () => {
    const closed = join(root, 'closed');
    mkdirSync(join(closed, 'app'), { recursive: true });
    chmodSync(root, 0o755);
    chmodSync(closed, 0o700);
    expect(blockingDirectory(join(closed, 'app', 'bin', 'postgres'), stranger)).toBe(closed);
    chmodSync(closed, 0o711);
    expect(blockingDirectory(join(closed, 'app', 'bin', 'postgres'), stranger)).toBeUndefined();
  });

  it('says in one line what to change when the shared directory cannot be made', () => {
    chmodSync(root, 0o700);
    // A directory cannot be made below a file (ENOTDIR), as below a read-only mount (EROFS).
    writeFileSync(join(root, 'file'), '');
    const attempt = () => clusterPlaces(join(root, 'data'), stranger, join(root, 'file', 'shared'), { dir: join(root, 'native'), version: '18' });
    expect(attempt).toThrow(EmbeddedPostgresUnavailable);
    expect(attempt).toThrow(/^The embedded PostgreSQL runs as the user postgres, which cannot reach its binaries \(.* is mode 700\), and .*\/file\/shared cannot be created \(ENOTDIR\): set EMBEDDED_PG_SHARED_DIR/);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

// The README's `npm start` as root in /root/app (mode 700): PostgreSQL runs as the user postgres,
// which must reach its binaries and data. Run as another user, the same start must simply work.
describe(`${startEmbeddedPostgres.name} from a private directory (mode 700)${isRoot ? ', as root' : ''}`, () => {
  let home: string;
  let shared: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'mde-private-'));
    shared = mkdtempSync(join(tmpdir(), 'mde-shared-'));
    chmodSync(home, 0o700);
    chmodSync(shared, 0o755);
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(shared, { recursive: true, force: true });
  });

  it('initialises, serves, stops and starts again on the same data', async () => {
    // The app's own copy of the binaries lives inside the private directory, as node_modules would.
    const packaged = packagedNative();
    const native = { dir: join(home, 'app', 'native'), version: `${packaged.version}-test` };
    cpSync(packaged.dir, native.dir, { recursive: true, verbatimSymlinks: true });
    const dataDir = join(home, 'app', '.data');
    const port = await freePort();
    const lines: string[] = [];
    const start = () => startEmbeddedPostgres(dataDir, port, { sharedDir: shared, native, log: (line) => lines.push(line) });

    const first = await start();
    const session = await openSqlSession(first.url);
    await session.query(`CREATE TABLE kept (note text)`);
    await session.query(`INSERT INTO kept VALUES ('重大行政决策')`);
    await session.end();
    await first.stop();

    const second = await start();
    const again = await openSqlSession(second.url);
    expect(await again.query('SELECT note FROM kept')).toEqual([{ note: '重大行政决策' }]);
    await again.end();
    await second.stop();

    if (isRoot) {
      // Out of the postgres user's reach, both went to the shared directory; DATA_DIR says where.
      expect(lines.some((line) => line.includes('the user postgres cannot reach them'))).toBe(true);
      expect(existsSync(join(shared, `bin-${native.version}`, 'bin', 'postgres'))).toBe(true);
      const location = readFileSync(join(dataDir, 'pg-location'), 'utf8').trim();
      expect(location.startsWith(`${shared}/data-`)).toBe(true);
      expect(existsSync(join(location, 'PG_VERSION'))).toBe(true);
    } else {
      expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    }
  }, 120_000);
});
