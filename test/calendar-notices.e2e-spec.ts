import { statutoryFestivals } from '@app/calendar';
import { Clock, FixedClock } from '@app/common';
import { ProcedureEngines } from '@app/decisions';
import { CalendarNoticeRepository, SqlTransactions } from '@app/persistence';
import { QueueDriver } from '@app/scheduling';
import { DataSource } from 'typeorm';
import { CalendarCoverageNotifier } from '../apps/worker/src/calendar-coverage.notifier';
import { CalendarRecomputer } from '../apps/worker/src/calendar-recomputer';
import { deadlineJobId } from '../apps/worker/src/deadline-job';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { privateDatabase } from './utils/private-database';
import { bearer } from './utils/token-for';

const DAY = 86_400_000;
/** 10:00 Beijing time on a Beijing date. */
const beijing = (date: string) => new Date(`${date}T10:00:00+08:00`);
const beijingDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/** A State Council arrangement for 2027 as a notice would publish it (invented for the test, lawful by the 2024 rules). */
const NOTICE_2027 = {
  holidays: [
    ...days('2027-01-01', '2027-01-03'),
    ...days('2027-02-05', '2027-02-12'),
    ...days('2027-04-03', '2027-04-05'),
    ...days('2027-05-01', '2027-05-05'),
    '2027-06-09',
    '2027-09-15',
    ...days('2027-10-01', '2027-10-07'),
  ],
  workdays: ['2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09'],
  notice: { title: '国务院办公厅关于2027年部分节假日安排的通知', documentNumber: '国办发明电〔2026〕9号', publishedAt: '2026-12-20' },
};

