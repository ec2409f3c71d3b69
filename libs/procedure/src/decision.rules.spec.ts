import { type ApplyOutcome, ProcedureEngine } from './procedure-engine';
import { RULES, type RuleCode } from './rule-codes';
import { STRICT_V1 } from './profiles';
import { HOST_RULE_CODES, V2_RULE_CODES } from './v2/rule-codes.v2';
import {
  actor,
  addDays,
  createCalendar,
  driveTo,
  expertPanel,
  HEAD_MEMBER,
  INDEPENDENT_EVALUATOR,
  MEMBERS,
  T0,
  UNITS,
  validPayloads,
} from './testing/factories';
import type { DecisionContext } from './decision-context';

/*
 * One readable test per rule code: each proves the rule refuses (code first,
 * and every violated rule listed when several fail) and that the lawful
 * alternative is accepted.
 */

const codes = (o: ApplyOutcome) => (o.accepted ? [] : o.reasons.map((r) => r.code));

function expectRefused(outcome: ApplyOutcome, ...expected: RuleCode[]) {
  expect(outcome.accepted).toBe(false);
  expect(codes(outcome)).toEqual(expected);
}

function expectAccepted(outcome: ApplyOutcome) {
  expect(codes(outcome)).toEqual([]);
  expect(outcome.accepted).toBe(true);
}

/** Codes machine v1 cannot raise: the host's, and those machine v2 adds (tested in v2/decision-v2.rules.spec.ts). */
const NOT_RAISED_BY_THE_ENGINE: RuleCode[] = [...HOST_RULE_CODES, ...V2_RULE_CODES];
const covered = new Set<RuleCode>();
function rule(code: RuleCode, body: () => void) {
  covered.add(code);
  describe(code, body);
}

