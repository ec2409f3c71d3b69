/** Which of the five statutory steps an event belongs to, for "who did what" per step (presentation only). */
export const EVENT_STEPS: Record<string, string> = {
  OPEN_PUBLIC_COMMENT: 'publicParticipation',
  CLOSE_PUBLIC_COMMENT: 'publicParticipation',
  PUBLIC_COMMENT_ELAPSED: 'publicParticipation',
  SCHEDULE_HEARING: 'publicParticipation',
  RECORD_HEARING: 'publicParticipation',
  SUBMIT_PUBLIC_OPINION_REPORT: 'publicParticipation',
  WAIVE_PUBLIC_PARTICIPATION: 'publicParticipation',
  APPOINT_EXPERTS: 'expertArgumentation',
  RECORD_EXPERT_OPINION: 'expertArgumentation',
  SUBMIT_EXPERT_REPORT: 'expertArgumentation',
  WAIVE_EXPERT_ARGUMENTATION: 'expertArgumentation',
  SUBMIT_RISK_REPORT: 'riskAssessment',
  WAIVE_RISK_ASSESSMENT: 'riskAssessment',
  SUBMIT_FOR_LEGALITY_REVIEW: 'legalityReview',
  RETURN_FOR_MATERIALS: 'legalityReview',
  ISSUE_LEGALITY_OPINION: 'legalityReview',
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: 'collectiveDiscussion',
  HOLD_MEETING: 'collectiveDiscussion',
  RECORD_OPINION: 'collectiveDiscussion',
  RECORD_DECISION: 'collectiveDiscussion',
};

/** The statutory steps in their order. */
export const STEP_ORDER = ['publicParticipation', 'expertArgumentation', 'riskAssessment', 'legalityReview', 'collectiveDiscussion'] as const;
