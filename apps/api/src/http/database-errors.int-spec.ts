import { buildDataSourceOptions, SqlTransactions, type SqlExecutor } from '@app/persistence';
import { DataSource } from 'typeorm';
import { toErrorBody } from './all-exceptions.filter';

// The write path runs on raw pg clients (SqlTransactions), the rest on TypeORM: a database error
// must answer the same either way.
describe('database errors through TypeORM and through SqlTransactions answer alike', () => {
  let dataSource: DataSource;
  let sql: SqlTransactions;
  type Runner = <T>(work: (q: SqlExecutor) => Promise<T>) => Promise<T>;
  const runners: [string, Runner][] = [
    ['TypeORM', (work) => dataSource.transaction((em) => work(em))],
    ['SqlTransactions', (work) => sql.run((tx) => work(tx))],
  ];

  beforeAll(async () => {
    dataSource = await new DataSource(buildDataSourceOptions(process.env.DATABASE_URL!, 3)).initialize();
    sql = new SqlTransactions(dataSource);
    await dataSource.query(`CREATE TABLE database_errors_spec (id int PRIMARY KEY)`);
    await dataSource.query(`INSERT INTO database_errors_spec VALUES (1)`);
  });
  afterAll(async () => {
    await dataSource.query(`DROP TABLE database_errors_spec`);
    await dataSource.destroy();
  });

  const failureOf = (run: Runner, work: (q: SqlExecutor) => Promise<unknown>) => run(work).then(() => { throw new Error('expected a failure'); }, (err) => err);

  it.each(runners)('%s: a unique violation is no client error (500, logged)', async (_, run) => {
    const err = await failureOf(run, (q) => q.query(`INSERT INTO database_errors_spec VALUES ($1)`, [1]));
    expect(err.code).toBe('23505');
    expect(toErrorBody(err)).toBeUndefined();
  });

  it.each(runners)('%s: a connection killed during a statement answers 503', async (_, run) => {
    const err = await failureOf(run, async (q) => {
      const [{ pid }] = await q.query(`SELECT pg_backend_pid() AS pid`);
      setTimeout(() => void dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]), 100);
      await q.query(`SELECT pg_sleep(5)`);
    });
    expect(toErrorBody(err)).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('SqlTransactions: a connection killed between statements answers 503 too', async () => {
    const err = await failureOf(runners[1][1], async (q) => {
      const [{ pid }] = await q.query(`SELECT pg_backend_pid() AS pid`);
      await dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await q.query(`SELECT 1`);
    });
    expect(toErrorBody(err)).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
  });
});
