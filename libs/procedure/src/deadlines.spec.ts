import { NATIONAL_V1 } from './profiles';
import { deadlinesOf } from './deadlines';
import { ProcedureEngine } from './procedure-engine';
import type { ProcedureCalendar } from './decision.guards';

const notCovered = Object.assign(new Error('no holiday data for 2027'), { code: 'CALENDAR_YEAR_NOT_COVERED' });
const calendar = (covered: boolean): ProcedureCalendar => ({
  addWorkingDays: (from, n) => {
    if (!covered) throw notCovered;
    return new Date(Date.parse(from) + n * 86_400_000).toISOString();
  },
  estimateWorkingDays: (from, n) => new Date(Date.parse(from) + n * 1.4 * 86_400_000).toISOString(),
});

function underReview(cal: ProcedureCalendar) {
  const engine = new ProcedureEngine({ calendar: cal });
  const drafter = { sub: 'd', name: 'd', roles: ['drafter' as const], unit: 'agri', jurisdiction: 'j' };
  let { snapshot } = engine.start({ decisionId: 'x', profile: NATIONAL_V1, payload: { title: 't', category: 'OTHER_MAJOR' }, occurredAt: '2026-12-20T01:00:00.000Z', actor: drafter });
  const send = (type: string, payload: object, actor = drafter) => {
    const out = engine.apply(snapshot, { type, payload, occurredAt: '2026-12-21T01:00:00.000Z', actor } as never);
    if (!out.accepted) throw new Error(JSON.stringify(out.reasons));
    snapshot = out.snapshot;
    return out;
  };
  send('ACCEPT_PROPOSAL', { undertakingUnit: 'agri' }, { ...drafter, roles: ['secretary' as never], unit: 'office' });
  send('REVISE_DRAFT', { text: 'x', changeSummary: 'c', contentHash: 'h' });
  send('SUBMIT_PUBLIC_OPINION_REPORT', { summary: 's', adopted: [], notAdopted: [] });
  send('WAIVE_EXPERT_ARGUMENTATION', { ground: 'NOT_PROFESSIONAL_OR_TECHNICAL', reason: 'r' });
  send('WAIVE_RISK_ASSESSMENT', { ground: 'NO_SIGNIFICANT_RISK', reason: 'r' });
  return send('SUBMIT_FOR_LEGALITY_REVIEW', { legalBasis: ['l'], procedureStatement: 'p' });
}

describe(deadlinesOf.name, () => {
  it('dates the review time limit in working days on the calendar', () => {
    const out = underReview(calendar(true));
    const due = deadlinesOf(out.view.status, out.context, calendar(true), '2026-12-21T01:00:00.000Z');
    expect(due).toEqual([
      { key: 'LEGALITY_REVIEW_DUE:r1:s1', kind: 'LEGALITY_REVIEW_DUE', dueAt: '2027-01-05T01:00:00.000Z' },
      { key: 'LEGALITY_REVIEW_DUE:r1:s1:reminder', kind: 'LEGALITY_REVIEW_DUE_REMINDER', dueAt: '2027-01-04T01:00:00.000Z' },
    ]);
  });

  it('marks a deadline past the holiday data as a provisional estimate instead of guessing silently', () => {
    const out = underReview(calendar(false));
    const due = deadlinesOf(out.view.status, out.context, calendar(false), '2026-12-21T01:00:00.000Z');
    expect(due.map((d) => [d.kind, d.provisional])).toEqual([
      ['LEGALITY_REVIEW_DUE', true],
      ['LEGALITY_REVIEW_DUE_REMINDER', true],
    ]);
  });

  it('still fails where no estimate is provided', () => {
    const out = underReview(calendar(true));
    const strict: ProcedureCalendar = { addWorkingDays: () => { throw notCovered; } };
    expect(() => deadlinesOf(out.view.status, out.context, strict, '2026-12-21T01:00:00.000Z')).toThrow('no holiday data');
  });
});
