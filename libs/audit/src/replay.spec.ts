import { GENESIS_HASH, hashEvent, type ChainedEvent } from './hash-chain';
import { replayTrail, type ReplayEngine } from './replay';

/** A counter machine: each INC adds 1; anything else is refused. */
const counter: ReplayEngine<number> = {
  start: () => 0,
  apply: (n, e) => (e.type === 'INC' ? { accepted: true, state: n + 1 } : { accepted: false, reason: 'EVENT_NOT_ALLOWED' }),
  stateValue: (n) => n,
  status: (n) => (n > 2 ? 'many' : 'few'),
};

function trail(types: string[], stateAfter = (i: number) => i): (ChainedEvent & { hash: string })[] {
  let prevHash = GENESIS_HASH;
  return types.map((type, i) => {
    const e: ChainedEvent = {
      decisionId: 'd', seq: i + 1, type, payload: {}, occurredAt: '2026-01-01T00:00:00.000Z',
      actor: { sub: 's', name: 'n', roles: ['drafter'], unit: 'u', jurisdiction: 'j' },
      stateBefore: i === 0 ? null : i - 1, stateAfter: stateAfter(i),
      machine: { id: 'm', version: 1 }, profile: { id: 'p', version: 1 }, prevHash,
    };
    prevHash = hashEvent(e);
    return { ...e, hash: prevHash };
  });
}

describe(replayTrail.name, () => {
  it('recomputes every state and verifies the chain', () => {
    expect(replayTrail(counter, trail(['CREATE', 'INC', 'INC', 'INC']))).toEqual({ status: 'many', stateValue: 3, appliedEvents: 4, verified: true, mismatches: [] });
  });

  it('stops at toSeq', () => {
    expect(replayTrail(counter, trail(['CREATE', 'INC', 'INC', 'INC']), 2)).toMatchObject({ stateValue: 1, appliedEvents: 2, verified: true });
  });

  it('reports a recorded state the machine does not produce, and an event it refuses', () => {
    const lying = trail(['CREATE', 'INC', 'INC'], (i) => (i === 2 ? 5 : i));
    expect(replayTrail(counter, lying).mismatches).toEqual([{ seq: 3, reason: 'state_after differs from the replayed state' }]);
    const refused = replayTrail(counter, trail(['CREATE', 'INC', 'BOGUS']));
    expect(refused.verified).toBe(false);
    expect(refused.mismatches).toEqual([{ seq: 3, reason: expect.stringContaining('refuses this event') }]);
  });
});
