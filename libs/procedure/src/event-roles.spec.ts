import { ROLES, type Role } from './actor';
import { authorizeEvent, EVENT_ROLES } from './event-roles';
import { CLIENT_EVENT_TYPES, EVENT_TYPES, type EventType } from './events';
import { STRICT_V1 } from './profiles';
import { actor, driveTo, UNITS, type Milestone } from './testing/factories';

/** Who sends what, as API.md states it. */
const API_ROLES: Partial<Record<EventType, Role[]>> = {
  ACCEPT_PROPOSAL: ['secretary', 'head'],
  DECLINE_PROPOSAL: ['secretary', 'head'],
  REVISE_DRAFT: ['drafter'],
  OPEN_PUBLIC_COMMENT: ['drafter'],
  CLOSE_PUBLIC_COMMENT: ['drafter'],
  PUBLIC_COMMENT_ELAPSED: ['system'],
  RECORD_HEARING: ['drafter'],
  SUBMIT_PUBLIC_OPINION_REPORT: ['drafter'],
  WAIVE_PUBLIC_PARTICIPATION: ['drafter'],
  APPOINT_EXPERTS: ['drafter'],
  RECORD_EXPERT_OPINION: ['drafter'],
  SUBMIT_EXPERT_REPORT: ['drafter'],
  WAIVE_EXPERT_ARGUMENTATION: ['drafter'],
  SUBMIT_RISK_REPORT: ['drafter'],
  WAIVE_RISK_ASSESSMENT: ['drafter'],
  SUBMIT_FOR_LEGALITY_REVIEW: ['drafter'],
  RETURN_FOR_MATERIALS: ['legal_reviewer'],
  ISSUE_LEGALITY_OPINION: ['legal_reviewer'],
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: ['drafter', 'secretary'],
  HOLD_MEETING: ['secretary'],
  RECORD_OPINION: ['secretary'],
  RECORD_DECISION: ['head'],
  REPORT_TO_PARTY_COMMITTEE: ['secretary'],
  REPORT_TO_PEOPLES_CONGRESS: ['secretary'],
  PUBLISH: ['secretary'],
  ASSIGN_EXECUTION: ['secretary'],
  REPORT_EXECUTION: ['executor'],
  START_POST_EVALUATION: ['secretary'],
  SUSPEND_EXECUTION: ['head'],
  RESUME_EXECUTION: ['head'],
  START_ADJUSTMENT: ['secretary', 'head'],
  STOP_EXECUTION: ['head'],
  COMPLETE_EXECUTION: ['secretary'],
  WITHDRAW: ['drafter', 'head'],
};

describe('EVENT_ROLES', () => {
  it('covers every event type, and nothing else', () => {
    expect(Object.keys(EVENT_ROLES).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) expect(EVENT_ROLES[type].length).toBeGreaterThan(0);
  });

  it('names only known roles', () => {
    const known: readonly string[] = [...ROLES, 'system'];
    for (const roles of Object.values(EVENT_ROLES)) for (const role of roles) expect(known).toContain(role);
  });

  it.each(Object.entries(API_ROLES))('%s is sent by the roles API.md names', (type, roles) => {
    expect([...EVENT_ROLES[type as EventType]].sort()).toEqual([...roles!].sort());
  });

  it('auditors and administrators change nothing; only the timer sends PUBLIC_COMMENT_ELAPSED, and no client may', () => {
    for (const type of EVENT_TYPES) {
      expect(EVENT_ROLES[type]).not.toContain('auditor');
      expect(EVENT_ROLES[type]).not.toContain('admin');
    }
    expect(EVENT_ROLES.PUBLIC_COMMENT_ELAPSED).toEqual(['system']);
    expect(CLIENT_EVENT_TYPES).not.toContain('PUBLIC_COMMENT_ELAPSED');
    expect(CLIENT_EVENT_TYPES).not.toContain('CREATE_DECISION');
    expect(EVENT_TYPES.filter((t) => EVENT_ROLES[t].includes('system'))).toEqual(['PUBLIC_COMMENT_ELAPSED']);
  });
});

