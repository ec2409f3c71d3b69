import { NEW_DECISION_MACHINE } from '@app/decisions';
import { UnitRegistry } from '@app/units';
import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';
import { expectRefused } from './utils/trail-assertions';

// Access and units, over HTTP: drafter events come only from drafters of the undertaking unit (for v1
// decisions too, whose units were recorded by name: the registry's legacy names keep their drafters in);
// every unit an event names is a registered unit; views show units by name; allowedEvents and
// blockedEvents tell the caller the truth.

const J = 'county-v2-access';

describe('Ownership, units and what the caller may send', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(J);
  const envDrafter: ActorClaimsInput = { ...who.drafter, sub: 'drafter-env', unit: 'env-bureau' };
  const refused = (id: string, send: () => Promise<import('supertest').Response>, status: number, code: string) => expectRefused(t, id, who.auditor, send, status, code);
  const putUnit = (app: TestApp, unitId: string, body: object) => app.http.put(`/api/jurisdictions/${J}/units/${unitId}`).set('Authorization', bearer(who.admin)).send(body).expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    flow = new DecisionFlow(t, who);
    await t.http.get('/api/decisions').set('Authorization', bearer(envDrafter)).expect(200);
  });
  afterAll(() => t.close());

  it('takes drafter events only from drafters of the undertaking unit (403 NOT_UNDERTAKING_UNIT)', async () => {
    const id = await flow.create();
    await refused(id, () => flow.send(id, envDrafter, { type: 'WITHDRAW', reason: '撤回他人决策' }), 403, 'NOT_UNDERTAKING_UNIT');
    await flow.ok(id, who.secretary, lawful.accept);
    await refused(id, () => flow.send(id, envDrafter, lawful.draft('他单位的草案')), 403, 'NOT_UNDERTAKING_UNIT');
    const seen = (await flow.get(id, envDrafter)).body;
    expect([...seen.allowedEvents, ...seen.blockedEvents.map((b: { type: string }) => b.type)]).not.toContain('REVISE_DRAFT');
    await flow.ok(id, who.drafter, lawful.draft());
  });

  describe('422 UNIT_NOT_REGISTERED', () => {
    it('refuses a proposal accepted for an unregistered unit, or naming one as involved, or naming a unit by its name instead of its id', async () => {
      const id = await flow.create();
      await refused(id, () => flow.send(id, who.secretary, { ...lawful.accept, undertakingUnit: 'no-such-bureau' }), 422, 'UNIT_NOT_REGISTERED');
      await refused(id, () => flow.send(id, who.secretary, { ...lawful.accept, involvedUnits: ['env-bureau', 'no-such-bureau'] }), 422, 'UNIT_NOT_REGISTERED');
      await putUnit(t, 'agri-bureau', { name: '县农业农村局', kind: 'DEPARTMENT' });
      await refused(id, () => flow.send(id, who.secretary, { ...lawful.accept, undertakingUnit: '县农业农村局' }), 422, 'UNIT_NOT_REGISTERED');
      const accepted = await flow.ok(id, who.secretary, { ...lawful.accept, involvedUnits: ['env-bureau'] });
      expect(accepted.decision).toMatchObject({ undertakingUnit: 'agri-bureau', involvedUnits: ['env-bureau'], unitNames: { 'agri-bureau': '县农业农村局', 'env-bureau': 'env-bureau' } });
      const listed = (await t.http.get('/api/decisions').set('Authorization', bearer(who.secretary))).body.items.find((d: { id: string }) => d.id === id);
      expect(listed.unitNames).toMatchObject({ 'agri-bureau': '县农业农村局' });
    });

    it('refuses an expert report or risk assessment naming an unregistered unit that did the work', async () => {
      const id = await flow.create();
      await flow.ok(id, who.secretary, lawful.accept);
      await flow.ok(id, who.drafter, lawful.draft());
      await flow.ok(id, who.drafter, lawful.experts);
      for (const e of lawful.experts.experts) await flow.ok(id, who.drafter, lawful.expertOpinion(e.name));
      await refused(id, () => flow.send(id, who.drafter, { ...lawful.expertReport, organizerUnit: 'unknown-institute' }), 422, 'UNIT_NOT_REGISTERED');
      await refused(id, () => flow.send(id, who.drafter, { ...lawful.riskReport, assessorUnit: 'unknown-centre' }), 422, 'UNIT_NOT_REGISTERED');
    });

    it('refuses execution assigned to, or evaluated by, an unregistered unit; a unit registered by another process is known at once', async () => {
      const id = await flow.create();
      await flow.toDecided(id);
      await flow.ok(id, who.secretary, lawful.partyCommittee);
      await flow.ok(id, who.secretary, lawful.publish);
      const assign = (unit: string) => ({ type: 'ASSIGN_EXECUTION', unit, dueAt: inDays(90), reportEveryDays: 30 });
      await refused(id, () => flow.send(id, who.secretary, assign('water-bureau')), 422, 'UNIT_NOT_REGISTERED');
      await flow.ok(id, who.secretary, assign('agri-bureau'));
      await refused(id, () => flow.send(id, who.secretary, { type: 'START_POST_EVALUATION', trigger: 'DEEMED_NECESSARY', evaluator: 'think-tank' }), 422, 'UNIT_NOT_REGISTERED');
      const other = await createTestApp();
      try {
        await t.app.get(UnitRegistry).ready(J); // this process holds a fresh copy without the units
        await putUnit(other, 'water-bureau', { name: '县水务局', kind: 'DEPARTMENT' });
        await putUnit(other, 'think-tank', { name: '县发展研究中心', kind: 'THIRD_PARTY' });
      } finally {
        await other.close();
      }
      await flow.ok(id, who.secretary, assign('water-bureau'));
      const started = await flow.ok(id, who.secretary, { type: 'START_POST_EVALUATION', trigger: 'DEEMED_NECESSARY', evaluator: 'think-tank' });
      expect(started.decision.unitNames).toMatchObject({ 'water-bureau': '县水务局', 'think-tank': '县发展研究中心' });
      expect(started.decision.execution.assignments.map((a: { unit: string }) => a.unit)).toEqual(['agri-bureau', 'water-bureau']);
    });
  });

  it('keeps the drafters of a v1 decision that recorded its units by name in charge once tokens carry unit ids (legacy names)', async () => {
    // The build before the registry: tokens named units in free text and nothing checked them.
    const before = await createTestApp({ configure: (b) => b.overrideProvider(NEW_DECISION_MACHINE).useValue(1) });
    let id: string;
    try {
      const registry = before.app.get(UnitRegistry);
      jest.spyOn(registry, 'admit').mockResolvedValue();
      jest.spyOn(registry, 'requireRegistered').mockResolvedValue();
      const old = { drafter: { ...who.drafter, unit: '县林业局' }, secretary: who.secretary };
      const oldFlow = new DecisionFlow(before, { ...who, drafter: old.drafter });
      id = await oldFlow.create({ title: '林业防火规划（升级前）' });
      await oldFlow.ok(id, old.secretary, { ...lawful.accept, undertakingUnit: '县林业局' });
      await oldFlow.ok(id, old.drafter, lawful.draft('升级前草案'));
    } finally {
      await before.close();
    }
    const forestry: ActorClaimsInput = { ...who.drafter, sub: 'drafter-forest', unit: 'forestry-bureau' };
    await refused(id, () => flow.send(id, forestry, lawful.draft('升级后草案')), 403, 'NOT_UNDERTAKING_UNIT');
    await putUnit(t, 'forestry-bureau', { name: '县林业和草原局', kind: 'DEPARTMENT', legacyNames: ['县林业局'] });
    const revised = await flow.ok(id, forestry, lawful.draft('升级后草案'));
    expect(revised.decision).toMatchObject({ machine: { version: 1 }, undertakingUnit: '县林业局', unitNames: { 县林业局: '县林业和草原局' } });
    await refused(id, () => flow.send(id, envDrafter, lawful.draft('他单位的草案')), 403, 'NOT_UNDERTAKING_UNIT');
  }, 30_000); // it boots a second application (the build before the registry): seconds on a loaded machine

  it('lists in blockedEvents, with their rule codes, the events the caller may send that a rule refuses now, and neither list holds what the caller may not send', async () => {
    const id = await flow.create();
    await flow.ok(id, who.secretary, lawful.accept);
    const drafting = (await flow.get(id)).body;
    const blocked = Object.fromEntries(drafting.blockedEvents.map((b: { type: string; reasons: { code: string }[] }) => [b.type, b.reasons.map((r) => r.code)]));
    expect(blocked.SUBMIT_FOR_LEGALITY_REVIEW).toEqual(expect.arrayContaining(['DRAFT_MISSING', 'STEPS_NOT_SETTLED']));
    expect(drafting.allowedEvents).toContain('REVISE_DRAFT');
    expect(drafting.allowedEvents).not.toContain('SUBMIT_FOR_LEGALITY_REVIEW');
    const secretary = (await flow.get(id, who.secretary)).body;
    const offered = [...secretary.allowedEvents, ...secretary.blockedEvents.map((b: { type: string }) => b.type)];
    expect(offered).not.toContain('REVISE_DRAFT');
    expect(offered).toContain('SUBMIT_FOR_COLLECTIVE_DISCUSSION');
    const auditor = (await flow.get(id, who.auditor)).body;
    expect({ allowed: auditor.allowedEvents, blocked: auditor.blockedEvents }).toEqual({ allowed: [], blocked: [] });
  });
});
