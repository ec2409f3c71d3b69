import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JurisdictionSettingsService } from '@app/decisions';
import { NotificationService } from './notification.service';
import { deadlinesOf, inLegalityReview, notificationsOf, who } from './testing/deadline-fixtures';
import { closeAll, muteReconcile, startProducer, startWorker, type WorkerHarness } from './testing/worker-harness';

/** A webhook receiver on loopback that answers with the given statuses in turn (then 200). */
async function webhook(statuses: number[]): Promise<{ url: string; bodies: unknown[]; server: Server }> {
  const bodies: unknown[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      bodies.push(JSON.parse(raw));
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

describe(NotificationService.name, () => {
  let w: WorkerHarness;
  afterAll(closeAll);

  it('delivers an overdue notice to the jurisdiction webhook, retrying after a failure, once delivered never again', async () => {
    // The decision is driven without a worker running: its closed comment period must not race the timer.
    const api = await startProducer();
    const opinionNeededBy = api.engines.for('county-a').calendar.addWorkingDays(new Date().toISOString(), 8);
    const decisionId = await inLegalityReview(api.decisions, opinionNeededBy);
    w = await startWorker();
    muteReconcile(w); // this test calls deliverPending itself
    const hook = await webhook([500]);
    try {
      await w.app.get(JurisdictionSettingsService).update('county-a', { profileId: 'national', webhookUrl: hook.url });
      const [due] = await deadlinesOf(w.dataSource, decisionId, 'LEGALITY_REVIEW_DUE');
      await w.dataSource.query(`UPDATE deadlines SET due_at = now() - interval '1 minute' WHERE id = $1`, [due.id]);
      expect(await w.firing.fire(due.id)).toBe('notified');
      const [notice] = await notificationsOf(w.dataSource, due.id);

      const notifications = w.app.get(NotificationService);
      expect(await notifications.deliverPending()).toBe(0); // the receiver answered 500
      const [failed] = await w.dataSource.query(`SELECT delivery_attempts, delivered_at, last_error FROM notifications WHERE id = $1`, [notice.id]);
      expect(failed).toMatchObject({ delivery_attempts: 1, delivered_at: null, last_error: 'HTTP 500' });

      // Back off: the retry waits 30 s after the first attempt; move that attempt back in time instead of waiting.
      await w.dataSource.query(`UPDATE notifications SET last_attempt_at = now() - interval '31 seconds' WHERE id = $1`, [notice.id]);
      expect(await notifications.deliverPending()).toBe(1);
      expect(await notifications.deliverPending()).toBe(0);
      expect(hook.bodies).toHaveLength(2);
      expect(hook.bodies[1]).toMatchObject({ id: notice.id, kind: 'LEGALITY_REVIEW_DUE', decisionId, deadlineId: due.id, message: expect.stringContaining('合法性审查') });
      expect(who.reviewer.unit).not.toBe(who.drafter.unit);
    } finally {
      hook.server.close();
      await w.app.get(JurisdictionSettingsService).update('county-a', { profileId: 'national', webhookUrl: null });
    }
  });
});