describe('The working-day calendar: notices uploaded, provisional deadlines recomputed, replay unchanged', () => {
  const who = people('county-cal');
  const clock = new FixedClock(beijing('2026-12-30'));
  let db: { release(): Promise<void> };
  let t: TestApp;
  let flow: DecisionFlow;
  let dataSource: DataSource;

  const at = (offsetDays: number) => new Date(clock.now().getTime() + offsetDays * DAY).toISOString();
  const api = (actor = who.admin) => ({
    get: (path: string) => t.http.get(path).set('Authorization', bearer(actor)),
    put: (path: string, body: object) => t.http.put(path).set('Authorization', bearer(actor)).send(body),
  });

  /** A consulted decision (hearing, experts, risks; dated by the injected clock) submitted for legality review. */
  async function submitted(opinionNeededBy?: string) {
    const { id, send } = await consulted();
    const answer = await send(opinionNeededBy);
    if (answer.status !== 200) throw new Error(`submission refused: ${JSON.stringify(answer.body)}`);
    return { id, answer: answer.body };
  }

  /** A consulted decision ready for legality review, and how to submit it. */
  async function consulted() {
    const id = await flow.create();
    const d = who.drafter;
    await flow.ok(id, who.secretary, lawful.accept);
    await flow.ok(id, d, lawful.draft());
    await flow.ok(id, d, { ...lawful.hearing, heldAt: at(-1), materialsSentAt: at(-10) });
    for (const event of [lawful.opinionReport, lawful.experts]) await flow.ok(id, d, event);
    for (const e of lawful.experts.experts) await flow.ok(id, d, lawful.expertOpinion(e.name));
    for (const event of [lawful.expertReport, lawful.riskReport]) await flow.ok(id, d, event);
    // Offered only when the guards accept it (in an estimated year too): what allowedEvents offers is accepted below.
    expect((await flow.get(id)).body.allowedEvents).toContain('SUBMIT_FOR_LEGALITY_REVIEW');
    return { id, send: (opinionNeededBy?: string) => flow.send(id, d, { ...lawful.submitReview, ...(opinionNeededBy ? { opinionNeededBy } : {}) }) };
  }
  const openDeadline = async (id: string, kind: string) => ((await flow.get(id)).body.deadlines as { id: string; kind: string; dueAt: string; provisional?: boolean }[]).find((x) => x.kind === kind)!;
  const replay = async (id: string) => (await api(who.auditor).get(`/api/decisions/${id}/replay`)).body;

  beforeAll(async () => {
    db = await privateDatabase('calendar');
    t = await createTestApp({ imports: [WorkerModule], configure: (b) => b.overrideProvider(Clock).useValue(clock) });
    flow = new DecisionFlow(t, who);
    dataSource = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
    await db?.release();
  });

  it('accepts a legality review submitted on 2026-12-30 with the opinion needed in March 2027, its deadline on no statutory 2027 holiday', async () => {
    const overview = (await api(who.drafter).get('/api/calendar')).body;
    expect(overview.years).toEqual(expect.arrayContaining([{ year: 2026, source: 'official', provisional: false }, { year: 2027, source: 'estimated', provisional: true }]));
    expect(overview.warnings.map((w: { year: number }) => w.year)).toEqual([2027]);

    const { id, answer } = await submitted(beijing('2027-03-15').toISOString());
    expect(answer.event.warnings).toBeUndefined();
    const due = await openDeadline(id, 'LEGALITY_REVIEW_DUE');
    const holidays = new Set(statutoryFestivals(2027).flatMap((f) => f.days.map((day) => new Date(day * DAY).toISOString().slice(0, 10))));
    expect(holidays.size).toBe(13);
    expect(beijingDate(due.dueAt)).toBe('2027-03-15');
    expect(holidays.has(beijingDate(due.dueAt))).toBe(false);
    // Without a date asked for, the 15 working days owed are counted across 元旦 2027 by the statutory rules: provisional, on a working day.
    const owed = await openDeadline((await submitted()).id, 'LEGALITY_REVIEW_DUE');
    expect(owed.provisional).toBe(true);
    expect(holidays.has(beijingDate(owed.dueAt))).toBe(false);
    expect([0, 6]).not.toContain(new Date(`${beijingDate(owed.dueAt)}T00:00:00Z`).getUTCDay());
    // allowedEvents offers nothing the calendar would refuse: the reviewer's opinion is offered, and accepted.
    expect((await flow.get(id, who.reviewer)).body.allowedEvents).toContain('ISSUE_LEGALITY_OPINION');
  });

  it('warns from 1 November that the next year has no official data: health stays 200, the administrators are told once', async () => {
    const health = await t.http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok' });
    const calendarWarnings = (body: { warnings: { code: string }[] }) => body.warnings.filter((w) => w.code.startsWith('CALENDAR_'));
    expect(calendarWarnings(health.body)).toEqual([{ code: 'CALENDAR_YEAR_ESTIMATED', year: 2027, message: expect.stringContaining('2027') }]);
    const notifier = t.app.get(CalendarCoverageNotifier);
    await notifier.check();
    expect(await notifier.check()).toBe(0);
    const notices = await dataSource.query(`SELECT kind, topic, decision_id FROM notifications WHERE jurisdiction = 'county-cal' AND topic IS NOT NULL`);
    expect(notices).toEqual([{ kind: 'CALENDAR_YEAR_ESTIMATED', topic: 'calendar:2027', decision_id: null }]);
    expect((await api().get('/api/calendar')).body.adminNotices).toEqual([expect.objectContaining({ topic: 'calendar:2027' })]);
    clock.set(beijing('2026-10-31'));
    try {
      expect((await t.http.get('/api/health')).body.warnings.filter((w: { code: string }) => w.code.startsWith('CALENDAR_'))).toEqual([]);
    } finally {
      clock.set(beijing('2026-12-30'));
    }
  });

  it('refuses a notice with dates outside the year, overlaps or a statutory day worked, in Chinese, recording nothing', async () => {
    const bad = await api().put('/api/calendar/notices/2027', { ...NOTICE_2027, holidays: [...NOTICE_2027.holidays, '2028-01-01'], workdays: [...NOTICE_2027.workdays, '2027-01-02'] });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('CALENDAR_NOTICE_INVALID');
    expect(bad.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(bad.body.details.issues.length).toBeGreaterThanOrEqual(2);
    const mismatch = await api().put('/api/calendar/notices/2027', { ...NOTICE_2027, year: 2028 });
    expect(mismatch.status).toBe(422);
    const shape = await api().put('/api/calendar/notices/2027', { holidays: 'all of them' });
    expect(shape.status).toBe(400);
    expect((await api(who.secretary).put('/api/calendar/notices/2027', NOTICE_2027)).body.code).toBe('FORBIDDEN_ROLE');
    expect((await api().get('/api/calendar')).body.notices).toEqual([]);
  });

  it('recomputes an open provisional deadline after an upload: a system event in the trail, the projection and the timer moved; replay unchanged', async () => {
    clock.set(beijing('2027-01-29'));
    // Without a date asked for, the review is owed within 15 working days: provisional, dated at the latest bound.
    const owed = await submitted();
    const before = await openDeadline(owed.id, 'LEGALITY_REVIEW_DUE');
    expect(before.provisional).toBe(true);
    // A date that holds only in some arrangements of the unknown make-up days: accepted with the risk recorded.
    const { calendar } = t.app.get(ProcedureEngines).for('county-cal');
    const bounds = calendar.addWorkingDays(clock.now().toISOString(), 7);
    expect(bounds.provisional).toBe(true);
    const risky = await submitted(bounds.earliest);
    expect(risky.answer.event.warnings).toEqual([expect.objectContaining({ code: 'REVIEW_TIME_PROVISIONAL' })]);
    // Too short however the unknown days fall: refused, and the decision stays where it was.
    const early = await consulted();
    const refused = await early.send(new Date(Date.parse(bounds.earliest) - DAY).toISOString());
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('REVIEW_TIME_TOO_SHORT');
    expect((await flow.get(early.id)).body.status).toBe('drafting');
    const replayedBefore = await replay(risky.id);
    expect(replayedBefore.verified).toBe(true);

    // Another API process, running before the upload, follows it at its next refresh (every CALENDAR_REFRESH_MS).
    const other = await createTestApp({ configure: (b) => b.overrideProvider(Clock).useValue(clock) });
    const uploaded = await api().put('/api/calendar/notices/2027', NOTICE_2027);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.years).toEqual(expect.arrayContaining([{ year: 2027, source: 'notice', provisional: false }]));
    expect(uploaded.body.version).not.toBe(calendar.version);
    expect(uploaded.body.notices).toEqual([expect.objectContaining({ year: 2027, uploadedBy: { id: 'admin-1', role: 'admin', jurisdiction: 'county-cal' }, uploadedAt: clock.now().toISOString(), applies: true })]);

    try {
      const engines = other.app.get(ProcedureEngines);
      expect(engines.for('county-cal').calendar.version).toBe(calendar.version);
      expect(await engines.refresh()).toBe(true);
      expect(engines.for('county-cal').calendar.version).toBe(uploaded.body.version);
    } finally {
      await other.close();
    }
    await t.app.get(CalendarRecomputer).idle;
    expect((await t.http.get('/api/health')).body.warnings.filter((w: { code: string }) => w.code.startsWith('CALENDAR_'))).toEqual([]);
    const trail = (await api(who.auditor).get(`/api/decisions/${owed.id}/history`)).body.events;
    const recomputed = trail.at(-1);
    expect(recomputed).toMatchObject({ type: 'DEADLINES_RECOMPUTED', actor: { sub: 'system' }, stateBefore: trail.at(-2).stateAfter, stateAfter: trail.at(-2).stateAfter });
    expect(recomputed.payload.deadlines).toEqual(
      expect.arrayContaining([{ key: expect.stringMatching(/^LEGALITY_REVIEW_DUE:/), kind: 'LEGALITY_REVIEW_DUE', previousDueAt: before.dueAt, dueAt: beijing('2027-02-26').toISOString(), provisional: false }]),
    );
    expect(recomputed.payload.previousCalendar).toBe(calendar.version);
    expect(recomputed.calendar).toBe(uploaded.body.version);
    const after = await openDeadline(owed.id, 'LEGALITY_REVIEW_DUE');
    expect(after).toMatchObject({ id: before.id, dueAt: beijing('2027-02-26').toISOString() });
    expect(after.provisional).toBeUndefined();
    const [row] = await dataSource.query(`SELECT due_at, provisional, status FROM deadlines WHERE id = $1`, [before.id]);
    expect(row).toMatchObject({ provisional: false, status: 'pending' });
    const queue = t.app.get(QueueDriver);
    await waitFor(() => queue.has('deadlines', deadlineJobId({ id: before.id, due_at: row.due_at })));
    // The timer of the old date is another job; when it runs it finds the row not due and fires nothing.
    expect(deadlineJobId({ id: before.id, due_at: new Date(before.dueAt) })).not.toBe(deadlineJobId({ id: before.id, due_at: row.due_at }));

    // Once is enough: a second pass finds nothing to change; while another worker holds the lock, a pass does nothing.
    const recomputer = t.app.get(CalendarRecomputer);
    expect(await recomputer.pass()).toBe(0);
    const notices = t.app.get(CalendarNoticeRepository);
    await t.app.get(SqlTransactions).session(async (other) => {
      expect(await notices.tryLockRecompute(other)).toBe(true);
      try {
        expect(await recomputer.pass()).toBeNull();
      } finally {
        await notices.unlockRecompute(other);
      }
    });
    expect((await api(who.auditor).get(`/api/decisions/${owed.id}/history`)).body.events).toHaveLength(trail.length);

    // Replay computes each event with the calendar it recorded: the risky submission still replays as accepted.
    expect(calendar.addWorkingDays(clock.now().toISOString(), 7).earliest).toBe(bounds.earliest);
    const nowExact = t.app.get(ProcedureEngines).for('county-cal').calendar.addWorkingDays(clock.now().toISOString(), 7);
    expect(Date.parse(nowExact.earliest)).toBeGreaterThan(Date.parse(bounds.earliest)); // today's calendar would refuse it
    const replayedAfter = await replay(risky.id);
    expect(replayedAfter).toMatchObject({ verified: true, mismatches: [] });
    expect(replayedAfter.decision.stateValue).toEqual(replayedBefore.decision.stateValue);
    expect(replayedAfter.decision.steps).toEqual(replayedBefore.decision.steps);
    expect((await replay(owed.id)).verified).toBe(true);
    // and so does the whole-jurisdiction verify, which replays every projection the same way
    const verified = (await api(who.auditor).get('/api/audit/verify')).body;
    expect(verified).toMatchObject({ ok: true });
    expect(verified.checkedProjections).toBeGreaterThanOrEqual(2);
  });
});

async function waitFor(probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
