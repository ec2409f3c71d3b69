import { catalogueRefusals, evolveCatalogue, type CatalogueEvent, type CatalogueState } from './catalogue.model';

const at = (seq: number) => ({ seq, occurredAt: `2026-0${seq}-01T09:00:00.000Z` });
const item = (id: string, title = `事项${id}`) => ({ id, title, category: 'PUBLIC_POLICY' as const, undertakingUnit: 'agri-bureau' });
const create: CatalogueEvent = { type: 'CREATE_CATALOGUE', payload: { year: 2026, items: [item('a'), item('b')] } };
const consent: CatalogueEvent = { type: 'RECORD_PARTY_COMMITTEE_CONSENT', payload: { consentedAt: '2026-01-10T09:00:00+08:00', reference: '县委办复〔2026〕1号' } };
const publish: CatalogueEvent = { type: 'PUBLISH_CATALOGUE', payload: { publishedAt: '2026-01-15T09:00:00+08:00', channels: [] } };
const adjust = (p: Partial<Extract<CatalogueEvent, { type: 'ADJUST_CATALOGUE' }>['payload']>): CatalogueEvent => ({
  type: 'ADJUST_CATALOGUE',
  payload: { reason: '年度中调整', add: [], remove: [], change: [], ...p },
});

/** Fold events as the service does, refusing what the rules refuse. */
function fold(...events: CatalogueEvent[]): CatalogueState {
  let state = evolveCatalogue(null, events[0], at(1));
  events.slice(1).forEach((e, i) => {
    const refused = catalogueRefusals(state, e);
    if (refused.length) throw new Error(refused[0].code);
    state = evolveCatalogue(state, e, at(i + 2));
  });
  return state;
}
const codes = (state: CatalogueState, e: CatalogueEvent) => catalogueRefusals(state, e).map((r) => r.code);

describe('catalogue rules', () => {
  it('starts as a draft with every item live', () => {
    expect(fold(create)).toMatchObject({ year: 2026, status: 'draft', consent: null, items: [{ id: 'a', removed: false, plannedQuarter: null }, { id: 'b' }] });
  });

  it('refuses publication until the party committee has agreed', () => {
    expect(codes(fold(create), publish)).toEqual(['PARTY_COMMITTEE_CONSENT_REQUIRED']);
    expect(fold(create, consent, publish)).toMatchObject({ status: 'published', consent: consent.payload, publication: publish.payload });
  });

  it('refuses a second consent or publication', () => {
    expect(codes(fold(create, consent), consent)).toEqual(['CATALOGUE_ALREADY_CONSENTED']);
    expect(codes(fold(create, consent, publish), publish)).toEqual(['CATALOGUE_ALREADY_PUBLISHED']);
    expect(codes(fold(create, consent, publish), consent)).toEqual(['CATALOGUE_ALREADY_PUBLISHED']);
  });

  it('refuses an adjustment without reason or change, or naming an item that is not live', () => {
    const state = fold(create, adjust({ remove: ['b'] }));
    expect(codes(state, adjust({ reason: ' ' }))).toEqual(['ADJUSTMENT_REASON_REQUIRED', 'ADJUSTMENT_EMPTY']);
    expect(codes(state, adjust({ remove: ['b'] }))).toEqual(['CATALOGUE_ITEM_NOT_FOUND']);
    expect(codes(state, adjust({ change: [{ itemId: 'zz', title: '新' }] }))).toEqual(['CATALOGUE_ITEM_NOT_FOUND']);
  });

  it('applies additions, removals and changes, and keeps each adjustment with its reason', () => {
    const state = fold(create, consent, publish, adjust({ reason: '新增垃圾分类事项', add: [item('c')], remove: ['b'], change: [{ itemId: 'a', plannedQuarter: 3 }] }));
    expect(state.status).toBe('published');
    expect(state.items.map((i) => [i.id, i.removed, i.plannedQuarter])).toEqual([['a', false, 3], ['b', true, null], ['c', false, null]]);
    expect(state.adjustments).toEqual([{ seq: 4, occurredAt: at(4).occurredAt, reason: '新增垃圾分类事项', added: ['c'], removed: ['b'], changed: ['a'] }]);
  });

  it('an adjustment that voids the agreement returns the catalogue to draft', () => {
    const state = fold(create, consent, adjust({ add: [item('c')], consentLapsed: true }));
    expect(state).toMatchObject({ status: 'draft', consent: null });
    expect(codes(state, publish)).toEqual(['PARTY_COMMITTEE_CONSENT_REQUIRED']);
  });

  it('refuses to create a catalogue that exists', () => {
    expect(codes(fold(create), create)).toEqual(['CATALOGUE_EXISTS']);
  });
});
