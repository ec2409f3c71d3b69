import { lawfulOpinionOnCurrentDraft } from '../decision.guards';
import type { ApplyOutcome } from '../procedure-engine';
import { actor, driveTo, UNITS, type DecisionHarness } from '../testing/factories';
import type { DecisionContextV2 } from './context.v2';
import { createDecisionMachineV2 } from './machine.v2';
import type { DecisionViewV2 } from './view.v2';

/*
 * Art. 37: a decision in force stays in force while an adjustment runs beside
 * its execution; stopping execution needs a collective decision on a lawful
 * legality opinion; the head alone may only suspend.
 */

const codes = (o: ApplyOutcome) => (o.accepted ? [] : o.reasons.map((r) => r.code));
const ctxOf = (h: DecisionHarness) => h.context as DecisionContextV2;
const viewOf = (h: DecisionHarness) => h.view as DecisionViewV2;
const head = actor('head');

/** The round's own drafting, steps, review and discussion, lawfully, up to its decision. */
function adjustToDecision(h: DecisionHarness): DecisionHarness {
  h.must('REVISE_DRAFT', { contentHash: 'sha256:adjusted-draft' }).settleConsultation();
  h.must('SUBMIT_FOR_LEGALITY_REVIEW').advanceDays(5).must('ISSUE_LEGALITY_OPINION').must('SUBMIT_FOR_COLLECTIVE_DISCUSSION');
  return h.advanceDays(2).must('HOLD_MEETING').recordOpinions().must('RECORD_DECISION');
}

/** The stop procedure up to its meeting: a stop proposal, its legality review, submission to the organ. */
function stopToMeeting(h: DecisionHarness): DecisionHarness {
  h.must('START_ADJUSTMENT', { purpose: 'STOP' }, { by: head });
  h.must('REVISE_DRAFT', { contentHash: 'sha256:stop-proposal' }).must('SUBMIT_FOR_LEGALITY_REVIEW').advanceDays(5).must('ISSUE_LEGALITY_OPINION');
  return h.must('SUBMIT_FOR_COLLECTIVE_DISCUSSION').advanceDays(2).must('HOLD_MEETING');
}

