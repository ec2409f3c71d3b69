import { hashEvent, type ChainedEvent } from '@app/audit';
import { randomUUID } from 'node:crypto';
import { planDeadlines } from '../../libs/decisions/src/deadline-plan';
import { DecisionRepository, openSqlSession, type DecisionRow, type OpenDeadline, type TransitionWrite } from '@app/persistence';
import type { DataSource } from 'typeorm';
import { seededTrail, type SeededTrail } from '../support/seeded-trail';

jest.setTimeout(60_000);

// recordTransition: one statement that writes an accepted event and everything it changes,
// only while the decision is still at the version the event was decided on.
describe('DecisionRepository.recordTransition', () => {
  const jurisdiction = 'county-record-transition';
  const repo = new DecisionRepository({} as DataSource);
  let session: SeededTrail['session'];
  let ids: string[];
  let material: string;

  beforeAll(async () => {
    ({ session, ids } = await seededTrail(jurisdiction, 4, 3));
    material = randomUUID();
    await session.query(
      `INSERT INTO materials (id, jurisdiction, filename, content_type, size, sha256, content, uploaded_by, created_at)
       VALUES ($1, $2, 'a.pdf', 'application/pdf', 1, $3, '\\x00', '{}', now())`,
      [material, jurisdiction, 'a'.repeat(64)],
    );
  });
  afterAll(() => session?.end());

  const rowOf = async (id: string): Promise<DecisionRow> => (await session.query(`SELECT * FROM decisions WHERE id = $1`, [id]))[0];
  const counts = async (id: string) => {
    const [c] = await session.query(
      `SELECT (SELECT count(*)::int FROM decision_events WHERE decision_id = $1) AS events,
              (SELECT count(*)::int FROM material_citations WHERE decision_id = $1) AS citations,
              (SELECT coalesce(json_agg(json_build_object('key', key, 'status', status) ORDER BY key), '[]') FROM deadlines WHERE decision_id = $1) AS deadlines`,
      [id],
    );
    return c;
  };
  const due = (days: number) => new Date(Date.UTC(2027, 0, 1 + days)).toISOString();

  function transition(row: DecisionRow, opts: { expectedVersion?: number; desired?: { key: string; days: number }[]; cite?: string[] } = {}): TransitionWrite {
    const seq = row.version + 1;
    const event: ChainedEvent = {
      decisionId: row.id,
      seq,
      type: 'REVISE_DRAFT',
      payload: { text: `draft ${seq}` },
      actor: { sub: 'drafter-1', name: '起草人', roles: ['drafter'], unit: 'agri-bureau', jurisdiction },
      occurredAt: new Date(Date.UTC(2026, 10, 27, 0, seq)).toISOString(),
      stateBefore: row.state_value,
      stateAfter: row.state_value,
      machine: { id: row.machine_id, version: row.machine_version },
      profile: { id: row.profile_id, version: row.profile_version },
      prevHash: row.last_hash,
    };
    const hash = hashEvent(event);
    const desired = (opts.desired ?? []).map((d) => ({ key: d.key, kind: 'EXECUTION_DUE' as const, dueAt: due(d.days) }));
    return {
      event: { ...event, hash, jurisdiction },
      expectedVersion: opts.expectedVersion ?? row.version,
      projection: { status: row.status, snapshot: row.snapshot, view: row.view, involvedUnits: row.involved_units, at: new Date() },
      deadlines: planDeadlines(row.open_deadlines, desired),
      citedMaterials: opts.cite ?? [],
      notices: [],
    };
  }

  it('appends the event, opens deadlines, records citations and writes the projection, in one statement', async () => {
    const row = await rowOf(ids[0]);
    const t = transition(row, { desired: [{ key: 'late', days: 9 }, { key: 'soon', days: 2 }], cite: [material] });
    const written = await repo.recordTransition(session, t);
    expect(written!.openDeadlines.map((d) => [d.key, d.dueAt])).toEqual([['soon', due(2)], ['late', due(9)]]);
    expect(written!.created.map((d) => d.id).sort()).toEqual(t.deadlines.opening.map((d) => d.id).sort());
    const after = await rowOf(ids[0]);
    expect(after).toMatchObject({ version: row.version + 1, last_hash: t.event.hash, open_deadlines: written!.openDeadlines });
    expect(await counts(ids[0])).toEqual({ events: row.version + 1, citations: 1, deadlines: [{ key: 'late', status: 'pending' }, { key: 'soon', status: 'pending' }] });
  });

  it('writes nothing when the decision is no longer at the version decided on', async () => {
    const row = await rowOf(ids[1]);
    const decidedEarlier = { ...row, version: row.version - 1 };
    const before = await counts(ids[1]);
    const written = await repo.recordTransition(session, { ...transition(decidedEarlier, { desired: [{ key: 'x', days: 1 }], cite: [material] }) });
    expect(written).toBeUndefined();
    expect(await counts(ids[1])).toEqual(before);
    expect(await rowOf(ids[1])).toEqual(row);
  });

  it('closes what is no longer owed, keeps the rest, and reopens a key with the id its row keeps', async () => {
    const first = await repo.recordTransition(session, transition(await rowOf(ids[2]), { desired: [{ key: 'a', days: 5 }, { key: 'b', days: 1 }] }));
    const idOf = (list: OpenDeadline[], key: string) => list.find((d) => d.key === key)!.id;
    const closed = await repo.recordTransition(session, transition(await rowOf(ids[2]), { desired: [{ key: 'a', days: 5 }] }));
    expect(closed!.openDeadlines.map((d) => d.key)).toEqual(['a']);
    expect(closed!.created).toEqual([]);
    expect((await counts(ids[2])).deadlines).toEqual([{ key: 'a', status: 'pending' }, { key: 'b', status: 'closed' }]);
    const reopened = await repo.recordTransition(session, transition(await rowOf(ids[2]), { desired: [{ key: 'a', days: 5 }, { key: 'b', days: 7 }] }));
    expect(reopened!.openDeadlines.map((d) => [d.key, d.id])).toEqual([['a', idOf(first!.openDeadlines, 'a')], ['b', idOf(first!.openDeadlines, 'b')]]);
    expect(reopened!.created).toEqual([expect.objectContaining({ id: idOf(first!.openDeadlines, 'b'), kind: 'EXECUTION_DUE', dueAt: new Date(due(7)) })]);
    expect((await rowOf(ids[2])).open_deadlines).toEqual(reopened!.openDeadlines);
  });

  it('lets one of two writers deciding on the same version win; the other writes nothing', async () => {
    const row = await rowOf(ids[3]);
    const [x, y] = [transition(row, { desired: [{ key: 'x', days: 1 }] }), transition(row, { desired: [{ key: 'y', days: 1 }] })];
    const other = await openSqlSession(process.env.DATABASE_URL!);
    const results = await Promise.all([repo.recordTransition(session, x), repo.recordTransition(other, y)]).finally(() => other.end());
    expect(results.filter(Boolean)).toHaveLength(1);
    const c = await counts(ids[3]);
    expect(c.events).toBe(row.version + 1);
    expect(c.deadlines).toHaveLength(1);
  });
});

