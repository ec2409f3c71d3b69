import type { ApplyOutcome } from '../procedure-engine';
import type { RuleCode } from '../rule-codes';
import { actor, addDays, addMs, continueTo, driveTo, UNITS, type HarnessOptions, type Milestone } from '../testing/factories';
import { HEAD_PERSON, MEMBER_PERSONS } from '../testing/payloads.v2';
import type { CommentPeriodV2, DecisionContextV2 } from './context.v2';
import { createDecisionMachineV2 } from './machine.v2';
import { NATIONAL_V2, STRICT_V2 } from './profiles.v2';
import { V2_RULE_CODES } from './rule-codes.v2';

/*
 * One test per rule machine v2 adds: the rule refuses (its code, and every
 * violated rule), and the lawful alternative is accepted. Each test would fail
 * with the guard removed.
 */

const v2 = (milestone: Milestone, options: HarnessOptions = {}) => driveTo(milestone, { machine: 2, ...options });
const codes = (o: ApplyOutcome) => (o.accepted ? [] : o.reasons.map((r) => r.code));
const message = (o: ApplyOutcome) => (o.accepted ? '' : o.reasons.map((r) => r.message).join(' / '));
const accepted = (o: ApplyOutcome) => expect(codes(o)).toEqual([]);
const comment = (h: { context: unknown }) => (h.context as DecisionContextV2).publicParticipation.comment as CommentPeriodV2;

const covered = new Set<RuleCode>();
function rule(code: RuleCode, body: () => void) {
  covered.add(code);
  describe(code, body);
}