describe(ProcedureEngine.name, () => {
  describe('rules', () => {
    // ------------------------------------------------------------ the hard gate

    rule('LEGALITY_REVIEW_REQUIRED', () => {
      it('refuses discussion without a lawful opinion on this draft', () => {
        const h = driveTo('readyForReview');
        expectRefused(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION'), 'LEGALITY_REVIEW_REQUIRED');
        h.must('SUBMIT_FOR_LEGALITY_REVIEW').must('ISSUE_LEGALITY_OPINION', { conclusion: 'LAWFUL' });
        expectAccepted(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION'));
        expect(h.stateValue).toEqual({ collectiveDiscussion: 'awaitingMeeting' });
      });

      it.each(['UNLAWFUL', 'REVISE'] as const)('refuses discussion after a %s opinion (shown as rejected)', (conclusion) => {
        const h = driveTo('underReview').must('ISSUE_LEGALITY_OPINION', { conclusion });
        expect(h.view.steps.legalityReview.status).toBe('rejected');
        expectRefused(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION', {}, { by: actor('secretary') }), 'LEGALITY_REVIEW_REQUIRED');
      });

      it('lists unsettled steps and the missing review together', () => {
        const h = driveTo('drafted');
        expect(codes(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION'))).toEqual(['STEPS_NOT_SETTLED', 'LEGALITY_REVIEW_REQUIRED']);
      });
    });

    rule('DRAFT_CHANGED_SINCE_REVIEW', () => {
      it('refuses discussion of a draft revised after its lawful opinion, until the new draft is reviewed', () => {
        const h = driveTo('reviewedLawful').must('REVISE_DRAFT');
        expectRefused(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION'), 'DRAFT_CHANGED_SINCE_REVIEW');
        h.must('SUBMIT_FOR_LEGALITY_REVIEW').must('ISSUE_LEGALITY_OPINION');
        expectAccepted(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION'));
      });

      it('a lawful opinion stops counting after REVISE_DRAFT changes the content (and still counts for identical content)', () => {
        const h = driveTo('reviewedLawful');
        expect(h.view.steps.legalityReview).toMatchObject({ status: 'completed', currentDraft: true });
        const reviewed = h.context.draft.hash!;

        const same = h.fork().must('REVISE_DRAFT', { contentHash: reviewed, changeSummary: '仅调整格式' });
        expect(same.view.steps.legalityReview).toMatchObject({ status: 'completed', currentDraft: true });
        expectAccepted(same.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION'));

        h.must('REVISE_DRAFT');
        expect(h.context.legalityReview.opinion).toMatchObject({ draftHash: reviewed, conclusion: 'LAWFUL' });
        expect(h.view.steps.legalityReview).toMatchObject({ status: 'pending', currentDraft: false });
      });
    });

    rule('DRAFT_UNDER_REVIEW', () => {
      it('refuses revising the draft while it is under legality review, and accepts it once the opinion is issued', () => {
        const h = driveTo('underReview');
        expectRefused(h.send('REVISE_DRAFT'), 'DRAFT_UNDER_REVIEW');
        expect(h.allowed('drafter')).not.toContain('REVISE_DRAFT');
        h.must('ISSUE_LEGALITY_OPINION', { conclusion: 'REVISE' });
        expectAccepted(h.send('REVISE_DRAFT'));
      });
    });

    rule('DRAFT_MISSING', () => {
      it('refuses public comment before there is a draft to publish', () => {
        const h = driveTo('drafting');
        expectRefused(h.send('OPEN_PUBLIC_COMMENT'), 'DRAFT_MISSING');
        h.must('REVISE_DRAFT');
        expectAccepted(h.send('OPEN_PUBLIC_COMMENT'));
      });

      it('refuses legality review of no draft even with every step lawfully waived', () => {
        const h = driveTo('drafting', { facts: { confidential: true } })
          .must('WAIVE_PUBLIC_PARTICIPATION')
          .must('WAIVE_EXPERT_ARGUMENTATION')
          .must('WAIVE_RISK_ASSESSMENT');
        expectRefused(h.send('SUBMIT_FOR_LEGALITY_REVIEW'), 'DRAFT_MISSING');
        h.must('REVISE_DRAFT');
        expectAccepted(h.send('SUBMIT_FOR_LEGALITY_REVIEW'));
      });
    });

    rule('STEPS_NOT_SETTLED', () => {
      it('refuses legality review until public participation, expert argumentation and risk assessment are completed or waived', () => {
        const h = driveTo('drafted');
        const refused = h.send('SUBMIT_FOR_LEGALITY_REVIEW');
        expectRefused(refused, 'STEPS_NOT_SETTLED');
        expect(!refused.accepted && refused.reasons[0].message).toMatch(/公众参与、专家论证、风险评估/);
        h.settleConsultation();
        expectAccepted(h.send('SUBMIT_FOR_LEGALITY_REVIEW'));
      });

      it('lists every failed rule of a submission: no draft, steps unsettled, too little review time', () => {
        const h = driveTo('drafting');
        expect(codes(h.send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: addDays(h.now, 1) }))).toEqual([
          'DRAFT_MISSING',
          'STEPS_NOT_SETTLED',
          'REVIEW_TIME_TOO_SHORT',
        ]);
      });
    });

    rule('REVIEW_TIME_TOO_SHORT', () => {
      it('refuses a submission that leaves the reviewer fewer than 7 working days (weekends do not count)', () => {
        const calendar = createCalendar();
        const h = driveTo('readyForReview', { engine: new ProcedureEngine({ calendar }) });
        const sevenCalendarDays = addDays(h.now, 7);
        const refused = h.send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: sevenCalendarDays });
        expectRefused(refused, 'REVIEW_TIME_TOO_SHORT');
        expect(calendar.calls).toBeGreaterThan(0);
        const sevenWorkingDays = calendar.addWorkingDays(h.now, 7).latest;
        expect(Date.parse(sevenWorkingDays) - Date.parse(sevenCalendarDays)).toBe(2 * 86_400_000);
        expectAccepted(h.send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: sevenWorkingDays }));
      });

      it('accepts a submission that names no date (the profile time limit applies)', () => {
        expectAccepted(driveTo('readyForReview').send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: undefined }));
      });
    });

    rule('REVIEW_TIME_PROVISIONAL', () => {
      it('accepts with this warning a date that unpublished holidays may make too short, and refuses one too short in every case', () => {
        // 7 working days fall between 7 and 12 days later, depending on make-up days not yet announced
        const calendar = { addWorkingDays: (from: string, n: number) => ({ earliest: addDays(from, n), latest: addDays(from, n + 5), provisional: true }) };
        const h = driveTo('readyForReview', { engine: new ProcedureEngine({ calendar }) });
        expectRefused(h.fork().send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: addDays(h.now, 6) }), 'REVIEW_TIME_TOO_SHORT');
        expect(h.fork().send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: addDays(h.now, 12) })).toMatchObject({ accepted: true, warnings: [] });
        const risky = h.send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: addDays(h.now, 9) });
        expect(risky).toMatchObject({ accepted: true, warnings: [{ code: 'REVIEW_TIME_PROVISIONAL' }] });
      });
    });

    rule('LAWFUL_WITH_RISKS_NOT_ALLOWED', () => {
      it('refuses "lawful with legal risks" outside exploratory reform, listing missing risks too', () => {
        const h = driveTo('underReview');
        expectRefused(h.send('ISSUE_LEGALITY_OPINION', { conclusion: 'LAWFUL_WITH_RISKS' }), 'LAWFUL_WITH_RISKS_NOT_ALLOWED', 'LEGAL_RISKS_REQUIRED');
        expectRefused(h.send('ISSUE_LEGALITY_OPINION', { conclusion: 'LAWFUL_WITH_RISKS', legalRisks: ['无上位法依据'] }), 'LAWFUL_WITH_RISKS_NOT_ALLOWED');
        expectAccepted(h.send('ISSUE_LEGALITY_OPINION', { conclusion: 'LAWFUL' }));
      });

      it('accepts "lawful with legal risks" for an exploratory reform, and it counts for discussion', () => {
        const h = driveTo('underReview', { facts: { exploratoryReform: true } });
        expectAccepted(h.send('ISSUE_LEGALITY_OPINION', { conclusion: 'LAWFUL_WITH_RISKS', legalRisks: ['无上位法依据'] }));
        expectAccepted(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION'));
      });
    });

    rule('LEGAL_RISKS_REQUIRED', () => {
      it('refuses "lawful with legal risks" that states no risk', () => {
        const h = driveTo('underReview', { facts: { exploratoryReform: true } });
        expectRefused(h.send('ISSUE_LEGALITY_OPINION', { conclusion: 'LAWFUL_WITH_RISKS', legalRisks: [] }), 'LEGAL_RISKS_REQUIRED');
        expectAccepted(h.send('ISSUE_LEGALITY_OPINION', { conclusion: 'LAWFUL_WITH_RISKS', legalRisks: ['改革探索'] }));
      });
    });

    // ------------------------------------------------------------ public participation

    rule('COMMENT_PERIOD_TOO_SHORT', () => {
      it('refuses a public comment period under 30 days unless an urgency reason is stated when it opens', () => {
        const h = driveTo('drafted');
        expectRefused(h.send('OPEN_PUBLIC_COMMENT', { endsAt: addDays(h.now, 29) }), 'COMMENT_PERIOD_TOO_SHORT');
        expectRefused(h.send('OPEN_PUBLIC_COMMENT', { endsAt: addDays(h.now, 10), urgencyReason: '  ' }), 'COMMENT_PERIOD_TOO_SHORT');
        expectAccepted(h.fork().send('OPEN_PUBLIC_COMMENT', { endsAt: addDays(h.now, 30) }));
        expectAccepted(h.send('OPEN_PUBLIC_COMMENT', { endsAt: addDays(h.now, 10), urgencyReason: '防汛形势紧迫' }));
        expect(h.context.publicParticipation.comment).toMatchObject({ urgencyReason: '防汛形势紧迫' });
      });
    });

    rule('COMMENT_PERIOD_INVALID', () => {
      it('refuses a comment period that ends before it starts', () => {
        const h = driveTo('drafted');
        expectRefused(h.send('OPEN_PUBLIC_COMMENT', { endsAt: addDays(h.now, -1) }), 'COMMENT_PERIOD_INVALID');
        expectAccepted(h.send('OPEN_PUBLIC_COMMENT'));
      });
    });

    rule('COMMENT_PERIOD_NOT_ELAPSED', () => {
      it('refuses closing the comment period early, or reporting opinions while it runs', () => {
        const h = driveTo('drafted').must('OPEN_PUBLIC_COMMENT');
        const endsAt = h.context.publicParticipation.comment!.endsAt;
        expectRefused(h.send('CLOSE_PUBLIC_COMMENT'), 'COMMENT_PERIOD_NOT_ELAPSED');
        expectRefused(h.send('SUBMIT_PUBLIC_OPINION_REPORT'), 'COMMENT_PERIOD_NOT_ELAPSED');
        expectRefused(h.send('PUBLIC_COMMENT_ELAPSED', {}, { by: actor('system') }), 'COMMENT_PERIOD_NOT_ELAPSED');
        h.advanceTo(endsAt);
        expectAccepted(h.send('CLOSE_PUBLIC_COMMENT'));
        expect(h.view.steps.publicParticipation.status).toBe('closed');
        expectAccepted(h.send('SUBMIT_PUBLIC_OPINION_REPORT'));
      });

      it('lets the system timer close the period when it elapses', () => {
        const h = driveTo('drafted').must('OPEN_PUBLIC_COMMENT');
        h.advanceTo(h.context.publicParticipation.comment!.endsAt);
        expectRefused(h.send('PUBLIC_COMMENT_ELAPSED', {}, { by: actor('drafter') }), 'FORBIDDEN_ROLE');
        expectAccepted(h.send('PUBLIC_COMMENT_ELAPSED', {}, { by: actor('system') }));
        expect(h.context.publicParticipation.comment).toMatchObject({ closedBy: 'TIMER' });
      });
    });

    rule('COMMENT_PERIOD_ALREADY_CLOSED', () => {
      it('answers a drafter whose close arrives after the timer closed the period with who closed it and when, recording nothing', () => {
        const h = driveTo('drafted').must('OPEN_PUBLIC_COMMENT');
        const endsAt = h.context.publicParticipation.comment!.endsAt;
        h.advanceTo(endsAt).must('PUBLIC_COMMENT_ELAPSED', {}, { by: actor('system') });
        const before = h.snapshot;
        const late = h.send('CLOSE_PUBLIC_COMMENT');
        expectRefused(late, 'COMMENT_PERIOD_ALREADY_CLOSED');
        expect(late.accepted || late.reasons[0].message).toContain(endsAt);
        expect(late.accepted || late.reasons[0].message).toContain('系统定时器');
        expect(h.snapshot).toBe(before);
      });

      it('says the same after the opinion report, and EVENT_NOT_ALLOWED when no period was ever opened', () => {
        const h = driveTo('drafted').must('OPEN_PUBLIC_COMMENT');
        h.advanceTo(h.context.publicParticipation.comment!.endsAt).must('CLOSE_PUBLIC_COMMENT').must('SUBMIT_PUBLIC_OPINION_REPORT');
        expectRefused(h.send('CLOSE_PUBLIC_COMMENT'), 'COMMENT_PERIOD_ALREADY_CLOSED');
        expectRefused(driveTo('drafted').send('CLOSE_PUBLIC_COMMENT'), 'EVENT_NOT_ALLOWED');
      });
    });

    rule('COMMENTS_NOT_ACCOUNTED', () => {
      const received = [
        { id: 'c1', sha256: 'sha256:c1' },
        { id: 'c2', sha256: 'sha256:c2' },
        { id: 'c3', sha256: 'sha256:c3' },
      ];

      it('refuses an opinion report that does not say, for every comment received, whether it was adopted and why not', () => {
        const h = driveTo('drafted').must('OPEN_PUBLIC_COMMENT');
        const partial = { receivedComments: received, commentDispositions: [{ commentId: 'c1', adopted: true }, { commentId: 'c2', adopted: false }] };
        // while the period runs both rules fail, and both are listed
        expectRefused(h.send('SUBMIT_PUBLIC_OPINION_REPORT', partial), 'COMMENTS_NOT_ACCOUNTED', 'COMMENT_PERIOD_NOT_ELAPSED');
        h.advanceDays(30).must('CLOSE_PUBLIC_COMMENT');
        const refused = h.send('SUBMIT_PUBLIC_OPINION_REPORT', partial);
        expectRefused(refused, 'COMMENTS_NOT_ACCOUNTED');
        expect(!refused.accepted && refused.reasons[0].message).toContain('c2, c3');
        expectAccepted(
          h.send('SUBMIT_PUBLIC_OPINION_REPORT', {
            receivedComments: received,
            commentDispositions: [
              { commentId: 'c1', adopted: true },
              { commentId: 'c2', adopted: false, reason: '与上位法不符' },
              { commentId: 'c3', adopted: true },
            ],
          }),
        );
      });
    });

    rule('CONFIDENTIAL_NO_PUBLIC_COMMENT', () => {
      it('refuses open public comment on a confidential matter; participation is waived on its legal ground instead', () => {
        const h = driveTo('drafted', { facts: { confidential: true } });
        expectRefused(h.send('OPEN_PUBLIC_COMMENT'), 'CONFIDENTIAL_NO_PUBLIC_COMMENT');
        expectAccepted(h.send('WAIVE_PUBLIC_PARTICIPATION'));
      });
    });

    rule('PUBLIC_COMMENT_REQUIRED', () => {
      it('refuses (strict) a public opinion report without open public comment', () => {
        const h = driveTo('drafted', { profile: STRICT_V1 });
        expectRefused(h.send('SUBMIT_PUBLIC_OPINION_REPORT'), 'PUBLIC_COMMENT_REQUIRED');
        h.must('OPEN_PUBLIC_COMMENT').advanceDays(30).must('CLOSE_PUBLIC_COMMENT');
        expectAccepted(h.send('SUBMIT_PUBLIC_OPINION_REPORT'));
      });

      it('does not require public comment (strict) on a confidential matter, which may not be published', () => {
        const h = driveTo('drafted', { profile: STRICT_V1, facts: { confidential: true } });
        expectRefused(h.send('OPEN_PUBLIC_COMMENT'), 'CONFIDENTIAL_NO_PUBLIC_COMMENT');
        expectRefused(h.send('WAIVE_PUBLIC_PARTICIPATION'), 'WAIVER_NOT_ALLOWED');
        expectAccepted(h.send('SUBMIT_PUBLIC_OPINION_REPORT'));
      });
    });

    rule('HEARING_REQUIRED', () => {
      it('refuses (strict) reporting on a public-interest matter without a hearing, listing the missing comment too', () => {
        const h = driveTo('drafted', { profile: STRICT_V1, facts: { publicInterest: true } });
        expectRefused(h.send('SUBMIT_PUBLIC_OPINION_REPORT'), 'PUBLIC_COMMENT_REQUIRED', 'HEARING_REQUIRED');
        h.must('OPEN_PUBLIC_COMMENT').advanceDays(30).must('CLOSE_PUBLIC_COMMENT');
        expectRefused(h.send('SUBMIT_PUBLIC_OPINION_REPORT'), 'HEARING_REQUIRED');
        h.must('RECORD_HEARING');
        expectAccepted(h.send('SUBMIT_PUBLIC_OPINION_REPORT'));
      });
    });

    rule('HEARING_NOTICE_TOO_SHORT', () => {
      it('refuses a hearing whose materials reached participants less than 7 days before it', () => {
        const h = driveTo('drafted');
        const heldAt = addDays(h.now, 20);
        h.advanceTo(heldAt);
        expectRefused(h.send('RECORD_HEARING', { heldAt, materialsSentAt: addDays(heldAt, -6.9) }), 'HEARING_NOTICE_TOO_SHORT');
        expectAccepted(h.send('RECORD_HEARING', { heldAt, materialsSentAt: addDays(heldAt, -7) }));
        expect(h.view.steps.publicParticipation).toMatchObject({ status: 'inProgress', hearings: 1 });
      });
    });

    // ------------------------------------------------------------ waivers

    rule('WAIVER_NOT_ALLOWED', () => {
      it('refuses every waiver under the strict profile; the steps must be performed', () => {
        const h = driveTo('drafted', { profile: STRICT_V1, facts: { confidential: true } });
        expectRefused(h.send('WAIVE_PUBLIC_PARTICIPATION'), 'WAIVER_NOT_ALLOWED');
        expectRefused(h.send('WAIVE_EXPERT_ARGUMENTATION'), 'WAIVER_NOT_ALLOWED');
        expectRefused(h.send('WAIVE_RISK_ASSESSMENT'), 'WAIVER_NOT_ALLOWED');
        h.settleConsultation();
        expectAccepted(h.send('SUBMIT_FOR_LEGALITY_REVIEW'));
      });
    });

    rule('WAIVER_GROUND_NOT_MET', () => {
      it('refuses waiving public participation when the matter is not confidential', () => {
        const h = driveTo('drafted');
        expectRefused(h.send('WAIVE_PUBLIC_PARTICIPATION'), 'WAIVER_GROUND_NOT_MET');
        expectAccepted(driveTo('drafted', { facts: { confidential: true } }).send('WAIVE_PUBLIC_PARTICIPATION'));
      });

      it('refuses a waiver that states no statutory ground or no reason', () => {
        const h = driveTo('drafted');
        expectRefused(h.send('WAIVE_EXPERT_ARGUMENTATION', { ground: 'TOO_EXPENSIVE' as never }), 'WAIVER_GROUND_NOT_MET');
        expectRefused(h.send('WAIVE_EXPERT_ARGUMENTATION', { reason: ' ' }), 'WAIVER_GROUND_NOT_MET');
        expectRefused(h.send('WAIVE_RISK_ASSESSMENT', { ground: 'NOT_PROFESSIONAL_OR_TECHNICAL' as never }), 'WAIVER_GROUND_NOT_MET');
        expectAccepted(h.send('WAIVE_EXPERT_ARGUMENTATION'));
        expectAccepted(h.send('WAIVE_RISK_ASSESSMENT'));
        expect(h.view.steps.expertArgumentation).toMatchObject({ status: 'waived', waiver: { ground: 'NOT_PROFESSIONAL_OR_TECHNICAL' } });
      });
    });

    rule('WAIVER_REFERENCE_REQUIRED', () => {
      it('refuses waiving a risk assessment as already assessed without citing that assessment', () => {
        const h = driveTo('drafted');
        expectRefused(h.send('WAIVE_RISK_ASSESSMENT', { ground: 'ALREADY_ASSESSED', reason: '已评估' }), 'WAIVER_REFERENCE_REQUIRED');
        expectAccepted(h.send('WAIVE_RISK_ASSESSMENT', { ground: 'ALREADY_ASSESSED', reason: '已评估', reference: '稳评〔2025〕3号' }));
        expect(h.context.riskAssessment.waiver).toMatchObject({ reference: '稳评〔2025〕3号' });
      });
    });

    // ------------------------------------------------------------ experts

    rule('EXPERT_PANEL_TOO_SMALL', () => {
      it('refuses a panel below the profile minimum (3 nationally)', () => {
        const h = driveTo('drafted');
        const refused = h.send('APPOINT_EXPERTS', { experts: expertPanel(2) });
        expectRefused(refused, 'EXPERT_PANEL_TOO_SMALL');
        expect(!refused.accepted && refused.reasons[0].message).toContain('2 人');
        expectAccepted(h.send('APPOINT_EXPERTS', { experts: expertPanel(3) }));
      });

      it('counts an expert listed twice once', () => {
        const [first, second] = expertPanel(2);
        expectRefused(driveTo('drafted').send('APPOINT_EXPERTS', { experts: [first, second, { ...second }] }), 'EXPERT_PANEL_TOO_SMALL');
      });

      it('lists every panel defect at once (strict: too small, even, conflicted)', () => {
        const h = driveTo('drafted', { profile: STRICT_V1 });
        expectRefused(
          h.send('APPOINT_EXPERTS', { experts: expertPanel(4, { interested: [1] }) }),
          'EXPERT_PANEL_TOO_SMALL',
          'EXPERT_PANEL_NOT_ODD',
          'EXPERT_CONFLICT_OF_INTEREST',
        );
        expectAccepted(h.send('APPOINT_EXPERTS', { experts: expertPanel(5) }));
      });
    });

    rule('EXPERT_PANEL_NOT_ODD', () => {
      it('refuses (strict) an even panel', () => {
        const h = driveTo('drafted', { profile: STRICT_V1 });
        expectRefused(h.send('APPOINT_EXPERTS', { experts: expertPanel(6) }), 'EXPERT_PANEL_NOT_ODD');
        expectAccepted(h.send('APPOINT_EXPERTS', { experts: expertPanel(7) }));
      });
    });

    rule('EXPERT_CONFLICT_OF_INTEREST', () => {
      it('refuses a panel with an expert who has a direct interest, naming the expert', () => {
        const h = driveTo('drafted');
        const refused = h.send('APPOINT_EXPERTS', { experts: expertPanel(3, { interested: [2] }) });
        expectRefused(refused, 'EXPERT_CONFLICT_OF_INTEREST');
        expect(!refused.accepted && refused.reasons[0].message).toContain('专家3');
        expectAccepted(h.send('APPOINT_EXPERTS', { experts: expertPanel(3) }));
      });
    });

    rule('EXPERT_NOT_ON_PANEL', () => {
      it('refuses an opinion from someone not on the panel (and unsigned: both listed)', () => {
        const h = driveTo('drafted').must('APPOINT_EXPERTS');
        expectRefused(h.send('RECORD_EXPERT_OPINION', { expertName: '路人', signed: false }), 'EXPERT_NOT_ON_PANEL', 'EXPERT_OPINION_UNSIGNED');
        expectRefused(h.send('RECORD_EXPERT_OPINION', { expertName: '路人' }), 'EXPERT_NOT_ON_PANEL');
        expectAccepted(h.send('RECORD_EXPERT_OPINION', { expertName: '专家1' }));
      });
    });

    rule('EXPERT_OPINION_UNSIGNED', () => {
      it('refuses an unsigned written opinion', () => {
        const h = driveTo('drafted').must('APPOINT_EXPERTS');
        expectRefused(h.send('RECORD_EXPERT_OPINION', { expertName: '专家1', signed: false }), 'EXPERT_OPINION_UNSIGNED');
        expectAccepted(h.send('RECORD_EXPERT_OPINION', { expertName: '专家1', signed: true }));
      });
    });

    rule('EXPERT_OPINIONS_MISSING', () => {
      it('refuses the expert report until every expert signed an opinion, naming who is missing', () => {
        const h = driveTo('drafted').must('APPOINT_EXPERTS').must('RECORD_EXPERT_OPINION');
        const refused = h.send('SUBMIT_EXPERT_REPORT');
        expectRefused(refused, 'EXPERT_OPINIONS_MISSING');
        expect(!refused.accepted && refused.reasons[0].message).toContain('专家2、专家3');
        h.must('RECORD_EXPERT_OPINION').must('RECORD_EXPERT_OPINION');
        expectAccepted(h.send('SUBMIT_EXPERT_REPORT'));
        expect(h.view.steps.expertArgumentation.status).toBe('completed');
      });

      it('a re-appointed panel keeps only the signatures of experts still on it', () => {
        const h = driveTo('drafted').must('APPOINT_EXPERTS').must('RECORD_EXPERT_OPINION');
        h.must('APPOINT_EXPERTS', { experts: expertPanel(4).slice(1) });
        expect(h.context.expertArgumentation.signedOpinions).toEqual([]);
        expectRefused(h.send('SUBMIT_EXPERT_REPORT'), 'EXPERT_OPINIONS_MISSING');
      });
    });

    // ------------------------------------------------------------ risk

    rule('RISK_UNCONTROLLABLE', () => {
      it('an uncontrollable risk blocks legality review until the draft is adjusted and reassessed', () => {
        const h = driveTo('drafted');
        h.must('SUBMIT_RISK_REPORT', { controllable: false, level: 'HIGH' });
        h.must('WAIVE_EXPERT_ARGUMENTATION');
        h.must('OPEN_PUBLIC_COMMENT').advanceDays(30).must('CLOSE_PUBLIC_COMMENT').must('SUBMIT_PUBLIC_OPINION_REPORT');
        expect(h.stateValue).toMatchObject({ drafting: { riskAssessment: 'uncontrollable' } });
        expect(h.view.steps.riskAssessment).toMatchObject({ status: 'inProgress', controllable: false });
        expectRefused(h.send('SUBMIT_FOR_LEGALITY_REVIEW'), 'STEPS_NOT_SETTLED', 'RISK_UNCONTROLLABLE');
        expectRefused(h.send('WAIVE_RISK_ASSESSMENT'), 'EVENT_NOT_ALLOWED');
        h.must('REVISE_DRAFT').must('SUBMIT_RISK_REPORT', { controllable: true });
        expectAccepted(h.send('SUBMIT_FOR_LEGALITY_REVIEW'));
      });
    });

    rule('RISK_DRAFT_NOT_ADJUSTED', () => {
      it('refuses a reassessment of an uncontrollable risk before the draft is adjusted', () => {
        const h = driveTo('drafted').must('SUBMIT_RISK_REPORT', { controllable: false });
        expectRefused(h.send('SUBMIT_RISK_REPORT', { controllable: true }), 'RISK_DRAFT_NOT_ADJUSTED');
        expectRefused(h.send('SUBMIT_RISK_REPORT', { controllable: false }), 'RISK_DRAFT_NOT_ADJUSTED');
        h.must('REVISE_DRAFT');
        expectAccepted(h.send('SUBMIT_RISK_REPORT', { controllable: true }));
        expect(h.view.steps.riskAssessment.status).toBe('completed');
      });
    });

    // ------------------------------------------------------------ collective discussion

    rule('QUORUM_NOT_MET', () => {
      it('refuses a meeting attended by fewer than half the members (duplicates count once)', () => {
        const h = driveTo('awaitingMeeting');
        const refused = h.send('HOLD_MEETING', { membersTotal: 9, attendees: [MEMBERS[0], MEMBERS[1], MEMBERS[1], HEAD_MEMBER] });
        expectRefused(refused, 'QUORUM_NOT_MET');
        expect(!refused.accepted && refused.reasons[0].message).toContain('出席 3 人');
        expectAccepted(h.send('HOLD_MEETING', { membersTotal: 8, attendees: [...MEMBERS, HEAD_MEMBER] }));
      });

      it('refuses a meeting of an organ with no members', () => {
        expectRefused(driveTo('awaitingMeeting').send('HOLD_MEETING', { membersTotal: 0, attendees: [] }), 'QUORUM_NOT_MET');
      });

      it('lets the secretary reconvene a meeting the head did not attend, as a new meeting record', () => {
        const h = driveTo('awaitingMeeting');
        expectAccepted(h.send('HOLD_MEETING', { membersTotal: 6, attendees: [...MEMBERS] }));
        expectAccepted(h.send('HOLD_MEETING', { membersTotal: 6, attendees: [...MEMBERS, HEAD_MEMBER] }));
      });
    });

    rule('ATTENDEES_EXCEED_MEMBERS', () => {
      it('refuses a meeting with more attendees than members', () => {
        const h = driveTo('awaitingMeeting');
        expectRefused(h.send('HOLD_MEETING', { membersTotal: 3 }), 'ATTENDEES_EXCEED_MEMBERS');
        expectAccepted(h.send('HOLD_MEETING', { membersTotal: 4 }));
      });
    });

    rule('MEMBER_NOT_PRESENT', () => {
      it('refuses recording the opinion of someone not at the meeting', () => {
        const h = driveTo('inMeeting');
        expectRefused(h.send('RECORD_OPINION', { member: '缺席委员' }), 'MEMBER_NOT_PRESENT');
        expectAccepted(h.send('RECORD_OPINION', { member: MEMBERS[0] }));
      });
    });

    rule('OPINION_ALREADY_RECORDED', () => {
      it('refuses recording a member twice', () => {
        const h = driveTo('inMeeting').must('RECORD_OPINION', { member: MEMBERS[0] });
        expectRefused(h.send('RECORD_OPINION', { member: MEMBERS[0], position: 'AGAINST' }), 'OPINION_ALREADY_RECORDED');
        expectAccepted(h.send('RECORD_OPINION', { member: MEMBERS[1] }));
      });
    });

    rule('HEAD_MUST_SPEAK_LAST', () => {
      it('refuses the head speaking before the members, and anyone speaking after the head', () => {
        const h = driveTo('inMeeting');
        expectRefused(h.send('RECORD_OPINION', { member: HEAD_MEMBER, isHead: true }), 'HEAD_MUST_SPEAK_LAST');
        h.must('RECORD_OPINION', { member: MEMBERS[0] }).must('RECORD_OPINION', { member: MEMBERS[1] });
        expectAccepted(h.send('RECORD_OPINION', { member: HEAD_MEMBER, isHead: true }));
        expectRefused(h.send('RECORD_OPINION', { member: MEMBERS[2] }), 'HEAD_MUST_SPEAK_LAST');
      });
    });

    rule('HEAD_OPINION_MISSING', () => {
      it('refuses a decision before the head has spoken', () => {
        const h = driveTo('inMeeting').must('RECORD_OPINION').must('RECORD_OPINION');
        expectRefused(h.send('RECORD_DECISION'), 'HEAD_OPINION_MISSING');
        h.must('RECORD_OPINION', { member: HEAD_MEMBER, isHead: true });
        expectAccepted(h.send('RECORD_DECISION'));
        expect(h.status).toBe('decided');
      });
    });

    rule('DEVIATION_REASON_REQUIRED', () => {
      it('refuses a decision against the majority without reasons stated at the meeting', () => {
        const h = driveTo('inMeeting').recordOpinions(['AGAINST', 'AGAINST', 'FOR'], 'FOR');
        expectRefused(h.send('RECORD_DECISION', { outcome: 'ADOPTED' }), 'DEVIATION_REASON_REQUIRED');
        expectRefused(h.send('RECORD_DECISION', { outcome: 'ADOPTED_WITH_CHANGES', deviationReason: ' ' }), 'DEVIATION_REASON_REQUIRED');
        expectAccepted(h.send('RECORD_DECISION', { outcome: 'ADOPTED', deviationReason: '从全县发展大局出发' }));
        expect(h.context.decision).toMatchObject({ outcome: 'ADOPTED', deviationReason: '从全县发展大局出发' });
      });

      it('also applies to not adopting what the majority supported, but not to following the majority or a tie', () => {
        const majorityFor = driveTo('inMeeting').recordOpinions(['FOR', 'FOR', 'AGAINST'], 'AGAINST');
        expectRefused(majorityFor.send('RECORD_DECISION', { outcome: 'NOT_ADOPTED' }), 'DEVIATION_REASON_REQUIRED');
        expectAccepted(majorityFor.send('RECORD_DECISION', { outcome: 'ADOPTED' }));
        const tie = driveTo('inMeeting').recordOpinions(['FOR', 'AGAINST', 'ABSTAIN'], 'AGAINST');
        expectAccepted(tie.send('RECORD_DECISION', { outcome: 'NOT_ADOPTED' }));
        expect(tie.status).toBe('notAdopted');
      });
    });

    // ------------------------------------------------------------ after the decision

    rule('PARTY_COMMITTEE_REPORT_REQUIRED', () => {
      it('refuses publication before the report to the party committee', () => {
        const h = driveTo('decided');
        expectRefused(h.send('PUBLISH'), 'PARTY_COMMITTEE_REPORT_REQUIRED');
        h.must('REPORT_TO_PARTY_COMMITTEE');
        expectAccepted(h.send('PUBLISH'));
        expect(h.stateValue).toEqual({ implementing: 'executing' });
      });
    });

    rule('PEOPLES_CONGRESS_REPORT_REQUIRED', () => {
      it('refuses (strict) publication before the report to the people\'s congress, listing both missing reports', () => {
        const h = driveTo('decided', { profile: STRICT_V1 });
        expectRefused(h.send('PUBLISH'), 'PARTY_COMMITTEE_REPORT_REQUIRED', 'PEOPLES_CONGRESS_REPORT_REQUIRED');
        h.must('REPORT_TO_PARTY_COMMITTEE');
        expectRefused(h.send('PUBLISH'), 'PEOPLES_CONGRESS_REPORT_REQUIRED');
        h.must('REPORT_TO_PEOPLES_CONGRESS');
        expectAccepted(h.send('PUBLISH'));
      });

      it('is not required by the national profile', () => {
        expectAccepted(driveTo('decided').must('REPORT_TO_PARTY_COMMITTEE').send('PUBLISH'));
      });
    });

    rule('INTERPRETATION_REQUIRED', () => {
      it('refuses publishing a consulted decision without explaining how opinions were adopted', () => {
        const h = driveTo('reported');
        expectRefused(h.send('PUBLISH', { interpretation: undefined }), 'INTERPRETATION_REQUIRED');
        expectAccepted(h.send('PUBLISH', { interpretation: '公众意见采纳情况：…' }));
      });
    });

    rule('PUBLICATION_REQUIRED', () => {
      it('refuses withholding a decision that is not confidential', () => {
        const h = driveTo('reported');
        expectRefused(h.send('PUBLISH', { notPublished: true, ground: '不便公开' }), 'PUBLICATION_REQUIRED');
        expectAccepted(h.send('PUBLISH'));
        expect(h.context.publication).toMatchObject({ published: true });
      });
    });

    rule('CONFIDENTIAL_NOT_PUBLISHED', () => {
      it('refuses publishing a confidential decision; it is recorded as not published', () => {
        const h = driveTo('reported', { facts: { confidential: true } });
        expectRefused(h.send('PUBLISH', { notPublished: false, publishedAt: h.now, channels: ['政府公报'], interpretation: '说明' }), 'CONFIDENTIAL_NOT_PUBLISHED');
        expectAccepted(h.send('PUBLISH', { notPublished: true, ground: '依法不予公开' }));
        expect(h.context.publication).toMatchObject({ published: false });
      });
    });

    rule('EXECUTION_NOT_ASSIGNED', () => {
      it('refuses an execution report from a unit that was not assigned', () => {
        const h = driveTo('implementing');
        expectRefused(h.send('REPORT_EXECUTION', {}, { by: actor('executor', '县住房和城乡建设局') }), 'EXECUTION_NOT_ASSIGNED');
        expect(h.allowed(actor('executor', '县住房和城乡建设局'))).not.toContain('REPORT_EXECUTION');
        expectAccepted(h.send('REPORT_EXECUTION', {}, { by: actor('executor', UNITS.executor) }));
        expect(h.context.execution.assignments[0]).toMatchObject({ unit: UNITS.executor, reports: 1 });
      });
    });

    rule('EVALUATOR_NOT_INDEPENDENT', () => {
      it('refuses post-decision evaluation by the unit that did the main studies', () => {
        const h = driveTo('implementing');
        expectRefused(h.send('START_POST_EVALUATION', { evaluator: ` ${UNITS.undertaking} ` }), 'EVALUATOR_NOT_INDEPENDENT');
        expectAccepted(h.send('START_POST_EVALUATION', { evaluator: INDEPENDENT_EVALUATOR }));
        expect(h.stateValue).toEqual({ implementing: 'postEvaluation' });
      });
    });

    // ------------------------------------------------------------ access and state

    rule('FORBIDDEN_ROLE', () => {
      it('refuses an event from a role the role table does not list, before anything else', () => {
        const h = driveTo('underReview');
        expectRefused(h.send('ISSUE_LEGALITY_OPINION', {}, { by: actor('drafter', UNITS.review) }), 'FORBIDDEN_ROLE');
        expectRefused(h.send('WITHDRAW', {}, { by: actor('auditor') }), 'FORBIDDEN_ROLE');
        expectRefused(h.send('RECORD_DECISION', {}, { by: actor('secretary') }), 'FORBIDDEN_ROLE');
        expectAccepted(h.send('ISSUE_LEGALITY_OPINION', {}, { by: actor('legal_reviewer') }));
      });
    });

    rule('NOT_UNDERTAKING_UNIT', () => {
      const otherDrafter = actor('drafter', '县住房和城乡建设局');

      it('refuses a drafter of another unit withdrawing or steering the decision; the undertaking unit may', () => {
        const h = driveTo('drafted');
        expectRefused(h.send('WITHDRAW', {}, { by: otherDrafter }), 'NOT_UNDERTAKING_UNIT');
        expectRefused(h.send('REVISE_DRAFT', {}, { by: otherDrafter }), 'NOT_UNDERTAKING_UNIT');
        expectRefused(h.send('OPEN_PUBLIC_COMMENT', {}, { by: otherDrafter }), 'NOT_UNDERTAKING_UNIT');
        expect(h.status).toBe('drafting');
        expectAccepted(h.send('WITHDRAW'));
      });

      it('before acceptance, only drafters of the proposing unit act as drafters; the head may still withdraw', () => {
        const h = driveTo('proposed');
        expectRefused(h.send('WITHDRAW', {}, { by: otherDrafter }), 'NOT_UNDERTAKING_UNIT');
        expectAccepted(h.fork().send('WITHDRAW', {}, { by: actor('head') }));
        expectAccepted(h.send('WITHDRAW'));
      });

      it('does not apply to a user acting in another role the event allows (a secretary who is also a drafter)', () => {
        const h = driveTo('reviewedLawful');
        const both = actor('secretary', UNITS.office, { roles: ['drafter', 'secretary'] });
        expectAccepted(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION', {}, { by: both }));
      });

      it('is not applied when replaying a v1 trail recorded before it was enforced', () => {
        const h = driveTo('drafted');
        const legacy = h.event('REVISE_DRAFT', {}, { by: otherDrafter });
        const replay = h.engine.replayer(h.snapshot.machine);
        let state = replay.start({ decisionId: 'decision-1', profile: h.profile, payload: validPayloads.CREATE_DECISION({} as never), occurredAt: T0, actor: actor('drafter') });
        for (const e of [...h.accepted, legacy]) {
          const out = replay.apply(state, e);
          expect(out.accepted).toBe(true);
          if (out.accepted) state = out.next;
        }
        expect((state.context as DecisionContext).draft.version).toBe(2);
        expect(h.engine.apply(h.snapshot, legacy).accepted).toBe(false);
      });
    });

    rule('SEPARATION_OF_DUTIES', () => {
      it('refuses a legality opinion from the undertaking unit', () => {
        const h = driveTo('underReview');
        expectRefused(h.send('ISSUE_LEGALITY_OPINION', {}, { by: actor('legal_reviewer', UNITS.undertaking) }), 'SEPARATION_OF_DUTIES');
        expectRefused(h.send('RETURN_FOR_MATERIALS', {}, { by: actor('legal_reviewer', UNITS.undertaking) }), 'SEPARATION_OF_DUTIES');
        expectAccepted(h.send('ISSUE_LEGALITY_OPINION', {}, { by: actor('legal_reviewer', UNITS.review) }));
      });

      it('refuses a review by the person who submitted the draft', () => {
        // only a drafter of the undertaking unit submits (ownership), so the submitter is refused as a person first
        const both = actor('drafter', UNITS.undertaking, { sub: 'zhang.san', roles: ['drafter', 'legal_reviewer'] });
        const h = driveTo('readyForReview').must('SUBMIT_FOR_LEGALITY_REVIEW', {}, { by: both });
        const refused = h.send('ISSUE_LEGALITY_OPINION', {}, { by: both });
        expectRefused(refused, 'SEPARATION_OF_DUTIES');
        expect(refused.accepted || refused.reasons[0].message).toBe('不得审查本人送审的决策草案');
        expect(h.allowed(both)).not.toContain('ISSUE_LEGALITY_OPINION');
        expectAccepted(h.send('ISSUE_LEGALITY_OPINION', {}, { by: actor('legal_reviewer') }));
      });
    });

    rule('EVENT_NOT_ALLOWED', () => {
      it('refuses an event the current state does not know', () => {
        const h = driveTo('drafted');
        expectRefused(h.send('RECORD_DECISION', {}, { by: actor('head') }), 'EVENT_NOT_ALLOWED');
        expectRefused(h.send('PUBLISH'), 'EVENT_NOT_ALLOWED');
        expectRefused(h.send('ACCEPT_PROPOSAL'), 'EVENT_NOT_ALLOWED');
        expectAccepted(h.send('WITHDRAW'));
      });

      it('refuses withdrawal once decided (only adjustment or stopping, by procedure)', () => {
        const h = driveTo('decided');
        expectRefused(h.send('WITHDRAW', {}, { by: actor('head') }), 'EVENT_NOT_ALLOWED');
        expect(h.allowed('head')).toEqual([]);
        // publication waits for the report to the party committee: blocked, not offered
        expect(h.allowed('secretary')).toEqual(['REPORT_TO_PARTY_COMMITTEE', 'REPORT_TO_PEOPLES_CONGRESS']);
      });

      it('refuses everything after a final state', () => {
        const h = driveTo('proposed').must('DECLINE_PROPOSAL');
        expect(h.status).toBe('declined');
        expectRefused(h.send('ACCEPT_PROPOSAL'), 'EVENT_NOT_ALLOWED');
      });
    });
  });

  // ------------------------------------------------------------------ procedure behaviour

  describe('procedure', () => {
    it('START_ADJUSTMENT reopens all steps and earlier reviews stop counting', () => {
      const h = driveTo('implementing');
      const draft = h.context.draft;
      h.must('START_ADJUSTMENT', {}, { by: actor('head') });
      expect(h.view).toMatchObject({
        status: 'drafting',
        round: 2,
        draft: { version: draft.version, hash: draft.hash },
        stateValue: { drafting: { publicParticipation: 'pending', expertArgumentation: 'pending', riskAssessment: 'pending' } },
      });
      expect(Object.values(h.view.steps).map((s) => s.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
      expect(h.context.legalityReview.opinion).toBeNull();
      expect(h.context.execution.assignments).toEqual([]);
      expectRefused(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION'), 'STEPS_NOT_SETTLED', 'LEGALITY_REVIEW_REQUIRED');
      expectRefused(h.send('SUBMIT_FOR_LEGALITY_REVIEW'), 'STEPS_NOT_SETTLED');
      // the adjusted decision goes through the statutory procedure again
      h.settleConsultation().must('SUBMIT_FOR_LEGALITY_REVIEW').must('ISSUE_LEGALITY_OPINION').must('SUBMIT_FOR_COLLECTIVE_DISCUSSION');
      h.must('HOLD_MEETING').recordOpinions().must('RECORD_DECISION').fileReports().must('PUBLISH');
      expect(h.view).toMatchObject({ status: 'implementing', round: 2 });
    });

    it('START_ADJUSTMENT from suspension also reopens the procedure and lifts the suspension', () => {
      const h = driveTo('suspended').must('START_ADJUSTMENT');
      expect(h.view).toMatchObject({ status: 'drafting', round: 2 });
      expect(h.context.suspension).toBeNull();
    });

    it('DEFERRED returns to drafting keeping settled steps (history state) and the lawful opinion; the next discussion is a new meeting', () => {
      const h = driveTo('reviewedLawful', { facts: { confidential: true } });
      const drafting = h.stateValue;
      expect(drafting).toEqual({ drafting: { publicParticipation: 'waived', expertArgumentation: 'completed', riskAssessment: 'completed' } });
      h.must('SUBMIT_FOR_COLLECTIVE_DISCUSSION').must('HOLD_MEETING').recordOpinions(['AGAINST', 'AGAINST', 'FOR'], 'AGAINST');
      h.must('RECORD_DECISION', { outcome: 'DEFERRED' });
      expect(h.stateValue).toEqual(drafting);
      expect(h.view.steps.collectiveDiscussion).toEqual({ status: 'pending', lastOutcome: 'DEFERRED' });
      expect(h.view.steps.legalityReview.status).toBe('completed');
      expect(h.context.meeting).toBeNull();
      h.must('SUBMIT_FOR_COLLECTIVE_DISCUSSION');
      expect(h.stateValue).toEqual({ collectiveDiscussion: 'awaitingMeeting' });
    });

    it('RETURN_FOR_MATERIALS returns to drafting with steps kept, ready to resubmit', () => {
      const h = driveTo('readyForReview', { facts: { confidential: true } });
      const drafting = h.stateValue;
      h.must('SUBMIT_FOR_LEGALITY_REVIEW').must('RETURN_FOR_MATERIALS');
      expect(h.stateValue).toEqual(drafting);
      expect(h.context.legalityReview).toMatchObject({ submission: null, submissions: 1, opinion: null });
      expect(h.view.steps.legalityReview.status).toBe('pending');
      expectAccepted(h.send('SUBMIT_FOR_LEGALITY_REVIEW'));
      expect(h.context.legalityReview.submissions).toBe(2);
    });

    it('a rejected opinion returns to drafting with steps kept', () => {
      const h = driveTo('readyForReview');
      const drafting = h.stateValue;
      h.must('SUBMIT_FOR_LEGALITY_REVIEW').must('ISSUE_LEGALITY_OPINION', { conclusion: 'UNLAWFUL' });
      expect(h.stateValue).toEqual(drafting);
      expect(h.view.steps.legalityReview).toMatchObject({ status: 'rejected', conclusion: 'UNLAWFUL' });
    });

    it.each([
      ['executing', 'implementing'],
      ['postEvaluation', 'postEvaluation'],
    ] as const)('suspension and resume return to the same implementing sub-state (%s)', (sub, milestone) => {
      const h = driveTo(milestone);
      expect(h.stateValue).toEqual({ implementing: sub });
      h.must('SUSPEND_EXECUTION');
      expect(h.status).toBe('suspended');
      expect(h.context.suspension).toMatchObject({ reason: expect.any(String) });
      expectRefused(h.send('REPORT_EXECUTION'), 'EVENT_NOT_ALLOWED');
      expectRefused(h.send('SUSPEND_EXECUTION', {}, { by: actor('secretary') }), 'FORBIDDEN_ROLE');
      h.must('RESUME_EXECUTION');
      expect(h.stateValue).toEqual({ implementing: sub });
      expect(h.context.suspension).toBeNull();
    });

    it('stopping execution ends the decision; completion closes it', () => {
      expect(driveTo('suspended').must('STOP_EXECUTION').status).toBe('stopped');
      const h = driveTo('postEvaluation');
      expectRefused(h.send('COMPLETE_EXECUTION'), 'EVENT_NOT_ALLOWED');
      h.must('SUBMIT_POST_EVALUATION').must('COMPLETE_EXECUTION');
      expect(h.status).toBe('closed');
      expect(h.context.execution.evaluations).toHaveLength(1);
    });

    it('the history survives persistence: snapshots are JSON round-tripped between every event', () => {
      const h = driveTo('postEvaluation');
      const stored = JSON.parse(JSON.stringify(h.snapshot));
      const suspended = h.engine.apply(stored, h.event('SUSPEND_EXECUTION'));
      if (!suspended.accepted) throw new Error('suspend refused');
      const resumed = h.engine.apply(JSON.parse(JSON.stringify(suspended.snapshot)), h.event('RESUME_EXECUTION'));
      expect(resumed.accepted && resumed.view.stateValue).toEqual({ implementing: 'postEvaluation' });
    });
  });

  it('has a test for every rule code the engine can raise', () => {
    const expected = (Object.keys(RULES) as RuleCode[]).filter((c) => !NOT_RAISED_BY_THE_ENGINE.includes(c));
    expect(expected.filter((c) => !covered.has(c))).toEqual([]);
  });
});
