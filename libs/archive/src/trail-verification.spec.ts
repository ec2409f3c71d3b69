import { ALL_IDS, LAST_ID } from '@app/persistence';
import { mergeReports, splitByEvents, type VerifyReport } from './trail-verification';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`);

describe(splitByEvents.name, () => {
  it('cuts contiguous ranges of about equal event counts that cover every id', () => {
    const decisions = ids(6).map((id, i) => ({ id, version: [10, 10, 10, 10, 10, 10][i] }));
    expect(splitByEvents(decisions, 3)).toEqual([
      { after: null, upTo: decisions[1].id },
      { after: decisions[1].id, upTo: decisions[3].id },
      { after: decisions[3].id, upTo: LAST_ID },
    ]);
  });

  it('gives a long decision a range of its own, never an empty range, and one range for one part', () => {
    const decisions = ids(4).map((id, i) => ({ id, version: [1, 1000, 1, 1][i] }));
    const ranges = splitByEvents(decisions, 3);
    expect(ranges).toEqual([
      { after: null, upTo: decisions[1].id },
      { after: decisions[1].id, upTo: decisions[2].id },
      { after: decisions[2].id, upTo: LAST_ID },
    ]);
    expect(splitByEvents(decisions, 1)).toEqual([ALL_IDS]);
    expect(splitByEvents(ids(1).map((id) => ({ id, version: 5 })), 4)).toEqual([ALL_IDS]);
  });
});

describe(mergeReports.name, () => {
  const ok = (checkedEvents: number, checkedDecisions: number): VerifyReport => ({ ok: true, checkedEvents, checkedDecisions });
  const broken = (checkedEvents: number, checkedDecisions: number, reason = 'hash mismatch: the recorded event was altered'): VerifyReport => ({
    ok: false,
    checkedEvents,
    checkedDecisions,
    firstBroken: { decisionId: `d${checkedEvents}`, seq: 2, reason },
  });

  it('adds up intact ranges', () => {
    expect(mergeReports([ok(10, 2), ok(5, 1)])).toEqual({ ok: true, checkedEvents: 15, checkedDecisions: 3 });
  });

  it('reports the first break in range order, counting only what one pass would have checked before it', () => {
    expect(mergeReports([ok(10, 2), broken(3, 0), broken(7, 1)])).toEqual({ ...broken(13, 2), firstBroken: broken(3, 0).firstBroken });
  });

  it('reports a decision without a trail only when no chain is broken anywhere, as one pass finds it last', () => {
    const orphan = broken(4, 1, 'the decision has no events in the trail');
    expect(mergeReports([orphan, broken(2, 0)])).toEqual({ ...broken(6, 1), firstBroken: broken(2, 0).firstBroken });
    expect(mergeReports([orphan, ok(6, 2)])).toEqual({ ok: false, checkedEvents: 10, checkedDecisions: 3, firstBroken: orphan.firstBroken });
  });
});