describe(`${createDecisionMachineV2.name} rules`, () => {
  // ---------------------------------------------------------------- public participation (Art. 14-15)

  rule('COMMENT_EXPLANATION_REQUIRED', () => {
    it('refuses a comment period opened without the explanation of the draft', () => {
      const h = v2('drafted');
      expect(codes(h.send('OPEN_PUBLIC_COMMENT', { explanation: '  ' }))).toEqual(['COMMENT_EXPLANATION_REQUIRED']);
      accepted(h.send('OPEN_PUBLIC_COMMENT'));
      expect(comment(h).explanation).toContain('起草说明');
    });
  });

  rule('COMMENT_PERIOD_BACKDATED', () => {
    it('counts a period from when it is recorded: an earlier start needs the published notice as evidence', () => {
      const h = v2('drafted');
      const startedEarlier = { startsAt: addDays(h.now, -20), endsAt: addDays(h.now, 10) };
      expect(codes(h.send('OPEN_PUBLIC_COMMENT', startedEarlier))).toEqual(['COMMENT_PERIOD_BACKDATED']);
      accepted(h.send('OPEN_PUBLIC_COMMENT', { ...startedEarlier, evidenceMaterialId: 'material-notice' }));
      expect(comment(h)).toMatchObject({ recordedAfterwards: true, evidenceMaterialId: 'material-notice', openedAt: expect.any(String) });
      expect(h.view.steps.publicParticipation).toMatchObject({ status: 'open', comment: { recordedAfterwards: true } });
    });

    it('tolerates clocks a few minutes apart, and a short backdated period is still too short', () => {
      const h = v2('drafted');
      accepted(h.fork().send('OPEN_PUBLIC_COMMENT', { startsAt: addMs(h.now, -5 * 60_000), endsAt: addDays(h.now, 30) }));
      expect(codes(h.send('OPEN_PUBLIC_COMMENT', { startsAt: addDays(h.now, -2), endsAt: addDays(h.now, 10) }))).toEqual([
        'COMMENT_PERIOD_TOO_SHORT',
        'COMMENT_PERIOD_BACKDATED',
      ]);
    });
  });

  rule('COMMENT_PERIOD_ALREADY_OPEN', () => {
    it('refuses a second period on the same draft; a revised draft is consulted on in a new period, bound to it', () => {
      const h = v2('drafted').must('OPEN_PUBLIC_COMMENT');
      expect(codes(h.send('OPEN_PUBLIC_COMMENT'))).toEqual(['COMMENT_PERIOD_ALREADY_OPEN']);
      expect(h.options('drafter').blockedEvents).toContainEqual({ type: 'OPEN_PUBLIC_COMMENT', reasons: [expect.objectContaining({ code: 'COMMENT_PERIOD_ALREADY_OPEN' })] });
      const first = comment(h);
      h.advanceDays(3).must('REVISE_DRAFT');
      // the public still sees the draft the running period was opened on
      expect(comment(h).draftHash).toBe(first.draftHash);
      expect(comment(h).draftHash).not.toBe(h.context.draft.hash);
      accepted(h.send('OPEN_PUBLIC_COMMENT'));
      expect(comment(h)).toMatchObject({ number: 2, draftHash: h.context.draft.hash, draftVersion: h.context.draft.version });
    });
  });

  rule('COMMENT_ON_OLD_DRAFT', () => {
    it('refuses the opinion report when the draft changed while the period ran, until a period on the new draft closes', () => {
      const h = v2('drafted').must('OPEN_PUBLIC_COMMENT');
      h.advanceDays(5).must('REVISE_DRAFT');
      h.advanceTo(comment(h).endsAt).must('CLOSE_PUBLIC_COMMENT');
      expect(codes(h.send('SUBMIT_PUBLIC_OPINION_REPORT'))).toEqual(['COMMENT_ON_OLD_DRAFT']);
      expect(h.options('drafter').blockedEvents.map((b) => b.type)).toContain('SUBMIT_PUBLIC_OPINION_REPORT');
      h.must('OPEN_PUBLIC_COMMENT');
      h.advanceTo(comment(h).endsAt).must('CLOSE_PUBLIC_COMMENT');
      accepted(h.send('SUBMIT_PUBLIC_OPINION_REPORT'));
    });

    it('does not ask for a new period when the draft is revised after the period closed (to take in the opinions)', () => {
      const h = v2('drafted').must('OPEN_PUBLIC_COMMENT');
      h.advanceTo(comment(h).endsAt).must('CLOSE_PUBLIC_COMMENT').must('REVISE_DRAFT');
      accepted(h.send('SUBMIT_PUBLIC_OPINION_REPORT'));
    });
  });

  rule('PARTICIPATION_NOT_HELD', () => {
    it('refuses the opinion report before any method was used; a forum with its record, a hearing or a comment period counts', () => {
      const h = v2('drafted');
      expect(codes(h.send('SUBMIT_PUBLIC_OPINION_REPORT', { otherMethods: [] }))).toEqual(['PARTICIPATION_NOT_HELD']);
      accepted(h.fork().send('SUBMIT_PUBLIC_OPINION_REPORT', { otherMethods: [{ method: 'QUESTIONNAIRE', heldAt: h.now, summary: '问卷 500 份', materialId: 'm-survey' }] }));
      accepted(h.fork().must('RECORD_HEARING').send('SUBMIT_PUBLIC_OPINION_REPORT', { otherMethods: [] }));
    });

    it('applies under the strict profile to a confidential matter too (no public comment, but a method among those cleared)', () => {
      const h = v2('drafted', { profile: STRICT_V2, facts: { confidential: true } });
      expect(codes(h.send('SUBMIT_PUBLIC_OPINION_REPORT', { otherMethods: [] }))).toEqual(['PARTICIPATION_NOT_HELD']);
      accepted(h.send('SUBMIT_PUBLIC_OPINION_REPORT'));
    });
  });

  describe('COMMENTS_NOT_ACCOUNTED (groups)', () => {
    const summary = {
      total: 10_003,
      spam: 3,
      groups: [
        { groupId: 'g-fees', count: 9_998, digest: 'sha256:g1' },
        { groupId: 'comment:c-1', count: 1, digest: 'sha256:c1' },
        { groupId: 'comment:c-2', count: 1, digest: 'sha256:c2' },
      ],
    };
    const reported = () => {
      const h = v2('drafted').must('OPEN_PUBLIC_COMMENT');
      return h.advanceTo(comment(h).endsAt).must('CLOSE_PUBLIC_COMMENT');
    };

    it('accepts one disposition for a group of identical comments, with its count; spam needs none', () => {
      const dispositions = [
        { groupId: 'g-fees', count: 9_998, adopted: false, reason: '收费标准已经成本监审' },
        { commentIds: ['c-1', 'c-2'], count: 2, adopted: true },
      ];
      accepted(reported().send('SUBMIT_PUBLIC_OPINION_REPORT', { receivedCommentSummary: summary, dispositions }));
    });

    it('refuses a report leaving a group unaccounted, a wrong count, or a rejection without reasons', () => {
      const h = reported();
      const refused = h.send('SUBMIT_PUBLIC_OPINION_REPORT', {
        receivedCommentSummary: summary,
        dispositions: [
          { groupId: 'g-fees', count: 100, adopted: true },
          { commentIds: ['c-1'], count: 1, adopted: false },
        ],
      });
      expect(codes(refused)).toEqual(['COMMENTS_NOT_ACCOUNTED']);
      expect(message(refused)).toContain('3 组（共 10000 条）');
      expect(message(refused)).toContain('1 项处理意见所述条数');
    });

    it('handles fifty thousand ungrouped comments (linear: seconds at most, where a quadratic check would take minutes), naming only the first few missing', () => {
      const groups = Array.from({ length: 50_000 }, (_, i) => ({ groupId: `comment:c${i}`, count: 1, digest: `sha256:${i}` }));
      const dispositions = groups.slice(1).map((g) => ({ commentIds: [g.groupId.slice('comment:'.length)], count: 1, adopted: true }));
      const h = reported();
      const started = performance.now();
      const refused = h.send('SUBMIT_PUBLIC_OPINION_REPORT', { receivedCommentSummary: { total: 50_000, spam: 0, groups }, dispositions });
      expect(performance.now() - started).toBeLessThan(3000);
      expect(codes(refused)).toEqual(['COMMENTS_NOT_ACCOUNTED']);
      expect(message(refused)).toContain('comment:c0）');
      accepted(h.send('SUBMIT_PUBLIC_OPINION_REPORT', { receivedCommentSummary: { total: 50_000, spam: 0, groups }, dispositions: [...dispositions, { commentIds: ['c0'], count: 1, adopted: true }] }));
    });
  });

  // ---------------------------------------------------------------- legality review (Art. 28)

  rule('ADVISER_OPINION_REQUIRED', () => {
    it('refuses a legality opinion recording no legal adviser\'s or public-sector lawyer\'s opinion (names alone do not)', () => {
      const h = v2('underReview');
      expect(codes(h.send('ISSUE_LEGALITY_OPINION', { advisers: [] }))).toEqual(['ADVISER_OPINION_REQUIRED']);
      expect(codes(h.send('ISSUE_LEGALITY_OPINION', { advisers: ['法律顾问王某'] }))).toEqual(['ADVISER_OPINION_REQUIRED']);
      accepted(h.send('ISSUE_LEGALITY_OPINION', { advisers: [{ name: '公职律师李某', kind: 'PUBLIC_SECTOR_LAWYER', opinion: '合法' }] }));
      expect(h.context.legalityReview.opinion).toMatchObject({ advisers: [{ name: '公职律师李某' }] });
    });

    it('asks for as many opinions as the profile says (none where it says so)', () => {
      const none = { ...NATIONAL_V2, id: 'no-advisers', legalityReview: { ...NATIONAL_V2.legalityReview, minAdviserOpinions: 0 } };
      accepted(v2('underReview', { profile: none }).send('ISSUE_LEGALITY_OPINION', { advisers: [] }));
      const two = { ...NATIONAL_V2, id: 'two-advisers', legalityReview: { ...NATIONAL_V2.legalityReview, minAdviserOpinions: 2 } };
      expect(codes(v2('underReview', { profile: two }).send('ISSUE_LEGALITY_OPINION'))).toEqual(['ADVISER_OPINION_REQUIRED']);
    });
  });

  // ---------------------------------------------------------------- the meeting (Art. 30)

  describe('HEAD_MUST_SPEAK_LAST (persons)', () => {
    it('refuses the head speaking while any other attendee has not spoken, naming them (v1 asked only for one member first)', () => {
      const h = v2('inMeeting').must('RECORD_OPINION');
      const early = h.send('RECORD_OPINION', { member: HEAD_PERSON.name, memberSub: HEAD_PERSON.sub, isHead: true });
      expect(codes(early)).toEqual(['HEAD_MUST_SPEAK_LAST']);
      expect(message(early)).toContain(MEMBER_PERSONS[1].name);
      h.must('RECORD_OPINION').must('RECORD_OPINION');
      accepted(h.send('RECORD_OPINION', { member: HEAD_PERSON.name, memberSub: HEAD_PERSON.sub, isHead: true }));
    });

    it('identifies members as persons: the same user under another name has spoken already; a namesake who is not present has not', () => {
      const h = v2('inMeeting').must('RECORD_OPINION');
      expect(codes(h.send('RECORD_OPINION', { member: '甲副县长', memberSub: MEMBER_PERSONS[0].sub }))).toEqual(['OPINION_ALREADY_RECORDED']);
      expect(codes(h.send('RECORD_OPINION', { member: MEMBER_PERSONS[1].name, memberSub: 'someone-else' }))).toEqual(['MEMBER_NOT_PRESENT']);
    });

    it('counts the quorum in persons: one user listed twice is present once', () => {
      const h = v2('awaitingMeeting');
      const twice = [MEMBER_PERSONS[0], { ...MEMBER_PERSONS[0], name: '甲' }, HEAD_PERSON];
      expect(codes(h.send('HOLD_MEETING', { membersTotal: 6, attendees: twice as never }))).toEqual(['QUORUM_NOT_MET']);
    });
  });

  rule('ATTENDEE_POSITION_MISSING', () => {
    it('refuses the decision while an attendee\'s position is not recorded, naming them', () => {
      const h = v2('inMeeting').must('RECORD_OPINION');
      const refused = h.send('RECORD_DECISION', {}, { by: actor('head') });
      expect(codes(refused)).toEqual(['HEAD_OPINION_MISSING', 'ATTENDEE_POSITION_MISSING']);
      expect(message(refused)).toContain(`${MEMBER_PERSONS[1].name}、${MEMBER_PERSONS[2].name}、${HEAD_PERSON.name}`);
      expect(h.options('head').blockedEvents).toContainEqual({ type: 'RECORD_DECISION', reasons: expect.arrayContaining([expect.objectContaining({ code: 'ATTENDEE_POSITION_MISSING' })]) });
      h.must('RECORD_OPINION').must('RECORD_OPINION').must('RECORD_OPINION');
      accepted(h.send('RECORD_DECISION'));
    });
  });

  rule('HEAD_NOT_PRESIDING', () => {
    it('refuses a decision recorded by a head other than the one recorded as speaking last', () => {
      const h = v2('opinionsRecorded');
      const deputy = actor('head', UNITS.government, { sub: 'deputy-head', name: '常务副县长' });
      expect(codes(h.send('RECORD_DECISION', {}, { by: deputy }))).toEqual(['HEAD_NOT_PRESIDING']);
      expect(h.options(deputy).blockedEvents.map((b) => b.type)).toEqual(['RECORD_DECISION']);
      accepted(h.send('RECORD_DECISION', {}, { by: actor('head') }));
    });

    it('keeps every position attributable: name, user id and words of each member, dissent included', () => {
      const h = v2('inMeeting').recordOpinions(['FOR', 'AGAINST', 'ABSTAIN']);
      const dissent = h.context.meeting!.opinions.find((o) => o.position === 'AGAINST');
      expect(dissent).toMatchObject({ member: MEMBER_PERSONS[1].name, memberSub: MEMBER_PERSONS[1].sub, text: 'AGAINST' });
    });
  });

  // ---------------------------------------------------------------- dates, reports

  rule('DATE_IN_FUTURE', () => {
    it.each([
      ['awaitingMeeting', 'HOLD_MEETING', 'heldAt', 'secretary'],
      ['decided', 'REPORT_TO_PARTY_COMMITTEE', 'reportedAt', 'secretary'],
      ['reported', 'PUBLISH', 'publishedAt', 'secretary'],
      ['drafted', 'RECORD_HEARING', 'heldAt', 'drafter'],
    ] as const)('at %s refuses %s with %s after the moment it is recorded', (milestone, type, field, role) => {
      const h = v2(milestone as Milestone);
      const refused = h.send(type, { [field]: addDays(h.now, 1) } as never, { by: actor(role) });
      expect(codes(refused)).toContain('DATE_IN_FUTURE');
      expect(message(refused)).toContain(field);
      accepted(h.send(type, { [field]: addMs(h.now, 60_000) } as never, { by: actor(role) }));
    });
  });

  rule('REPORT_ALREADY_FILED', () => {
    it('refuses a second report to the party committee, and no longer offers it', () => {
      const h = v2('decided').must('REPORT_TO_PARTY_COMMITTEE');
      expect(codes(h.send('REPORT_TO_PARTY_COMMITTEE'))).toEqual(['REPORT_ALREADY_FILED']);
      const { allowedEvents, blockedEvents } = h.options('secretary');
      expect(allowedEvents).toEqual(['REPORT_TO_PEOPLES_CONGRESS', 'PUBLISH']);
      expect(blockedEvents).toEqual([{ type: 'REPORT_TO_PARTY_COMMITTEE', reasons: [expect.objectContaining({ code: 'REPORT_ALREADY_FILED' })] }]);
    });
  });

  // ---------------------------------------------------------------- after the decision (Art. 34-37)

  describe('EXECUTION_NOT_ASSIGNED (completion)', () => {
    it('refuses completing execution that was never assigned', () => {
      const h = v2('reported').must('PUBLISH');
      expect(codes(h.send('COMPLETE_EXECUTION'))).toEqual(['EXECUTION_NOT_ASSIGNED']);
      expect(h.options('secretary').blockedEvents).toContainEqual({ type: 'COMPLETE_EXECUTION', reasons: [expect.objectContaining({ code: 'EXECUTION_NOT_ASSIGNED' })] });
      h.must('ASSIGN_EXECUTION');
      accepted(h.send('COMPLETE_EXECUTION'));
    });
  });

  describe('EVALUATOR_NOT_INDEPENDENT (assessment units)', () => {
    it('refuses as evaluator the unit that carried out the risk assessment, as well as the undertaking unit', () => {
      const institute = '县社会稳定风险评估中心';
      const h = v2('drafted').must('OPEN_PUBLIC_COMMENT').settleExpertArgumentation().must('SUBMIT_RISK_REPORT', { assessorUnit: institute });
      h.advanceTo(comment(h).endsAt).must('CLOSE_PUBLIC_COMMENT').must('SUBMIT_PUBLIC_OPINION_REPORT');
      continueTo(h, 'readyForReview', 'implementing');
      expect((h.context as DecisionContextV2).assessmentUnits).toEqual([institute]);
      expect(codes(h.send('START_POST_EVALUATION', { evaluator: institute }))).toEqual(['EVALUATOR_NOT_INDEPENDENT']);
      expect(codes(h.send('START_POST_EVALUATION', { evaluator: UNITS.undertaking }))).toEqual(['EVALUATOR_NOT_INDEPENDENT']);
      accepted(h.send('START_POST_EVALUATION'));
    });
  });

  rule('POST_EVALUATION_PARTICIPATION_REQUIRED', () => {
    it('refuses a post-evaluation that records no public participation', () => {
      const h = v2('postEvaluation');
      expect(codes(h.send('SUBMIT_POST_EVALUATION', { publicParticipation: undefined }))).toEqual(['POST_EVALUATION_PARTICIPATION_REQUIRED']);
      expect(codes(h.send('SUBMIT_POST_EVALUATION', { publicParticipation: { methods: [], summary: '无' } }))).toEqual(['POST_EVALUATION_PARTICIPATION_REQUIRED']);
      accepted(h.send('SUBMIT_POST_EVALUATION'));
      expect(h.context.execution.evaluations[0]).toMatchObject({ publicParticipation: { methods: ['QUESTIONNAIRE', 'FORUM'] } });
    });
  });

  rule('ADJUSTMENT_TRIGGER_REQUIRED', () => {
    it('refuses a change round without a reason and the post-evaluation or other circumstance it rests on', () => {
      const h = v2('implementing');
      expect(codes(h.send('START_ADJUSTMENT', { trigger: undefined }))).toEqual(['ADJUSTMENT_TRIGGER_REQUIRED']);
      expect(codes(h.send('START_ADJUSTMENT', { trigger: 'OTHER', triggerDescription: '' }))).toEqual(['ADJUSTMENT_TRIGGER_REQUIRED']);
      expect(codes(h.send('START_ADJUSTMENT', { trigger: 'POST_EVALUATION' }))).toEqual(['ADJUSTMENT_TRIGGER_REQUIRED']);
      h.advanceDays(30).must('START_POST_EVALUATION').must('SUBMIT_POST_EVALUATION', { recommendation: 'ADJUST' });
      accepted(h.send('START_ADJUSTMENT', { trigger: 'POST_EVALUATION' }));
    });
  });

  rule('ADJUSTMENT_IN_PROGRESS', () => {
    it('refuses a second change round, and completing execution, while one is under way', () => {
      const h = v2('implementing').must('START_ADJUSTMENT');
      expect(codes(h.send('START_ADJUSTMENT', { purpose: 'STOP' }, { by: actor('head') }))).toEqual(['ADJUSTMENT_IN_PROGRESS']);
      expect(codes(h.send('COMPLETE_EXECUTION'))).toEqual(['ADJUSTMENT_IN_PROGRESS']);
      h.must('WITHDRAW');
      accepted(h.send('COMPLETE_EXECUTION'));
    });
  });

  rule('COLLECTIVE_DECISION_REQUIRED', () => {
    it('refuses stopping execution on the head\'s word alone; suspending is the head\'s to do', () => {
      const h = v2('implementing');
      expect(codes(h.send('STOP_EXECUTION'))).toEqual(['COLLECTIVE_DECISION_REQUIRED']);
      expect(h.options('head').blockedEvents).toEqual([{ type: 'STOP_EXECUTION', reasons: [expect.objectContaining({ code: 'COLLECTIVE_DECISION_REQUIRED' })] }]);
      accepted(h.send('SUSPEND_EXECUTION'));
      expect(h.status).toBe('suspended');
      expect(codes(h.send('STOP_EXECUTION'))).toEqual(['COLLECTIVE_DECISION_REQUIRED']);
    });
  });

  it('has a test for every rule code machine v2 adds', () => {
    expect(V2_RULE_CODES.filter((c) => !covered.has(c))).toEqual([]);
  });
});
