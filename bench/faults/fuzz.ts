import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import type { Environment } from '../lib/harness';
import { request } from '../lib/http';
import type { ServerProcess } from '../lib/server';
import { prng } from '../lib/util';
import { check, draftingDecisions, DRILL_JURISDICTION, drillTokens, type DrillResult } from './common';

/** One generated request: method, path, headers and a raw body (string or bytes, sent as is). */
interface FuzzCase {
  label: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  auth?: string | null; // full Authorization header value; null: none
}

const EVENT_TYPES = [
  'ACCEPT_PROPOSAL', 'DECLINE_PROPOSAL', 'REVISE_DRAFT', 'OPEN_PUBLIC_COMMENT', 'CLOSE_PUBLIC_COMMENT', 'RECORD_HEARING', 'SCHEDULE_HEARING',
  'SUBMIT_PUBLIC_OPINION_REPORT', 'WAIVE_PUBLIC_PARTICIPATION', 'APPOINT_EXPERTS', 'RECORD_EXPERT_OPINION', 'SUBMIT_EXPERT_REPORT',
  'WAIVE_EXPERT_ARGUMENTATION', 'SUBMIT_RISK_REPORT', 'WAIVE_RISK_ASSESSMENT', 'SUBMIT_FOR_LEGALITY_REVIEW', 'RETURN_FOR_MATERIALS',
  'ISSUE_LEGALITY_OPINION', 'SUBMIT_FOR_COLLECTIVE_DISCUSSION', 'HOLD_MEETING', 'RECORD_OPINION', 'RECORD_DECISION', 'REPORT_TO_PARTY_COMMITTEE',
  'REPORT_TO_PEOPLES_CONGRESS', 'PUBLISH', 'ASSIGN_EXECUTION', 'REPORT_EXECUTION', 'START_POST_EVALUATION', 'SUBMIT_POST_EVALUATION',
  'SUSPEND_EXECUTION', 'RESUME_EXECUTION', 'START_ADJUSTMENT', 'STOP_EXECUTION', 'COMPLETE_EXECUTION', 'WITHDRAW', 'PUBLIC_COMMENT_ELAPSED', 'CREATE_DECISION',
];
const FIELDS = [
  'title', 'category', 'summary', 'confidential', 'text', 'materialId', 'changeSummary', 'startsAt', 'endsAt', 'channels', 'urgencyReason', 'experts',
  'expertName', 'signed', 'opinion', 'conclusion', 'legalBasis', 'procedureStatement', 'meetingType', 'heldAt', 'membersTotal', 'attendees', 'member',
  'isHead', 'position', 'outcome', 'deviationReason', 'publishedAt', 'unit', 'dueAt', 'reportEveryDays', 'reason', 'ground', 'undertakingUnit',
  'riskPoints', 'measures', 'level', 'controllable', 'missing', 'content', 'name', 'contact', 'year', 'items', 'profileId', 'deadlineId',
];

function deep(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** Garbage of every JSON type, and strings meant to hurt. */
function garbage(rnd: () => number): unknown {
  const pool: (() => unknown)[] = [
    () => null, () => true, () => 0, () => -1, () => 1e308, () => -0, () => 2 ** 53 + 1, () => 3.5, () => '', () => ' ', () => 'x'.repeat(20_000),
    () => '\u0000\u0001\u001f', () => '😀'.repeat(500), () => '\ud800', () => [], () => {}, () => [[[[[]]]]], () => ({ $gt: '' }), () => '<script>alert(1)</script>',
    () => "' OR 1=1; DROP TABLE decisions; --", () => '2026-13-45T99:99:99Z', () => 'NaN', () => 'Infinity', () => ({ __proto__: { admin: true } }),
    () => deep(60, 'object'), () => deep(60, 'array'), () => Array.from({ length: 2000 }, (_, i) => i), () => [{ name: null, field: 1 }],
    () => '00000000-0000-0000-0000-000000000000', () => '１２３', () => 'true', () => ['a', 1, null, {}], () => new Date(8.64e15).toISOString(),
  ];
  return pool[Math.floor(rnd() * pool.length)]();
}

function randomObject(rnd: () => number, fields = 1 + Math.floor(rnd() * 5)): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < fields; i++) o[FIELDS[Math.floor(rnd() * FIELDS.length)]] = garbage(rnd);
  return o;
}

