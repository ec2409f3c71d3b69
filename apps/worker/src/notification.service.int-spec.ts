import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Clock } from '@app/common';
import { JurisdictionSettingsService } from '@app/decisions';
import { DeadlineRepository, NotificationRepository } from '@app/persistence';
import { DeadlineFiringService } from './deadline-firing.service';
import { NotificationService } from './notification.service';
import { ampleOpinionNeededBy, deadlinesOf, inLegalityReview, notificationsOf, who } from './testing/deadline-fixtures';
import { closeAll, startProducer } from './testing/worker-harness';

/** A webhook receiver on loopback that fails the first delivery of each notice (500), then accepts (200). */
async function webhook(): Promise<{ url: string; bodies: { id: string }[]; server: Server }> {
  const bodies: { id: string }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      res.statusCode = bodies.some((b) => b.id === body.id) ? 200 : 500;
      bodies.push(body);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

describe(NotificationService.name, () => {
  afterAll(closeAll);

  it('delivers an overdue notice to the jurisdiction webhook, retrying after a failure, once delivered never again', async () => {
    // No worker runs here: a background reconcile would race this test's own delivery calls.
    const api = await startProducer();
    const notifications = new NotificationService(api.app.get(NotificationRepository));
    const firing = new DeadlineFiringService(api.app.get(DeadlineRepository), api.decisions, notifications, api.app.get(Clock));
    const opinionNeededBy = ampleOpinionNeededBy(api);
    const decisionId = await inLegalityReview(api.decisions, opinionNeededBy);
    const settings = api.app.get(JurisdictionSettingsService);
    const hook = await webhook();
    try {
      await settings.update('county-a', { profileId: 'national', webhookUrl: hook.url });
      const [due] = await deadlinesOf(api.dataSource, decisionId, 'LEGALITY_REVIEW_DUE');
      await api.dataSource.query(`UPDATE deadlines SET due_at = now() - interval '1 minute' WHERE id = $1`, [due.id]);
      expect(await firing.fire(due.id)).toBe('notified');
      const [notice] = await notificationsOf(api.dataSource, due.id);

      // Other tests of this run may have left notices in the same jurisdiction: assertions are about this one.
      await notifications.deliverPending(); // the receiver answers 500 to a first delivery
      const [failed] = await api.dataSource.query(`SELECT delivery_attempts, delivered_at, last_error FROM notifications WHERE id = $1`, [notice.id]);
      expect(failed).toMatchObject({ delivery_attempts: 1, delivered_at: null, last_error: 'HTTP 500' });

      // Back off: the retry waits 30 s after the first attempt; move that attempt back in time instead of waiting.
      await api.dataSource.query(`UPDATE notifications SET last_attempt_at = now() - interval '31 seconds' WHERE id = $1`, [notice.id]);
      await notifications.deliverPending();
      await notifications.deliverPending();
      const mine = hook.bodies.filter((b) => b.id === notice.id);
      expect(mine).toHaveLength(2);
      const [done] = await api.dataSource.query(`SELECT delivery_attempts, delivered_at, last_error FROM notifications WHERE id = $1`, [notice.id]);
      expect(done).toMatchObject({ delivery_attempts: 2, delivered_at: expect.any(Date), last_error: null });
      expect(mine[1]).toMatchObject({ id: notice.id, kind: 'LEGALITY_REVIEW_DUE', decisionId, deadlineId: due.id, message: expect.stringContaining('合法性审查') });
      expect(who.reviewer.unit).not.toBe(who.drafter.unit);
    } finally {
      hook.server.close();
      await settings.update('county-a', { profileId: 'national', webhookUrl: null });
    }
  });

  it('delivers a notice about no decision (the next year without official holiday data) with its topic, raised once', async () => {
    const api = await startProducer();
    const repository = api.app.get(NotificationRepository);
    const notifications = new NotificationService(repository);
    const settings = api.app.get(JurisdictionSettingsService);
    const hook = await webhook();
    const notice = { jurisdiction: 'county-notify', kind: 'CALENDAR_YEAR_ESTIMATED', topic: 'calendar:2099', message: '2099 年的国务院节假日安排尚未录入', at: api.app.get(Clock).now() };
    try {
      await settings.update('county-notify', { profileId: 'national', webhookUrl: hook.url });
      const id = randomUUID();
      expect(await repository.raiseOnce({ id, ...notice })).toBe(true);
      expect(await repository.raiseOnce({ id: randomUUID(), ...notice })).toBe(false);
      await notifications.deliverPending(); // answered 500 the first time
      await api.dataSource.query(`UPDATE notifications SET last_attempt_at = now() - interval '31 seconds' WHERE id = $1`, [id]);
      await notifications.deliverPending();
      expect(hook.bodies.filter((b) => b.id === id).at(-1)).toEqual({ id, kind: 'CALENDAR_YEAR_ESTIMATED', decisionId: null, deadlineId: null, topic: 'calendar:2099', message: notice.message, createdAt: expect.any(String) });
    } finally {
      hook.server.close();
      await settings.update('county-notify', { profileId: 'national', webhookUrl: null });
    }
  });
});
