import { Writable } from 'node:stream';
import pino from 'pino';
import { censorSecrets, loggerOptions, safeError, safeRequest, safeResponse, scrubText } from './log-redaction';

const PLANTED = 'planted-13800138000';

/** Lines a logger with the shared options writes for `log`. */
function linesOf(log: (logger: pino.Logger) => void, level = 'trace'): string {
  let out = '';
  const sink = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
  log(pino(loggerOptions(level), sink));
  return out;
}

describe(scrubText.name, () => {
  it.each([
    [`invalid input syntax for type uuid: "${PLANTED}"`, 'invalid input syntax for type uuid: […]'],
    [`Unexpected token 'x', "{"title": "${PLANTED}"}" is not valid JSON`, 'Unexpected token […]'],
    ['connect ECONNREFUSED 127.0.0.1:5432', 'connect ECONNREFUSED 127.0.0.1:5432'],
    [`redis://user:${PLANTED}@cache:6379 unreachable`, 'redis://user:***@cache:6379 unreachable'],
    [`POST https://hooks.example.gov.cn/notify?token=${PLANTED} failed`, 'POST https://hooks.example.gov.cn/notify?[…] failed'],
  ])('cuts %j before any value', (input, output) => {
    expect(scrubText(input)).toBe(output);
  });
});

describe(safeError.name, () => {
  // A TypeORM QueryFailedError as it arrives: the statement, its parameters, the driver's detail.
  const queryFailed = () =>
    Object.assign(new Error(`invalid input syntax for type integer: "${PLANTED}"`), {
      name: 'QueryFailedError',
      code: '22P02',
      query: `INSERT INTO t (a) VALUES ('${PLANTED}')`,
      parameters: [PLANTED, Buffer.from(PLANTED)],
      detail: `Key (a)=(${PLANTED}) already exists.`,
      where: `unnamed portal parameter $1 = '${PLANTED}'`,
      routine: 'pg_strtoint32_safe',
      driverError: { code: '22P02', parameters: [PLANTED] },
    });

  it('keeps the type, code, routine and code locations of a failed query, and nothing it wrote', () => {
    const logged = safeError(queryFailed())!;
    expect(logged).toMatchObject({ code: '22P02', routine: 'pg_strtoint32_safe', message: 'invalid input syntax for type integer: […]' });
    expect(logged.stack).toMatch(/\n\s+at /);
    expect(JSON.stringify(logged)).not.toContain(PLANTED);
  });

  it('does so for the cause of an error too', () => {
    expect(JSON.stringify(safeError(new Error('wrapped', { cause: queryFailed() })))).not.toContain(PLANTED);
  });
});

describe(loggerOptions.name, () => {
  it('lets no planted value through, at any level, whatever the caller logs', () => {
    const out = linesOf((log) => {
      log.trace({ body: { content: PLANTED }, headers: { authorization: `Bearer ${PLANTED}` } }, 'request body');
      log.debug({ payload: { contact: PLANTED } }, 'payload');
      log.info({ user: { token: PLANTED, contact: PLANTED } }, `query failed: "${PLANTED}"`);
      log.error({ err: Object.assign(new Error(`bad "${PLANTED}"`), { parameters: [PLANTED] }) }, 'failed');
      log.warn(`firing 1 failed, will retry: QueryFailedError: invalid input syntax for type uuid: "${PLANTED}"`);
    });
    expect(out.split('\n').filter(Boolean)).toHaveLength(5);
    expect(out).not.toContain(PLANTED);
  });

  it('censors secret keys two levels down, in arrays, in bindings and in interpolated objects, and leaves the caller its object', () => {
    const logged = { items: [{ token: PLANTED }], user: { profile: { password: PLANTED } }, count: 2 };
    const out = linesOf((log) => {
      log.info(logged, 'listed');
      log.child({ session: { cookie: PLANTED } }).info('bound');
      log.info('interpolated %j', { secret: PLANTED });
    });
    expect(out).not.toContain(PLANTED);
    expect(JSON.parse(out.split('\n')[0])).toMatchObject({ items: [{ token: '[redacted]' }], user: { profile: { password: '[redacted]' } }, count: 2 });
    expect(logged.items[0].token).toBe(PLANTED);
  });

  it('still says what happened', () => {
    const out = linesOf((log) => log.warn({ err: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) }, 'database away'));
    expect(JSON.parse(out)).toMatchObject({ msg: 'database away', err: { type: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' } });
  });
});

describe(safeRequest.name, () => {
  it('shows method, path and id, never the query string', () => {
    expect(safeRequest({ id: 'r1', method: 'GET', url: `/api/decisions?q=${PLANTED}` })).toEqual({ id: 'r1', method: 'GET', path: '/api/decisions' });
  });

  it('shows the path as received, not as a router rewrote it', () => {
    expect(safeRequest({ id: 'r1', method: 'GET', url: '/x', originalUrl: `/api/decisions/x?q=${PLANTED}` })).toEqual({ id: 'r1', method: 'GET', path: '/api/decisions/x' });
  });
});

describe(safeResponse.name, () => {
  it('shows the status once headers went out, null before (an aborted request)', () => {
    expect(safeResponse({ statusCode: 200, headersSent: true })).toEqual({ statusCode: 200 });
    expect(safeResponse({ statusCode: 200, headersSent: false })).toEqual({ statusCode: null });
    expect(safeResponse({ statusCode: null as unknown as number })).toEqual({ statusCode: null });
  });
});

describe(censorSecrets.name, () => {
  it('returns what it censors nothing in as it is, and looks two levels down', () => {
    const clean = { a: { b: { c: 1 } }, list: [1, 2] };
    expect(censorSecrets(clean)).toBe(clean);
    expect(censorSecrets({ a: { b: { c: { token: 'deeper than the paths' } } } })).toEqual({ a: { b: { c: { token: 'deeper than the paths' } } } });
  });
});