const b64url = (v: object | string) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function hs256(claims: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${b64url(header)}.${b64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** Raw bytes over a socket: for requests no HTTP client would send. Resolves the status code (0: connection closed without one). */
function raw(port: number, bytes: string | Buffer, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const done = () => {
      socket.destroy();
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0));
    };
    socket.setTimeout(timeoutMs, done);
    socket.on('data', (d) => {
      data += d.toString('latin1');
      if (/^HTTP\/1\.[01] \d{3}/.test(data)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

/**
 * `count` generated malformed requests across every endpoint (bad JSON, wrong
 * types, unknown and missing fields, hostile strings, deep nesting, oversized
 * bodies, bad ids, query strings, headers, tokens and methods) plus a few
 * malformed HTTP messages on a raw socket. Passes with zero 5xx answers.
 */
export async function fuzzDrill(env: Environment, server: ServerProcess, o = { count: 400, seed: 7 }): Promise<DrillResult> {
  const rnd = prng(o.seed);
  const tokens = drillTokens(env);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const [id, id2] = await draftingDecisions(server.url, tokens, 2);
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'u1', name: 'u1', roles: ['drafter'], jurisdiction: DRILL_JURISDICTION, unit: 'agri-bureau', iat: now, exp: now + 3600 };
  const badTokens = [
    null, 'Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'Bearer x.y.z', 'Bearer ' + 'a'.repeat(4000), `Bearer ${hs256(claims, 'wrong-secret')}`,
    `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`, `Bearer ${hs256({ ...claims, exp: now - 60 }, env.jwtSecret)}`,
    `Bearer ${hs256({ ...claims, roles: 'admin' }, env.jwtSecret)}`, `Bearer ${hs256({ ...claims, roles: ['superuser'] }, env.jwtSecret)}`,
    `Bearer ${hs256({ ...claims, jurisdiction: undefined }, env.jwtSecret)}`, `Bearer ${hs256({ ...claims, sub: 42 }, env.jwtSecret)}`,
    `Bearer ${hs256(claims, env.jwtSecret, { alg: 'HS512', typ: 'JWT' })}`, `Bearer ${hs256('not json' as unknown as object, env.jwtSecret)}`,
  ];
  const goodAuth = () => `Bearer ${pick([tokens.drafter, tokens.secretary, tokens.head, tokens.reviewer, tokens.auditor, tokens.admin, tokens.executor])}`;
  const badIds = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(3000), '1%3BDROP%20TABLE%20decisions', '%E0%A4%A', '%', '😀', `${id}x`, id.toUpperCase()];
  const rawBodies: (string | Buffer)[] = [
    '{', '{"title":', 'null', '[]', '"str"', '123', '{"a":1}{', '\ufeff{"title":"x"}', Buffer.from([0xff, 0xfe, 0x00, 0x7b]), '['.repeat(50_000),
    `{"title":"${'长'.repeat(400_000)}"}`, '{"__proto__":{"polluted":true},"title":"t","category":"PUBLIC_POLICY"}', '{"constructor":{"prototype":{"x":1}}}',
    '{"title":"t","category":"PUBLIC_POLICY","title":"dup"}', 'x'.repeat(1_200_000), '',
  ];
  const gens: (() => FuzzCase)[] = [
    () => ({ label: 'create: random fields', method: 'POST', path: '/api/decisions', body: JSON.stringify(randomObject(rnd)), auth: goodAuth() }),
    () => ({ label: 'create: raw body', method: 'POST', path: '/api/decisions', body: pick(rawBodies), auth: `Bearer ${tokens.drafter}` }),
    () => ({ label: 'create: wrong content-type', method: 'POST', path: '/api/decisions', body: 'title=x&category=PUBLIC_POLICY', headers: { 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=zz', 'application/json; charset=utf-16']) }, auth: `Bearer ${tokens.drafter}` }),
    () => ({ label: 'event: known type, garbage fields', method: 'POST', path: `/api/decisions/${pick([id, id2])}/events`, body: JSON.stringify({ type: pick(EVENT_TYPES), ...randomObject(rnd) }), auth: goodAuth() }),
    () => ({ label: 'event: bad type', method: 'POST', path: `/api/decisions/${id}/events`, body: JSON.stringify({ type: garbage(rnd), ...randomObject(rnd, 1) }), auth: `Bearer ${tokens.drafter}` }),
    () => ({ label: 'event: raw body', method: 'POST', path: `/api/decisions/${id}/events`, body: pick(rawBodies), auth: `Bearer ${tokens.drafter}` }),
    () => ({ label: 'event: bad decision id', method: 'POST', path: `/api/decisions/${pick(badIds)}/events`, body: JSON.stringify({ type: 'REVISE_DRAFT', text: 't', changeSummary: 's' }), auth: `Bearer ${tokens.drafter}` }),
    () => ({ label: 'event: bad If-Match / Idempotency-Key', method: 'POST', path: `/api/decisions/${id}/events`, headers: pick([{ 'if-match': pick(['abc', 'W/"x"', '"99999999999"', '-1', '"1.5"', '*']) }, { 'idempotency-key': pick(['ä', 'x'.repeat(300), ' ', 'a b', '\t']) }]), body: JSON.stringify({ type: 'REVISE_DRAFT', text: 'x', changeSummary: 'y' }), auth: `Bearer ${tokens.drafter}` }),
    () => ({ label: 'read: bad id', method: 'GET', path: `/api/decisions/${pick(badIds)}${pick(['', '/history', '/replay', '/dossier', '/comments'])}`, auth: goodAuth() }),
    () => ({ label: 'read: bad query', method: 'GET', path: pick([`/api/decisions?page=${pick(['abc', '-1', '0', '1e9', '1.5', ''])}&pageSize=${pick(['0', '101', 'x', '-5', '1e309'])}`, `/api/decisions?status=${pick(['x', '[]', "'"])}&category[$ne]=1`, `/api/decisions/${id}/replay?toSeq=${pick(['abc', '-5', '0', '1.5', '99999999999999999999', '1e309', ''])}`, `/api/deadlines?overdue=${pick(['maybe', '1', '', 'TRUE'])}`, '/api/decisions?page[]=1&page[]=2']), auth: goodAuth() }),
    () => ({ label: 'auth: bad token', method: pick(['GET', 'POST']), path: pick(['/api/decisions', `/api/decisions/${id}`, '/api/audit/verify', `/api/decisions/${id}/events`, '/api/deadlines']), body: JSON.stringify({ type: 'REVISE_DRAFT', text: 't', changeSummary: 's' }), auth: pick(badTokens) }),
    () => ({ label: 'audit: wrong role', method: 'GET', path: '/api/audit/verify', auth: `Bearer ${pick([tokens.drafter, tokens.secretary, tokens.executor])}` }),
    () => ({ label: 'materials: malformed upload', method: 'POST', path: '/api/materials', headers: { 'content-type': pick(['multipart/form-data; boundary=XX', 'multipart/form-data', 'application/json', 'multipart/form-data; boundary=']) }, body: pick(['--XX\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc', '--XX--', '', '{"file":"x"}', '--XX\r\nContent-Disposition: form-data; name="other"\r\n\r\nv\r\n--XX--\r\n']), auth: goodAuth() }),
    () => ({ label: 'materials: bad id', method: 'GET', path: `/api/materials/${pick(badIds)}`, auth: goodAuth() }),
    () => ({ label: 'catalogues', method: pick(['GET', 'POST']), path: pick(['/api/catalogues', `/api/catalogues/${pick(['abc', '-1', '99999', '2026', '1e3'])}${pick(['', '/publish', '/consent', '/adjustments', '/history', '/verify'])}`]), body: JSON.stringify(pick([randomObject(rnd), { year: garbage(rnd), items: garbage(rnd) }, { year: 2026, items: [randomObject(rnd)] }])), auth: pick([goodAuth(), null]) }),
    () => ({ label: 'public consultations', method: pick(['GET', 'POST']), path: `/api/public/consultations${pick(['', `/${pick(badIds)}`, `/${id}/comments`, `/${pick(badIds)}/comments`, `/${id}/draft`])}`, body: JSON.stringify(pick([randomObject(rnd), { content: garbage(rnd), name: garbage(rnd), contact: garbage(rnd) }])), auth: null }),
    () => ({ label: 'admin settings', method: pick(['GET', 'PUT']), path: `/api/jurisdictions/${pick([DRILL_JURISDICTION, 'x'.repeat(500), '%00', 'other'])}/settings`, body: JSON.stringify(pick([randomObject(rnd), { profileId: garbage(rnd), webhookUrl: garbage(rnd) }])), auth: `Bearer ${pick([tokens.admin, tokens.drafter])}` }),
    () => ({ label: 'methods', method: pick(['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']), path: pick(['/api/decisions', `/api/decisions/${id}`, `/api/decisions/${id}/events`, '/api/audit/verify', '/api/health', '/api/nope']), auth: goodAuth() }),
  ];
  const statuses: Record<string, number> = {};
  const fivexx: { label: string; method: string; path: string; status: number; body: string }[] = [];
  const labels: Record<string, number> = {};
  for (let i = 0; i < o.count; i++) {
    const c = gens[i % gens.length]();
    labels[c.label] = (labels[c.label] ?? 0) + 1;
    const headers: Record<string, string> = { ...(c.headers ?? {}) };
    if (c.auth) headers.authorization = c.auth;
    const res = await request(server.url, { method: c.method, path: c.path, headers, body: c.body, timeoutMs: 20_000 }).catch((e: Error) => ({ status: 0, text: e.message }));
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status >= 500 || res.status === 0) fivexx.push({ label: c.label, method: c.method, path: c.path.slice(0, 120), status: res.status, body: res.text.slice(0, 200) });
  }
  // malformed HTTP messages: the server's parser must answer 4xx (or close), never 5xx
  const port = server.options.port;
  const rawCases = [
    'GARBAGE\r\n\r\n',
    'GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    'POST /api/decisions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzzzzz',
    `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`,
    'GET /api/health HTTP/1.1\r\nHost x\r\n\r\n',
    'POST /api/decisions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n',
  ];
  const rawStatuses: number[] = [];
  for (const bytes of rawCases) {
    const s = await raw(port, bytes);
    rawStatuses.push(s);
    statuses[`raw ${s}`] = (statuses[`raw ${s}`] ?? 0) + 1;
    if (s >= 500) fivexx.push({ label: 'raw HTTP', method: '-', path: bytes.slice(0, 60), status: s, body: '' });
  }
  const health = await request(server.url, { path: '/api/health' });
  const checks: string[] = [];
  const total = o.count + rawCases.length;
  const serverErrors = fivexx.filter((f) => f.status >= 500);
  check(checks, serverErrors.length === 0, `${total} malformed requests (${o.count} over HTTP across ${Object.keys(labels).length} kinds, ${rawCases.length} raw): ${serverErrors.length} answered 5xx${serverErrors.length ? ` e.g. ${JSON.stringify(serverErrors.slice(0, 3))}` : ''}`);
  const dropped = fivexx.filter((f) => f.status === 0);
  check(checks, dropped.length === 0, `${dropped.length} requests without any answer${dropped.length ? ` e.g. ${JSON.stringify(dropped.slice(0, 3))}` : ''}`);
  check(checks, health.status === 200, `server healthy afterwards (${health.status})`);
  return { name: `bad-input fuzz (${total} generated malformed requests)`, pass: checks.every((c) => c.startsWith('ok')), checks, figures: { statuses, kinds: labels, fivexx, rawStatuses } };
}
