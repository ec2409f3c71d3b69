import { GENESIS_HASH, hashEvent, hashInput, JsonInterner, replayTrail, TrailReplayer, type ChainedEvent, type ReplayEngine } from '@app/audit';
import type { TrailEntry } from '@app/persistence';
import { ChainCheckThread, inlineChainCheck, type ChainCheck } from './chain-check';
import { ChainBatchDecoder, ChainBatchEncoder } from './chain-transfer';

/** A counter machine: each INC adds 1; anything else is refused. */
const counter: ReplayEngine<number> = {
  start: () => 0,
  apply: (n, e) => (e.type === 'INC' ? { accepted: true, state: n + 1 } : { accepted: false, reason: 'EVENT_NOT_ALLOWED' }),
  stateValue: (n) => n,
  status: (n) => (n > 2 ? 'many' : 'few'),
};

/** A trail as readTrail gives it: the actor and the references interned (frozen, shared), the payload not. */
function trail(n: number): TrailEntry[] {
  const shared = new JsonInterner();
  const actor = shared.parse('{"sub":"s","name":"n","roles":["drafter"],"unit":"u","jurisdiction":"j"}') as ChainedEvent['actor'];
  const machine = shared.intern({ id: 'm', version: 1 });
  let prevHash = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const e: ChainedEvent = {
      decisionId: 'd', seq: i + 1, type: i === 0 ? 'CREATE' : 'INC', payload: { text: `第${i}稿`, n: i }, occurredAt: '2026-01-01T00:00:00.000Z',
      actor, stateBefore: i === 0 ? null : i - 1, stateAfter: i, machine, profile: shared.intern({ id: 'p', version: 1 }), prevHash,
      ...(i % 7 === 3 ? { calendar: 'cal-1', warnings: [{ code: 'W', message: 'w' }] } : {}),
    };
    prevHash = hashEvent(e);
    return { ...e, hash: prevHash };
  });
}

/** Breaks of every kind, some on events whose state is wrong too (the order of the two in the report). */
function broken(): TrailEntry[] {
  const t = trail(40);
  t[4] = { ...t[4], payload: { text: 'altered', n: 4 } };
  t[9] = { ...t[9], prevHash: 'f'.repeat(64), stateAfter: 99 };
  t[14] = { ...t[14], payload: { text: '\ud800' } };
  t[20] = { ...t[20], type: 'BOGUS' };
  t.splice(30, 1);
  return t;
}

async function replayedElsewhere(entries: TrailEntry[], chain: ChainCheck, batch = 7) {
  const replayer = new TrailReplayer(counter, undefined, { chain: 'elsewhere' });
  for (let i = 0; i < entries.length; i += batch) {
    const page = entries.slice(i, i + batch);
    chain.feed(page);
    for (const e of page) replayer.feed(e);
  }
  return replayer.report(await chain.breaks());
}

describe('chain check beside the replay', () => {
  const thread = new ChainCheckThread();
  afterAll(() => thread.close());

  it('a trail crosses to the thread as it was: the same text hashed', () => {
    const entries = trail(12);
    const decoded = new ChainBatchDecoder();
    const encoder = new ChainBatchEncoder();
    const again = [...decoded.decode(encoder.encode(entries.slice(0, 5))), ...decoded.decode(encoder.encode(entries.slice(5)))];
    expect(again.map(hashInput)).toEqual(entries.map(hashInput));
    expect(again.map((e) => e.hash)).toEqual(entries.map((e) => e.hash));
  });

  it('reports what the inline check reports, in the same order, on the thread and on the calling thread', async () => {
    const entries = broken();
    const inline = replayTrail(counter, entries);
    expect(inline.mismatches.slice(0, 6)).toEqual([
      { seq: 5, reason: expect.stringContaining('hash mismatch') },
      { seq: 10, reason: expect.stringContaining('prev_hash') },
      { seq: 10, reason: 'state_after differs from the replayed state' },
      { seq: 15, reason: expect.stringContaining('cannot recompute') },
      { seq: 21, reason: expect.stringContaining('hash mismatch') },
      { seq: 21, reason: expect.stringContaining('refuses this event') },
    ]);
    expect(inline.mismatches).toContainEqual({ seq: 32, reason: expect.stringContaining('sequence gap') });
    expect(await replayedElsewhere(entries, thread.open())).toEqual(inline);
    expect(await replayedElsewhere(entries, inlineChainCheck())).toEqual(inline);
  });

  it('checks concurrent trails on one thread, each on its own', async () => {
    const [a, b] = await Promise.all([replayedElsewhere(trail(50), thread.open(), 5), replayedElsewhere(broken(), thread.open(), 3)]);
    expect(a).toEqual({ status: 'many', stateValue: 49, appliedEvents: 50, verified: true, mismatches: [] });
    expect(b).toEqual(replayTrail(counter, broken()));
  });

  it('a check abandoned before its breaks are read leaves nothing behind; the thread is started again after close', async () => {
    const abandoned = thread.open();
    abandoned.feed(trail(3));
    await thread.close();
    await expect(abandoned.breaks()).rejects.toThrow(/chain check/);
    expect(await replayedElsewhere(trail(10), thread.open())).toMatchObject({ verified: true, appliedEvents: 10 });
  });

  it('a thread ended fails only its own checks, not those of the thread started after it', async () => {
    const closing = thread.close();
    const next = replayedElsewhere(trail(20), thread.open());
    await closing;
    expect(await next).toMatchObject({ verified: true, appliedEvents: 20 });
  });
});