describe(`${createDecisionMachineV2.name}: change rounds beside execution (Art. 37)`, () => {
  describe('adjustment', () => {
    it('runs beside execution: the decision stays implementing, its execution and deadlines continue, the view shows the round', () => {
      const h = driveTo('implementing', { machine: 2 });
      const original = h.context.draft;
      h.must('START_ADJUSTMENT').must('REVISE_DRAFT', { contentHash: 'sha256:adjusted-draft' }).must('OPEN_PUBLIC_COMMENT');
      expect(h.status).toBe('implementing');
      expect(h.context.draft).toEqual(original);
      expect(viewOf(h).adjustment).toMatchObject({ purpose: 'ADJUST', status: 'drafting', draft: { hash: 'sha256:adjusted-draft', version: original.version + 1 } });
      expect(viewOf(h).adjustment!.steps.publicParticipation.status).toBe('open');
      expect(h.send('REPORT_EXECUTION', {}, { by: actor('executor') }).accepted).toBe(true);
      const due = h.engine.deadlines({ snapshot: h.snapshot, view: h.view, context: h.context }, h.now).map((d) => d.kind);
      expect(due).toEqual(expect.arrayContaining(['EXECUTION_DUE', 'PUBLIC_COMMENT_END']));
    });

    it('adopted and published, replaces the decision\'s content; until published the original stays in force', () => {
      const h = adjustToDecision(driveTo('implementing', { machine: 2 }).must('START_ADJUSTMENT'));
      expect(viewOf(h).adjustment).toMatchObject({ status: 'decided' });
      expect(h.context.draft.hash).not.toBe('sha256:adjusted-draft');
      h.fileReports().must('PUBLISH');
      const ctx = ctxOf(h);
      expect(h.status).toBe('implementing');
      expect(ctx.change).toBeNull();
      expect(ctx.draft.hash).toBe('sha256:adjusted-draft');
      expect(ctx.round).toBe(2);
      expect(ctx.changes).toEqual([expect.objectContaining({ purpose: 'ADJUST', outcome: 'ADOPTED', draftHash: 'sha256:adjusted-draft' })]);
      expect(ctx.execution.assignments).toHaveLength(1);
      // the decision in force rests on a lawful opinion on its (new) content
      expect(lawfulOpinionOnCurrentDraft(ctx)).toEqual([]);
    });

    it('not adopted, leaves the decision in force as it was', () => {
      const h = driveTo('implementing', { machine: 2 });
      const before = h.context.draft;
      h.must('START_ADJUSTMENT').must('REVISE_DRAFT').settleConsultation();
      h.must('SUBMIT_FOR_LEGALITY_REVIEW').must('ISSUE_LEGALITY_OPINION').must('SUBMIT_FOR_COLLECTIVE_DISCUSSION').must('HOLD_MEETING').recordOpinions(['AGAINST', 'AGAINST', 'AGAINST'], 'AGAINST');
      h.must('RECORD_DECISION', { outcome: 'NOT_ADOPTED' });
      expect(h.status).toBe('implementing');
      expect(h.context.draft).toEqual(before);
      expect(ctxOf(h).changes).toEqual([expect.objectContaining({ outcome: 'NOT_ADOPTED' })]);
      expect(h.send('COMPLETE_EXECUTION').accepted).toBe(true);
    });

    it('withdrawn, leaves the decision in force; the decision itself can be withdrawn only before its first decision', () => {
      const h = driveTo('implementing', { machine: 2 }).must('START_ADJUSTMENT').must('REVISE_DRAFT');
      expect(codes(h.send('WITHDRAW', {}, { by: actor('drafter', '县住房和城乡建设局') }))).toEqual(['NOT_UNDERTAKING_UNIT']);
      h.must('WITHDRAW');
      expect(h.status).toBe('implementing');
      expect(ctxOf(h).changes).toEqual([expect.objectContaining({ outcome: 'WITHDRAWN' })]);
      expect(codes(h.send('WITHDRAW'))).toEqual(['EVENT_NOT_ALLOWED']);
      expect(codes(h.send('WITHDRAW', {}, { by: head }))).toEqual(['EVENT_NOT_ALLOWED']);
    });

    it('goes on while execution is suspended; resuming returns execution to where it was', () => {
      const h = driveTo('postEvaluation', { machine: 2 }).must('START_ADJUSTMENT').must('SUSPEND_EXECUTION');
      expect(h.status).toBe('suspended');
      expect(codes(h.send('REPORT_EXECUTION', {}, { by: actor('executor') }))).toEqual(['EVENT_NOT_ALLOWED']);
      h.must('REVISE_DRAFT').must('RESUME_EXECUTION');
      expect(h.stateValue).toMatchObject({ implementing: { execution: { active: 'postEvaluation' } } });
      expect(viewOf(h).adjustment!.draft.hash).not.toBeNull();
    });

    it('keeps separation of duties in its own review: the round\'s submitter may not review it', () => {
      const both = actor('drafter', UNITS.undertaking, { sub: 'zhang.san', roles: ['drafter', 'legal_reviewer'] });
      const h = driveTo('implementing', { machine: 2 }).must('START_ADJUSTMENT').must('REVISE_DRAFT').settleConsultation();
      h.must('SUBMIT_FOR_LEGALITY_REVIEW', {}, { by: both });
      expect(codes(h.send('ISSUE_LEGALITY_OPINION', {}, { by: both }))).toEqual(['SEPARATION_OF_DUTIES']);
      expect(h.send('ISSUE_LEGALITY_OPINION').accepted).toBe(true);
    });

    it('says when and by whom its comment period was closed to a drafter who closes it after the timer did', () => {
      const h = driveTo('implementing', { machine: 2 }).must('START_ADJUSTMENT').must('REVISE_DRAFT').must('OPEN_PUBLIC_COMMENT');
      h.advanceTo(h.record.publicParticipation.comment!.endsAt).must('PUBLIC_COMMENT_ELAPSED', {}, { by: actor('system') });
      expect(codes(h.send('CLOSE_PUBLIC_COMMENT'))).toEqual(['COMMENT_PERIOD_ALREADY_CLOSED']);
    });
  });

  describe('stopping', () => {
    it('needs a collective decision to stop, taken on a lawful legality opinion on the stop', () => {
      const h = driveTo('implementing', { machine: 2 });
      expect(codes(h.send('STOP_EXECUTION'))).toEqual(['COLLECTIVE_DECISION_REQUIRED']);
      stopToMeeting(h);
      expect(viewOf(h).adjustment).toMatchObject({ purpose: 'STOP', status: 'collectiveDiscussion' });
      expect(viewOf(h).adjustment!.steps.publicParticipation.status).toBe('waived');
      expect(codes(h.send('STOP_EXECUTION'))).toEqual(['COLLECTIVE_DECISION_REQUIRED']);
      h.must('RECORD_OPINION');
      expect(codes(h.send('RECORD_DECISION', {}, { by: head }))).toEqual(['HEAD_OPINION_MISSING', 'ATTENDEE_POSITION_MISSING']);
      h.must('RECORD_OPINION').must('RECORD_OPINION').must('RECORD_OPINION').must('RECORD_DECISION');
      expect(h.status).toBe('implementing');
      h.must('STOP_EXECUTION');
      expect(h.status).toBe('stopped');
      expect(ctxOf(h).changes).toEqual([expect.objectContaining({ purpose: 'STOP', outcome: 'STOPPED' })]);
    });

    it('cannot go to the meeting without a lawful opinion on the stop proposal', () => {
      const h = driveTo('implementing', { machine: 2 }).must('START_ADJUSTMENT', { purpose: 'STOP' }, { by: head }).must('REVISE_DRAFT');
      expect(codes(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION'))).toEqual(['LEGALITY_REVIEW_REQUIRED']);
      h.must('SUBMIT_FOR_LEGALITY_REVIEW').must('ISSUE_LEGALITY_OPINION', { conclusion: 'UNLAWFUL', opinion: '停止执行缺乏法定事由' });
      expect(codes(h.send('SUBMIT_FOR_COLLECTIVE_DISCUSSION'))).toEqual(['LEGALITY_REVIEW_REQUIRED']);
    });

    it('not adopted, the decision continues in force and STOP_EXECUTION stays refused', () => {
      const h = stopToMeeting(driveTo('implementing', { machine: 2 })).recordOpinions(['AGAINST', 'AGAINST', 'FOR'], 'AGAINST');
      h.must('RECORD_DECISION', { outcome: 'NOT_ADOPTED' }, { by: head });
      expect(h.status).toBe('implementing');
      expect(codes(h.send('STOP_EXECUTION'))).toEqual(['COLLECTIVE_DECISION_REQUIRED']);
    });

    it('may follow a suspension by the head: suspended, then stopped on the organ\'s decision', () => {
      const h = stopToMeeting(driveTo('suspended', { machine: 2 })).recordOpinions().must('RECORD_DECISION');
      expect(h.status).toBe('suspended');
      h.must('STOP_EXECUTION');
      expect(h.status).toBe('stopped');
    });
  });
});
