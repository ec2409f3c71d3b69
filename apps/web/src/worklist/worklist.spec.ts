import type { Decision } from '../api/types';
import { buildWorklist, mapLimited } from './worklist';

const decision = (id: string, allowedEvents: string[], dueAt?: string, updatedAt = '2026-11-01T00:00:00Z') =>
  ({ id, allowedEvents, deadlines: dueAt ? [{ id: `${id}-d`, kind: 'LEGALITY_REVIEW_DUE', dueAt, overdue: false }] : [], updatedAt }) as unknown as Decision;
const roles: Record<string, string[]> = { ISSUE_LEGALITY_OPINION: ['legal_reviewer'], RETURN_FOR_MATERIALS: ['legal_reviewer'], PUBLISH: ['secretary'] };
const rolesOf = (e: string) => roles[e] ?? [];

describe(buildWorklist.name, () => {
  it('keeps only decisions where the API allows the user an event now', () => {
    const { items } = buildWorklist([decision('a', []), decision('b', ['PUBLISH'])], ['secretary'], rolesOf);
    expect(items.map((i) => i.decision.id)).toEqual(['b']);
  });

  it('puts the nearest deadline first, then the most recently changed', () => {
    const list = [
      decision('late', ['PUBLISH'], '2026-12-20T00:00:00Z'),
      decision('none-old', ['PUBLISH'], undefined, '2026-10-01T00:00:00Z'),
      decision('soon', ['PUBLISH'], '2026-12-02T00:00:00Z'),
      decision('none-new', ['PUBLISH'], undefined, '2026-11-20T00:00:00Z'),
    ];
    expect(buildWorklist(list, ['secretary'], rolesOf).items.map((i) => i.decision.id)).toEqual(['soon', 'late', 'none-new', 'none-old']);
  });

  it("groups items under the user's roles that their waiting events need", () => {
    const { byRole } = buildWorklist([decision('r', ['ISSUE_LEGALITY_OPINION']), decision('s', ['PUBLISH'])], ['legal_reviewer', 'secretary'], rolesOf);
    expect(byRole.legal_reviewer.map((i) => i.decision.id)).toEqual(['r']);
    expect(byRole.secretary.map((i) => i.decision.id)).toEqual(['s']);
  });
});

describe(mapLimited.name, () => {
  it('keeps the order of its inputs and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimited([5, 1, 3, 2, 4], 2, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20, 40]);
    expect(peak).toBe(2);
  });
});
