import { effectsOf, type AnyProcedureEvent } from '@app/procedure';
import { noticesOf } from './organ-notices';

const report = (payload: object) =>
  ({ type: 'REPORT_EXECUTION', payload, occurredAt: '2027-03-01T02:00:00.000Z', actor: { sub: 'executor-1', name: '执行人张某', roles: ['executor'], unit: 'agri-bureau', jurisdiction: 'j' } }) as AnyProcedureEvent;
const names = (unit: string) => ({ 'agri-bureau': '县农业农村局' })[unit] ?? unit;

describe(noticesOf.name, () => {
  it('raises one notice to the decision organ for a serious problem, naming the unit by its registered name and who reported it', () => {
    const [notice, ...more] = noticesOf(effectsOf('d-1', report({ progress: '停工', problems: '资金挪用', serious: true })), names);
    expect(more).toEqual([]);
    expect(notice).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), kind: 'SERIOUS_EXECUTION_PROBLEM', message: expect.stringContaining('县农业农村局') });
    expect(notice.message).toContain('资金挪用');
    expect(notice.message).toContain('执行人张某');
  });

  it('raises none for an ordinary report', () => {
    expect(noticesOf(effectsOf('d-1', report({ progress: '顺利', problems: '个别延误' })), names)).toEqual([]);
  });

  it('repeats at most the first thousand characters of a long report (the whole report is on the trail)', () => {
    const [notice] = noticesOf(effectsOf('d-1', report({ progress: '停工', problems: '问'.repeat(5_000), serious: true })), names);
    expect(notice.message.length).toBeLessThan(1_200);
  });
});
