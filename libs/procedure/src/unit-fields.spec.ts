import { EVENT_TYPES } from './events';
import { involvedUnitsOf, UNIT_FIELDS, unitIdsOf } from './unit-fields';
import { validPayloadsV2 } from './testing/payloads.v2';
import { driveTo, UNITS } from './testing/factories';

describe(unitIdsOf.name, () => {
  it('finds every unit an event names, lists included, each once', () => {
    expect(unitIdsOf('ACCEPT_PROPOSAL', { undertakingUnit: 'agri-bureau', involvedUnits: ['finance-bureau', 'agri-bureau', ''] })).toEqual(['agri-bureau', 'finance-bureau']);
    expect(unitIdsOf('START_POST_EVALUATION', { trigger: 'DEEMED_NECESSARY', evaluator: ' institute ' })).toEqual(['institute']);
    expect(unitIdsOf('SUBMIT_RISK_REPORT', { controllable: true })).toEqual([]);
    expect(unitIdsOf('REVISE_DRAFT', { text: '县农业农村局负责' })).toEqual([]);
  });

  it('names only fields the payloads have: each lawful payload that sets one yields that unit', () => {
    const ctx = driveTo('implementing', { machine: 2 }).context;
    for (const type of EVENT_TYPES.filter((t) => UNIT_FIELDS[t])) {
      const payload = (validPayloadsV2[type] as (s: object) => Record<string, unknown>)({ context: ctx, now: '2025-06-01T00:00:00.000Z' });
      for (const field of UNIT_FIELDS[type]!) {
        const name = field.replace('[]', '');
        const withUnit = { ...payload, [name]: field.endsWith('[]') ? [UNITS.thirdParty] : UNITS.thirdParty };
        expect({ type, field, ids: unitIdsOf(type, withUnit) }).toEqual({ type, field, ids: expect.arrayContaining([UNITS.thirdParty]) });
      }
    }
  });
});

describe(involvedUnitsOf.name, () => {
  it('lists the proposing, undertaking and implementing units, and the units named as involved (v2)', () => {
    const h = driveTo('drafting', { machine: 2 });
    expect(involvedUnitsOf(h.context)).toEqual([UNITS.undertaking]);
    const named = driveTo('proposed', { machine: 2 }).must('ACCEPT_PROPOSAL', { involvedUnits: ['县财政局', UNITS.undertaking] });
    expect(involvedUnitsOf(named.context)).toEqual([UNITS.undertaking, '县财政局']);
    expect(involvedUnitsOf(driveTo('implementing').context)).toEqual([UNITS.undertaking, UNITS.executor]);
  });
});
