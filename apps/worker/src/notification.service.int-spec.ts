import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Clock } from '@app/common';
import { JurisdictionSettingsService } from '@app/decisions';
import { DeadlineRepository, NotificationRepository } from '@app/persistence';
import type { Actor } from '@app/procedure';
import type { DataSource } from 'typeorm';
import { people } from '../../../test/utils/decision-flow';
import { DeadlineFiringService } from './deadline-firing.service';
import { NotificationService } from './notification.service';
import { ampleOpinionNeededBy, deadlinesOf, inLegalityReview, notificationsOf } from './testing/deadline-fixtures';
import { closeAll, startProducer, type Harness } from './testing/worker-harness';

interface Received {
  body: string;
  headers: IncomingMessage['headers'];
}

/** A receiver on loopback; `answer` decides what each request gets (it may never answer). */
async function receiver(answer: (req: Received, res: ServerResponse, n: number) => void): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const r = { body: raw, headers: req.headers };
      received.push(r);
      answer(r, res, received.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

/** The receiver's check, written from the README and not with the engine's code: HMAC-SHA256 of "t.body", hex, compared in constant time. */
function signatureValid(secret: string, r: Received, nowSeconds: number): boolean {
  const header = String(r.headers['x-mde-signature'] ?? '');
  const fields = Object.fromEntries(header.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const expected = createHmac('sha256', secret).update(`${fields.t}.${r.body}`, 'utf8').digest();
  const given = Buffer.from(fields.v1 ?? '', 'hex');
  return Math.abs(nowSeconds - Number(fields.t)) <= 300 && given.length === expected.length && timingSafeEqual(given, expected);
}

const unixNow = () => Math.floor(Date.now() / 1000);

async function noticesIn(api: Harness, jurisdiction: string, count: number): Promise<string[]> {
  const drafter = people(jurisdiction).drafter as unknown as Actor;
  const { decision } = await api.decisions.create({ title: `${jurisdiction} 通知测试`, category: 'PUBLIC_POLICY' } as any, drafter);
  const ids: string[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const [row] = await api.dataSource.query(
      `INSERT INTO notifications (id, jurisdiction, decision_id, kind, message, created_at, event_seq)
       VALUES (gen_random_uuid(), $1, $2, 'TEST_NOTICE', $3, now() - interval '1 hour' + $4 * interval '1 ms', $4) RETURNING id`,
      [jurisdiction, decision.id, `通知 ${seq}`, seq],
    );
    ids.push(row.id);
  }
  return ids;
}

const rows = (db: DataSource, ids: string[]) =>
  db.query(`SELECT id, delivery_attempts, delivered_at, last_error FROM notifications WHERE id = ANY($1::uuid[]) ORDER BY created_at`, [ids]) as Promise<
    { id: string; delivery_attempts: number; delivered_at: Date | null; last_error: string | null }[]
  >;

describe(NotificationService.name, () => {
  let api: Harness;
  let settings: JurisdictionSettingsService;
  const savedAllow = process.env.WEBHOOK_ALLOW_HOSTS;

  beforeAll(async () => {
    // No worker runs here: a background delivery round would race this test's own calls.
    api = await startProducer();
    settings = api.app.get(JurisdictionSettingsService);
  });
  beforeEach(() => (process.env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1'));
  afterAll(async () => {
    process.env.WEBHOOK_ALLOW_HOSTS = savedAllow;
    await closeAll();
  });

  it('delivers an overdue notice signed with the jurisdiction secret, retrying after a failure, once delivered never again', async () => {
    const notifications = new NotificationService(api.app.get(NotificationRepository));
    const firing = new DeadlineFiringService(api.app.get(DeadlineRepository), api.decisions, notifications, api.app.get(Clock));
    const decisionId = await inLegalityReview(api.decisions, ampleOpinionNeededBy(api));
    // the first delivery of each notice gets a 500, the next a 200
    const hook = await receiver((r, res, n) => {
      res.statusCode = n === 1 ? 500 : 200;
      res.end();
    });
    try {
      const { webhookSecret } = await settings.update('county-a', { profileId: 'national', webhookUrl: hook.url });
      expect(webhookSecret).toMatch(/^whsec_[0-9a-f]{64}$/);
      const [due] = await deadlinesOf(api.dataSource, decisionId, 'LEGALITY_REVIEW_DUE');
      await api.dataSource.query(`UPDATE deadlines SET due_at = now() - interval '1 minute' WHERE id = $1`, [due.id]);
      expect(await firing.fire(due.id)).toBe('notified');
      const [notice] = await notificationsOf(api.dataSource, due.id);
      // only this notice is due in county-a (other notices of the run are for other jurisdictions or delivered)
      await api.dataSource.query(`UPDATE notifications SET delivered_at = now() WHERE jurisdiction = 'county-a' AND id <> $1`, [notice.id]);

      await notifications.deliverPending();
      expect((await rows(api.dataSource, [notice.id]))[0]).toMatchObject({ delivery_attempts: 1, delivered_at: null, last_error: 'HTTP 500' });

      // Back off: the retry waits 30 s after the first attempt; move that attempt back in time instead of waiting.
      await api.dataSource.query(`UPDATE notifications SET last_attempt_at = now() - interval '31 seconds' WHERE id = $1`, [notice.id]);
      await notifications.deliverPending();
      await notifications.deliverPending();
      expect(hook.received).toHaveLength(2);
      expect((await rows(api.dataSource, [notice.id]))[0]).toMatchObject({ delivery_attempts: 2, delivered_at: expect.any(Date), last_error: null });
      expect(JSON.parse(hook.received[1].body)).toMatchObject({ id: notice.id, kind: 'LEGALITY_REVIEW_DUE', decisionId, deadlineId: due.id, message: expect.stringContaining('合法性审查') });
      for (const r of hook.received) expect(signatureValid(webhookSecret!, r, unixNow())).toBe(true);
      // a receiver holding another secret, or a changed body, does not accept it
      expect(signatureValid('whsec_other', hook.received[1], unixNow())).toBe(false);
      expect(signatureValid(webhookSecret!, { ...hook.received[1], body: hook.received[1].body.replace('合法性', '不合法') }, unixNow())).toBe(false);
    } finally {
      hook.server.close();
      await settings.update('county-a', { profileId: 'national', webhookUrl: null });
    }
  });

  it('delivers a notice about no decision (a year without official holiday data) with its topic, raised once', async () => {
    const hook = await receiver((_r, res) => res.end());
    const repository = api.app.get(NotificationRepository);
    const notice = { jurisdiction: 'county-notify', kind: 'CALENDAR_YEAR_ESTIMATED', topic: 'calendar:2099', message: '2099 年的国务院节假日安排尚未录入', at: api.app.get(Clock).now() };
    try {
      await settings.update('county-notify', { profileId: 'national', webhookUrl: hook.url });
      const id = randomUUID();
      expect(await repository.raiseOnce({ id, ...notice })).toBe(true);
      expect(await repository.raiseOnce({ id: randomUUID(), ...notice })).toBe(false);
      await new NotificationService(repository).deliverPending();
      expect(hook.received.map((r) => JSON.parse(r.body))).toEqual([
        { id, kind: 'CALENDAR_YEAR_ESTIMATED', decisionId: null, deadlineId: null, topic: 'calendar:2099', message: notice.message, createdAt: expect.any(String) },
      ]);
      expect((await rows(api.dataSource, [id]))[0]).toMatchObject({ delivered_at: expect.any(Date) });
    } finally {
      hook.server.close();
    }
  });

  it('a rotated secret signs the next deliveries; the old one no longer verifies', async () => {
    const hook = await receiver((_r, res) => res.end());
    try {
      const first = (await settings.update('county-rotate', { profileId: 'national', webhookUrl: hook.url })).webhookSecret!;
      const again = await settings.update('county-rotate', { profileId: 'strict', webhookUrl: hook.url });
      expect(again.webhookSecret).toBeUndefined(); // the same URL keeps its secret, shown only once
      const rotated = (await settings.rotateSecret('county-rotate')).webhookSecret!;
      expect(rotated).not.toBe(first);
      await noticesIn(api, 'county-rotate', 1);
      await new NotificationService(api.app.get(NotificationRepository)).deliverPending();
      expect(hook.received).toHaveLength(1);
      expect(signatureValid(rotated, hook.received[0], unixNow())).toBe(true);
      expect(signatureValid(first, hook.received[0], unixNow())).toBe(false);
    } finally {
      hook.server.close();
    }
  });

  it('never lets a slow receiver hold up another jurisdiction, and keeps at most WEBHOOK_CONCURRENCY of its notices in flight', async () => {
    let slowHasTwo!: () => void;
    const twoArrived = new Promise<void>((resolve) => (slowHasTwo = resolve));
    const slow = await receiver((_r, _res, n) => n === 2 && slowHasTwo()); // never answers
    let fastDone!: () => void;
    const allFast = new Promise<void>((resolve) => (fastDone = resolve));
    // the fast receiver answers only once the slow one holds two requests: a lane shared with the slow jurisdiction could never get here
    const fast = await receiver((_r, res, n) =>
      void twoArrived.then(() => {
        res.end();
        if (n === 3) fastDone();
      }),
    );
    try {
      await settings.update('county-slow', { profileId: 'national', webhookUrl: slow.url });
      await settings.update('county-fast', { profileId: 'national', webhookUrl: fast.url });
      const slowIds = await noticesIn(api, 'county-slow', 4); // the older notices
      const fastIds = await noticesIn(api, 'county-fast', 3);
      const notifications = new NotificationService(api.app.get(NotificationRepository), { perJurisdiction: 2, totalTimeoutMs: 120_000 });

      const round = notifications.deliverPending();
      await allFast;
      expect(slow.received).toHaveLength(2); // two in flight, the other two wait for a free slot
      expect(fast.received).toHaveLength(3);
      // a second round while the slow lane still runs starts no second lane for it
      await notifications.deliverPending();
      expect(slow.received).toHaveLength(2);

      slow.server.close(); // refuse new connections
      slow.server.closeAllConnections(); // and hang up on the two waiting
      expect(await round).toBe(3);
      const fastRows = await rows(api.dataSource, fastIds);
      expect(fastRows.every((r) => r.delivered_at && r.delivery_attempts === 1)).toBe(true);
      const slowRows = await rows(api.dataSource, slowIds);
      expect(slowRows.map((r) => [r.delivered_at, r.delivery_attempts])).toEqual(slowIds.map(() => [null, 1]));
      expect(slowRows.every((r) => r.last_error)).toBe(true);
    } finally {
      slow.server.close();
      fast.server.close();
    }
  });

  it('gives up on a receiver that does not answer within WEBHOOK_TIMEOUT_MS (a failed attempt, retried later)', async () => {
    const silent = await receiver(() => undefined);
    try {
      await settings.update('county-silent', { profileId: 'national', webhookUrl: silent.url });
      const [id] = await noticesIn(api, 'county-silent', 1);
      expect(await new NotificationService(api.app.get(NotificationRepository), { totalTimeoutMs: 300 }).deliverPending()).toBe(0);
      expect(silent.received).toHaveLength(1);
      expect((await rows(api.dataSource, [id]))[0]).toMatchObject({ delivered_at: null, delivery_attempts: 1, last_error: 'no answer within 300 ms' });
    } finally {
      silent.server.closeAllConnections();
      silent.server.close();
    }
  });

  it('checks the destination again at delivery: a stored private address is refused once no longer allow-listed, the connection goes to the address checked, a name resolving to a private one is refused, and a redirect is a failure', async () => {
    const target = await receiver((_r, res) => res.end());
    const redirecting = await receiver((_r, res) => {
      res.writeHead(302, { location: target.url });
      res.end();
    });
    const port = new URL(target.url).port;
    const retryNow = (ids: string[]) => api.dataSource.query(`UPDATE notifications SET last_attempt_at = now() - interval '31 seconds' WHERE id = ANY($1::uuid[])`, [ids]);
    try {
      await settings.update('county-loop', { profileId: 'national', webhookUrl: target.url });
      await settings.update('county-redirect', { profileId: 'national', webhookUrl: redirecting.url });
      const [looped] = await noticesIn(api, 'county-loop', 1);
      const [redirected] = await noticesIn(api, 'county-redirect', 1);
      delete process.env.WEBHOOK_ALLOW_HOSTS;
      await new NotificationService(api.app.get(NotificationRepository)).deliverPending();
      expect((await rows(api.dataSource, [looped, redirected])).map((r) => r.last_error)).toEqual(['127.0.0.1 is loopback', '127.0.0.1 is loopback']);
      expect(target.received).toHaveLength(0);
      expect(redirecting.received).toHaveLength(0);

      // a name: resolved once, checked, and the socket goes to that address (here the allow-listed loopback, where no DNS would send hooks.example.com)
      process.env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
      await retryNow([looped, redirected]);
      await api.dataSource.query(`UPDATE jurisdiction_settings SET webhook_url = $1 WHERE jurisdiction = 'county-loop'`, [`http://hooks.example.com:${port}/hook`]);
      const resolvedTo = (address: string) => async (host: string) => (host === 'hooks.example.com' ? [{ address, family: 4 }] : []);
      await new NotificationService(api.app.get(NotificationRepository), { resolveAll: resolvedTo('127.0.0.1') }).deliverPending();
      expect((await rows(api.dataSource, [looped]))[0]).toMatchObject({ delivered_at: expect.any(Date), last_error: null });
      expect(target.received.map((r) => r.headers.host)).toEqual([`hooks.example.com:${port}`]);
      expect((await rows(api.dataSource, [redirected]))[0]).toMatchObject({ delivered_at: null, last_error: 'HTTP 302 (redirects are not followed)' });
      expect(redirecting.received).toHaveLength(1);

      // DNS rebinding: the same name now answers a private address
      const [rebound] = await noticesIn(api, 'county-loop', 1);
      await new NotificationService(api.app.get(NotificationRepository), { resolveAll: resolvedTo('10.0.0.7') }).deliverPending();
      expect((await rows(api.dataSource, [rebound]))[0]).toMatchObject({ delivered_at: null, last_error: 'hooks.example.com resolves to 10.0.0.7 is private' });
      expect(target.received).toHaveLength(1); // only the delivery above: the redirect was not followed either
    } finally {
      target.server.close();
      redirecting.server.close();
    }
  });
});
