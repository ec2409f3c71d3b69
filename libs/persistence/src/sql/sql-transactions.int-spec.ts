import { DataSource, QueryFailedError } from 'typeorm';
import { buildDataSourceOptions } from '../data-source.options';
import { SqlTransactions } from './sql-transactions';

const TABLE = 'sql_transaction_spec';

describe('SqlTransactions (raw transactions on TypeORM’s pg pool)', () => {
  let dataSource: DataSource;
  let sql: SqlTransactions;
  const pool = () => (dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
  const ids = async (): Promise<number[]> => (await dataSource.query(`SELECT id FROM ${TABLE} ORDER BY id`)).map((r: { id: number }) => r.id);

  beforeAll(async () => {
    dataSource = await new DataSource(buildDataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
    sql = new SqlTransactions(dataSource);
    await dataSource.query(`CREATE TABLE ${TABLE} (id int PRIMARY KEY)`);
  });
  afterAll(async () => {
    await dataSource.query(`DROP TABLE ${TABLE}`);
    await dataSource.destroy();
  });
  beforeEach(() => dataSource.query(`DELETE FROM ${TABLE}`));

  it('commits what the work wrote and returns its result', async () => {
    const result = await sql.run(async (tx) => {
      await tx.query(`INSERT INTO ${TABLE} (id) VALUES ($1)`, [1]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await ids()).toEqual([1]);
  });

  it('rolls back everything, the opening statement included, when the work throws, and rethrows', async () => {
    const failure = new Error('refused');
    await expect(
      sql.run(async (tx) => {
        await tx.query(`INSERT INTO ${TABLE} (id) VALUES ($1)`, [2]);
        throw failure;
      }, `INSERT INTO ${TABLE} (id) VALUES (1)`),
    ).rejects.toBe(failure);
    expect(await ids()).toEqual([]);
  });

  it('gives the work the rows of the opening statement, sent in the same transaction as BEGIN', async () => {
    await dataSource.query(`INSERT INTO ${TABLE} (id) VALUES (7)`);
    const seen = await sql.run(async (tx, opened) => {
      const [{ assigned }] = await tx.query(`SELECT txid_current_if_assigned() IS NOT NULL AS assigned`);
      return { opened, inTransaction: assigned };
    }, `SELECT id FROM ${TABLE} FOR UPDATE`);
    // FOR UPDATE assigned a transaction id that the later statement still sees: one transaction.
    expect(seen).toEqual({ opened: [{ id: 7 }], inTransaction: true });
  });

  it('answers query() in the shape of EntityManager.query: rows, or [rows, affected] for UPDATE and DELETE', async () => {
    await dataSource.query(`INSERT INTO ${TABLE} (id) VALUES (1), (2)`);
    const viaTypeorm = await dataSource.transaction(async (em) => [
      await em.query(`SELECT id FROM ${TABLE} WHERE id = $1`, [1]),
      await em.query(`UPDATE ${TABLE} SET id = id WHERE id > $1`, [0]),
      await em.query(`DELETE FROM ${TABLE} WHERE id = $1 RETURNING id`, [2]),
      await em.query(`INSERT INTO ${TABLE} (id) VALUES ($1) RETURNING id`, [2]),
    ]);
    const viaRaw = await sql.run(async (tx) => [
      await tx.query(`SELECT id FROM ${TABLE} WHERE id = $1`, [1]),
      await tx.query(`UPDATE ${TABLE} SET id = id WHERE id > $1`, [0]),
      await tx.query(`DELETE FROM ${TABLE} WHERE id = $1 RETURNING id`, [2]),
      await tx.query(`INSERT INTO ${TABLE} (id) VALUES ($1) RETURNING id`, [2]),
    ]);
    expect(viaRaw).toEqual(viaTypeorm);
    expect(viaRaw).toEqual([[{ id: 1 }], [[], 2], [[{ id: 2 }], 1], [{ id: 2 }]]);
  });

  it('runs a named prepared statement again and again on the same connection', async () => {
    for (const id of [1, 2, 3]) {
      const result = await sql.run((tx) => tx.prepared('sql_transaction_spec.insert', `INSERT INTO ${TABLE} (id) VALUES ($1) RETURNING id`, [id]));
      expect(result).toMatchObject({ command: 'INSERT', rowCount: 1, rows: [{ id }] });
    }
    expect(await ids()).toEqual([1, 2, 3]);
  });

  it('throws a unique violation as TypeORM does (QueryFailedError, SQLSTATE 23505, same message)', async () => {
    await dataSource.query(`INSERT INTO ${TABLE} (id) VALUES (1)`);
    const insert = `INSERT INTO ${TABLE} (id) VALUES ($1)`;
    const viaTypeorm = await dataSource.transaction((em) => em.query(insert, [1])).catch((err) => err);
    const viaRaw = await sql.run((tx) => tx.query(insert, [1])).catch((err) => err);
    const viaPrepared = await sql.run((tx) => tx.prepared('sql_transaction_spec.insert_plain', insert, [1])).catch((err) => err);
    for (const err of [viaTypeorm, viaRaw, viaPrepared]) {
      expect(err).toBeInstanceOf(QueryFailedError);
      expect(err).toMatchObject({ code: '23505', message: viaTypeorm.message, driverError: { code: '23505' } });
    }
    expect(await ids()).toEqual([1]);
  });

  it('refuses to report a commit when a statement failed unseen (the transaction was aborted)', async () => {
    await dataSource.query(`INSERT INTO ${TABLE} (id) VALUES (1)`);
    await expect(
      sql.run(async (tx) => {
        await tx.query(`INSERT INTO ${TABLE} (id) VALUES ($1)`, [1]).catch(() => undefined);
      }),
    ).rejects.toThrow(/aborted/);
  });

  it('returns the client to the pool after commits and rollbacks', async () => {
    await sql.run((tx) => tx.query('SELECT 1'));
    await sql.run(() => Promise.reject(new Error('no'))).catch(() => undefined);
    await sql.run((tx) => tx.query('SELECT nonsense')).catch(() => undefined);
    expect(pool().idleCount).toBe(pool().totalCount);
  });

  it('survives its connection being killed between statements, discards it, and the pool goes on', async () => {
    const killed = sql.run(async (tx) => {
      const [{ pid }] = await tx.query('SELECT pg_backend_pid() AS pid');
      await dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
      // the client emits 'error' while idle here; unhandled, it would crash the process
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tx.query('SELECT 1');
    });
    const err = await killed.catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    // terminated connections are not given back as idle
    expect(pool().idleCount).toBe(pool().totalCount);
    expect(await sql.run(async (tx) => (await tx.query('SELECT 1 AS ok'))[0].ok)).toBe(1);
  });
});