describe('DecisionRepository.recordRegistration', () => {
  const jurisdiction = 'county-record-registration';
  const repo = new DecisionRepository({} as DataSource);
  let session: Awaited<ReturnType<typeof openSqlSession>>;

  beforeAll(async () => {
    session = await openSqlSession(process.env.DATABASE_URL!);
  });
  afterAll(() => session?.end());

  function registration(prevHash = '0'.repeat(64)) {
    const id = randomUUID();
    const at = new Date(Date.UTC(2026, 10, 27, 8));
    const stateValue = 'proposed';
    const event: ChainedEvent = {
      decisionId: id,
      seq: 1,
      type: 'CREATE_DECISION',
      payload: { title: '登记', category: 'PUBLIC_POLICY' },
      actor: { sub: 'drafter-1', name: '起草人', roles: ['drafter'], unit: 'agri-bureau', jurisdiction },
      occurredAt: at.toISOString(),
      stateBefore: null,
      stateAfter: stateValue,
      machine: { id: 'major-decision', version: 1 },
      profile: { id: 'national', version: 1 },
      prevHash,
    };
    const hash = hashEvent(event);
    const row = {
      title: '登记', category: 'PUBLIC_POLICY', summary: null, confidential: false, catalogue_item_id: null, involved_units: ['agri-bureau'],
      status: 'proposed', snapshot: { value: stateValue }, view: { status: 'proposed' }, open_deadlines: [], at,
    };
    return { id, row, event: { ...event, hash, jurisdiction } };
  }

  it('writes the projection row and event 1 of its trail, which verifies', async () => {
    const { id, row, event } = registration();
    await repo.recordRegistration(session, row, event);
    const [d] = await session.query(`SELECT version, last_hash, status, state_value, title, involved_units FROM decisions WHERE id = $1`, [id]);
    expect(d).toEqual({ version: 1, last_hash: event.hash, status: 'proposed', state_value: 'proposed', title: '登记', involved_units: ['agri-bureau'] });
    const trail = await session.query(`SELECT seq, prev_hash, hash, state_before FROM decision_events WHERE decision_id = $1`, [id]);
    expect(trail).toEqual([{ seq: 1, prev_hash: '0'.repeat(64), hash: event.hash, state_before: null }]);
  });

  it('writes neither when the event cannot be written', async () => {
    const { id, row, event } = registration('not a hash of 64 characters'.repeat(3));
    await expect(repo.recordRegistration(session, row, event)).rejects.toThrow();
    expect(await session.query(`SELECT id FROM decisions WHERE id = $1`, [id])).toEqual([]);
  });
});
