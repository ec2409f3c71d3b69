import { Clock } from '@app/common';
import { DecisionService, NEW_DECISION_MACHINE } from '@app/decisions';
import { DeadlineRepository, NotificationRepository } from '@app/persistence';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { DeadlineFiringService } from '../apps/worker/src/deadline-firing.service';
import { NotificationService } from '../apps/worker/src/notification.service';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';

// The timer race over HTTP, on every machine version: the worker fires a deadline (a system event) just
// before a user sends the event that would have done the same. Which user events a timer can pre-empt is
// read from the statechart the API publishes: for each event only the system may send (what the worker
// sends on a deadline), the user events its source state accepts and its target state no longer does.
// Each must answer with a code that says what happened (and who did it, when), never EVENT_NOT_ALLOWED.

interface Transition {
  event: string;
  targets: string[];
  roles: string[];
}
interface StateNode {
  path: string;
  transitions: Transition[];
  states: StateNode[];
}
interface Race {
  timerEvent: string;
  from: string;
  to: string;
  userEvent: string;
}

const flatten = (s: StateNode): StateNode[] => [s, ...s.states.flatMap(flatten)];
const isTimer = (t: Transition) => t.roles.length > 0 && t.roles.every((r) => r === 'system');

/** Every (timer event, pre-empted user event) pair of a statechart. */
function races(root: StateNode): Race[] {
  const byPath = new Map(flatten(root).map((s) => [s.path, s]));
  return flatten(root).flatMap((from) =>
    from.transitions.filter(isTimer).flatMap((timer) =>
      timer.targets.flatMap((target) => {
        const to = byPath.get(target)!;
        const after = new Set(to.transitions.map((t) => t.event));
        return [...new Set(from.transitions.filter((t) => !isTimer(t) && !after.has(t.event)).map((t) => t.event))].map((userEvent) => ({ timerEvent: timer.event, from: from.path, to: to.path, userEvent }));
      }),
    ),
  );
}

const J = 'county-timer-race';
const who = people(J);

/**
 * How each pre-emptable user event is raced: put a decision where the timer is due, and the code the
 * late user must get (with what the message must name). A new pair found in a statechart fails the test
 * below until it gets its entry here.
 */
const RACES: Record<string, { arrange(flow: DecisionFlow): Promise<string>; body: object; code: string; says: (closedAt: string) => string[] }> = {
  'PUBLIC_COMMENT_ELAPSED/CLOSE_PUBLIC_COMMENT': {
    async arrange(flow) {
      const id = await flow.create({ title: '城区停车收费调整方案' });
      await flow.ok(id, who.secretary, lawful.accept);
      await flow.ok(id, who.drafter, lawful.draft('草案第一稿'));
      await flow.openComment(id); // a period over five days ago: its PUBLIC_COMMENT_END deadline is due
      return id;
    },
    body: lawful.closeComment,
    code: 'COMMENT_PERIOD_ALREADY_CLOSED',
    says: (closedAt) => ['系统定时器', closedAt],
  },
};

describe.each([1, 2])('The timer race over HTTP (machine v%i)', (machine) => {
  let t: TestApp;
  let flow: DecisionFlow;
  let firing: DeadlineFiringService;
  let found: Race[];

  beforeAll(async () => {
    t = await createTestApp({ configure: (b) => b.overrideProvider(NEW_DECISION_MACHINE).useValue(machine) });
    flow = new DecisionFlow(t, who);
    // the worker's own firing path (apps/worker), as a deadline job runs it
    firing = new DeadlineFiringService(t.app.get(DeadlineRepository), t.app.get(DecisionService), new NotificationService(t.app.get(NotificationRepository)), t.app.get(Clock));
    const chart = await t.http.get(`/api/procedure/machines/major-decision/${machine}`).set('Authorization', bearer(who.auditor)).expect(200);
    found = races(chart.body.root);
  });
  afterAll(() => t.close());

  /** The pending deadline of the decision that fires `event`. */
  async function dueTimer(id: string, event: string): Promise<string> {
    const rows: { id: string }[] = await t.app.get(DataSource).query(`SELECT id FROM deadlines WHERE decision_id = $1 AND fire_event = $2 AND status = 'pending'`, [id, event]);
    expect(rows).toHaveLength(1);
    return rows[0].id;
  }

  it('finds the user events a timer can pre-empt in the published statechart, and has a race for each', () => {
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(Object.keys(RACES)).toContain(`${r.timerEvent}/${r.userEvent}`);
    // today: the comment period's end is the only event the worker sends, and it pre-empts only the drafter's close
    expect([...new Set(found.map((r) => `${r.timerEvent}/${r.userEvent}`))]).toEqual(['PUBLIC_COMMENT_ELAPSED/CLOSE_PUBLIC_COMMENT']);
  });

  it('answers a user event that arrives just after the worker fired its timer with what happened, who did it and when, and records nothing', async () => {
    for (const { timerEvent, userEvent } of found) {
      const race = RACES[`${timerEvent}/${userEvent}`];
      const id = await race.arrange(flow);
      expect(await firing.fire(await dueTimer(id, timerEvent))).toBe('fired');
      const before = (await flow.get(id)).body;
      const closedAt = before.steps.publicParticipation.comment.closedAt as string;
      expect(closedAt).toEqual(expect.any(String));

      // late, with and without an idempotency key (a client retrying a send that never reached the server)
      for (const send of [() => flow.send(id, who.drafter, race.body as Record<string, unknown>), () => t.http.post(`/api/decisions/${id}/events`).set('Authorization', bearer(who.drafter)).set('Idempotency-Key', `late-${id}`).send(race.body)]) {
        const res: Response = await send();
        expect([userEvent, res.status, res.body.code]).toEqual([userEvent, 422, race.code]);
        for (const words of race.says(closedAt)) expect(res.body.message).toContain(words);
        expect(res.body.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: race.code })]));
      }
      const after = (await flow.get(id)).body;
      expect(after.version).toBe(before.version);
      // the trail names the system as the one who closed it
      const history = (await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor))).body.events;
      expect(history.at(-1)).toMatchObject({ type: timerEvent, actor: expect.objectContaining({ sub: 'system' }) });
    }
  });

  it('lets the user win the other way round: the timer that comes second is moot and records nothing', async () => {
    for (const { timerEvent, userEvent } of found) {
      const race = RACES[`${timerEvent}/${userEvent}`];
      const id = await race.arrange(flow);
      const timer = await dueTimer(id, timerEvent);
      await flow.ok(id, who.drafter, race.body as Record<string, unknown>);
      const version = (await flow.get(id)).body.version;
      expect(['moot', 'already-handled']).toContain(await firing.fire(timer));
      expect((await flow.get(id)).body.version).toBe(version);
    }
  });
});