describe(authorizeEvent.name, () => {
  const ctx = driveTo('underReview').context;

  it('refuses a role the table does not list with FORBIDDEN_ROLE, naming the roles that may', () => {
    const refusal = authorizeEvent('RECORD_DECISION', actor('secretary'), ctx);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(refusal!.message).toContain('head');
    expect(authorizeEvent('RECORD_DECISION', actor('head'), ctx)).toBeNull();
  });

  it('accepts a user holding several roles when one of them is listed', () => {
    expect(authorizeEvent('PUBLISH', actor('head', UNITS.office, { roles: ['head', 'secretary'] }), ctx)).toBeNull();
  });

  it('applies separation of duties only to the review events', () => {
    const inUndertakingUnit = actor('legal_reviewer', UNITS.undertaking);
    expect(authorizeEvent('ISSUE_LEGALITY_OPINION', inUndertakingUnit, ctx)).toMatchObject({ code: 'SEPARATION_OF_DUTIES' });
    expect(authorizeEvent('RETURN_FOR_MATERIALS', inUndertakingUnit, ctx)).toMatchObject({ code: 'SEPARATION_OF_DUTIES' });
    expect(authorizeEvent('ISSUE_LEGALITY_OPINION', actor('legal_reviewer'), ctx)).toBeNull();
    expect(authorizeEvent('WITHDRAW', actor('drafter'), ctx)).toBeNull();
  });

  it('checks roles only when there is no decision yet', () => {
    expect(authorizeEvent('CREATE_DECISION', actor('drafter'), null)).toBeNull();
    expect(authorizeEvent('CREATE_DECISION', actor('auditor'), null)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  });
});

describe('allowedEvents per role', () => {
  type Row = [Milestone, Role | 'reviewer in undertaking unit' | 'executor of another unit', EventType[]];
  const who = (w: Row[1]) =>
    w === 'reviewer in undertaking unit'
      ? actor('legal_reviewer', UNITS.undertaking)
      : w === 'executor of another unit'
        ? actor('executor', '县住房和城乡建设局')
        : actor(w);

  const DRAFTING_WORK: EventType[] = [
    'REVISE_DRAFT',
    'OPEN_PUBLIC_COMMENT',
    'SCHEDULE_HEARING',
    'RECORD_HEARING',
    'SUBMIT_PUBLIC_OPINION_REPORT',
    'WAIVE_PUBLIC_PARTICIPATION',
    'APPOINT_EXPERTS',
    'WAIVE_EXPERT_ARGUMENTATION',
    'SUBMIT_RISK_REPORT',
    'WAIVE_RISK_ASSESSMENT',
    'WITHDRAW',
  ];

  const TABLE: Row[] = [
    ['proposed', 'drafter', ['WITHDRAW']],
    ['proposed', 'secretary', ['ACCEPT_PROPOSAL', 'DECLINE_PROPOSAL']],
    ['proposed', 'head', ['ACCEPT_PROPOSAL', 'DECLINE_PROPOSAL', 'WITHDRAW']],
    ['proposed', 'legal_reviewer', []],
    // steps unsettled: neither legality review nor discussion is offered
    ['drafted', 'drafter', DRAFTING_WORK],
    ['drafted', 'secretary', []],
    ['drafted', 'head', ['WITHDRAW']],
    ['readyForReview', 'drafter', ['REVISE_DRAFT', 'SUBMIT_FOR_LEGALITY_REVIEW', 'WITHDRAW']],
    ['underReview', 'legal_reviewer', ['RETURN_FOR_MATERIALS', 'ISSUE_LEGALITY_OPINION']],
    ['underReview', 'reviewer in undertaking unit', []],
    ['underReview', 'drafter', ['WITHDRAW']],
    ['reviewedLawful', 'drafter', ['REVISE_DRAFT', 'SUBMIT_FOR_LEGALITY_REVIEW', 'SUBMIT_FOR_COLLECTIVE_DISCUSSION', 'WITHDRAW']],
    ['reviewedLawful', 'secretary', ['SUBMIT_FOR_COLLECTIVE_DISCUSSION']],
    ['awaitingMeeting', 'secretary', ['HOLD_MEETING']],
    ['inMeeting', 'secretary', ['HOLD_MEETING', 'RECORD_OPINION']],
    // the head has not spoken yet: RECORD_DECISION is blocked (HEAD_OPINION_MISSING), not offered
    ['inMeeting', 'head', ['WITHDRAW']],
    ['opinionsRecorded', 'head', ['RECORD_DECISION', 'WITHDRAW']],
    // PUBLISH waits for the report to the party committee
    ['decided', 'secretary', ['REPORT_TO_PARTY_COMMITTEE', 'REPORT_TO_PEOPLES_CONGRESS']],
    ['reported', 'secretary', ['REPORT_TO_PARTY_COMMITTEE', 'REPORT_TO_PEOPLES_CONGRESS', 'PUBLISH']],
    ['decided', 'head', []],
    ['decided', 'drafter', []],
    ['implementing', 'secretary', ['ASSIGN_EXECUTION', 'START_POST_EVALUATION', 'START_ADJUSTMENT', 'COMPLETE_EXECUTION']],
    ['implementing', 'head', ['SUSPEND_EXECUTION', 'START_ADJUSTMENT', 'STOP_EXECUTION']],
    ['implementing', 'executor', ['REPORT_EXECUTION']],
    ['implementing', 'executor of another unit', []],
    ['postEvaluation', 'secretary', ['ASSIGN_EXECUTION', 'SUBMIT_POST_EVALUATION', 'START_ADJUSTMENT']],
    ['suspended', 'head', ['RESUME_EXECUTION', 'START_ADJUSTMENT', 'STOP_EXECUTION']],
    ['suspended', 'secretary', ['START_ADJUSTMENT']],
    ['suspended', 'executor', []],
  ];

  const harnesses = new Map<Milestone, ReturnType<typeof driveTo>>();
  const at = (m: Milestone) => harnesses.get(m) ?? harnesses.set(m, driveTo(m)).get(m)!;

  it.each(TABLE)('at %s, %s may send %j', (milestone, role, expected) => {
    expect(new Set(at(milestone).allowed(who(role)))).toEqual(new Set(expected));
  });

  it.each(['proposed', 'drafted', 'underReview', 'inMeeting', 'decided', 'implementing', 'suspended'] as Milestone[])(
    'at %s, auditors and administrators may send nothing',
    (milestone) => {
      expect(at(milestone).allowed('auditor')).toEqual([]);
      expect(at(milestone).allowed('admin')).toEqual([]);
    },
  );

  it('lists only event types whose roles include the caller', () => {
    for (const milestone of ['drafted', 'reviewedLawful', 'implementing'] as Milestone[]) {
      for (const role of ROLES) {
        for (const type of at(milestone).allowed(role)) expect(EVENT_ROLES[type]).toContain(role);
      }
    }
  });

  it('offers the timer the close of an elapsed comment period, and the drafter too, but not before it elapses', () => {
    const h = driveTo('drafted', { profile: STRICT_V1 }).must('OPEN_PUBLIC_COMMENT');
    expect(h.allowed('system')).toEqual([]);
    expect(h.allowed('drafter')).not.toContain('CLOSE_PUBLIC_COMMENT');
    h.advanceDays(30);
    expect(h.allowed('system')).toEqual(['PUBLIC_COMMENT_ELAPSED']);
    expect(h.allowed('drafter')).toContain('CLOSE_PUBLIC_COMMENT');
  });

  it.each([
    ['drafting', 'drafter', 'OPEN_PUBLIC_COMMENT', ['DRAFT_MISSING']],
    ['drafting', 'drafter', 'SUBMIT_FOR_LEGALITY_REVIEW', ['DRAFT_MISSING', 'STEPS_NOT_SETTLED']],
    ['drafted', 'drafter', 'SUBMIT_FOR_LEGALITY_REVIEW', ['STEPS_NOT_SETTLED']],
    ['underReview', 'drafter', 'REVISE_DRAFT', ['DRAFT_UNDER_REVIEW']],
    ['inMeeting', 'head', 'RECORD_DECISION', ['HEAD_OPINION_MISSING']],
    ['decided', 'secretary', 'PUBLISH', ['PARTY_COMMITTEE_REPORT_REQUIRED']],
  ] as [Milestone, Role, EventType, string[]][])('at %s, the %s sees %s blocked with %j, never offered', (milestone, role, type, codes) => {
    const { allowedEvents, blockedEvents } = at(milestone).options(actor(role));
    expect(allowedEvents).not.toContain(type);
    expect(blockedEvents.find((b) => b.type === type)?.reasons.map((r) => r.code)).toEqual(codes);
    // and sending it is refused with (at least) those rules
    expect(at(milestone).fork().refusal(type, {}, { by: actor(role) })).toEqual(expect.arrayContaining(codes));
  });

  it('lists an event the caller may not send (role, ownership) in neither list', () => {
    const outsider = actor('drafter', '县住房和城乡建设局');
    const { allowedEvents, blockedEvents } = at('drafting').options(outsider);
    expect(allowedEvents).toEqual([]);
    expect(blockedEvents).toEqual([]);
  });

  it('offers nothing to anyone once the decision is final', () => {
    const h = driveTo('implementing').must('COMPLETE_EXECUTION');
    for (const role of [...ROLES, 'system'] as Role[]) expect(h.allowed(role)).toEqual([]);
  });
});

describe('authorizeEvent with a unit registry', () => {
  // a v1 decision accepted before units were entities names its undertaking unit by name
  const ctx = driveTo('drafted').context;
  const drafter = actor('drafter', 'dev-reform-bureau');
  const aliases: Record<string, string> = { 'dev-reform-bureau': UNITS.undertaking };
  const sameUnit = (token: string, recorded: string) => token === recorded || aliases[token] === recorded;

  it('lets the host say which unit ids a recorded unit name stands for; ownership and separation of duties follow', () => {
    expect(authorizeEvent('REVISE_DRAFT', drafter, ctx)).toMatchObject({ code: 'NOT_UNDERTAKING_UNIT' });
    expect(authorizeEvent('REVISE_DRAFT', drafter, ctx, { sameUnit })).toBeNull();
    expect(authorizeEvent('ISSUE_LEGALITY_OPINION', actor('legal_reviewer', 'dev-reform-bureau'), driveTo('underReview').context, { sameUnit })).toMatchObject({ code: 'SEPARATION_OF_DUTIES' });
  });
});
