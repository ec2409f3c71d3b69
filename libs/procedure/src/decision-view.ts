import type { StateValue } from 'xstate';
import type { DecisionContext } from './decision-context';
import { reviewTimeRiskWarning } from './review-time';

/** Statuses of API.md. */
export const DECISION_STATUSES = [
  'proposed',
  'drafting',
  'legalityReview',
  'collectiveDiscussion',
  'decided',
  'implementing',
  'suspended',
  'closed',
  'stopped',
  'declined',
  'notAdopted',
  'withdrawn',
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const FINAL_STATUSES: readonly DecisionStatus[] = ['closed', 'stopped', 'declined', 'notAdopted', 'withdrawn'];

export type StepStatus = 'pending' | 'open' | 'closed' | 'inProgress' | 'completed' | 'waived' | 'rejected';

export interface StepView {
  status: StepStatus;
  [detail: string]: unknown;
}

/** The read model of one decision's procedure, derived from its snapshot alone. */
export interface DecisionView {
  status: DecisionStatus;
  stateValue: StateValue;
  round: number;
  undertakingUnit: string | null;
  draft: { version: number; hash: string | null };
  steps: {
    publicParticipation: StepView;
    expertArgumentation: StepView;
    riskAssessment: StepView;
    legalityReview: StepView;
    collectiveDiscussion: StepView;
  };
}

/**
 * The API status of a state value: the top-level state's name, except that machine v2 suspends
 * execution inside `implementing` (a change round may go on beside it): that is `suspended`.
 */
export function statusOf(value: StateValue): DecisionStatus {
  if (typeof value === 'string') return value as DecisionStatus;
  const top = Object.keys(value)[0];
  if (top === 'implementing' && (value.implementing as { execution?: unknown } | undefined)?.execution === 'suspended') return 'suspended';
  return top as DecisionStatus;
}

function publicParticipation(ctx: DecisionContext): StepView {
  const pp = ctx.publicParticipation;
  const detail = { hearings: pp.hearings.length, comment: pp.comment };
  if (pp.waiver) return { status: 'waived', waiver: pp.waiver };
  if (pp.reportedAt) return { status: 'completed', ...detail };
  if (pp.comment) return { status: pp.comment.closedAt ? 'closed' : 'open', ...detail };
  if (pp.hearings.length || pp.plannedHearings.length) return { status: 'inProgress', ...detail };
  return { status: 'pending' };
}

function expertArgumentation(ctx: DecisionContext): StepView {
  const ea = ctx.expertArgumentation;
  if (ea.waiver) return { status: 'waived', waiver: ea.waiver };
  const detail = { panel: ea.panel.length, signedOpinions: ea.signedOpinions.length };
  if (ea.reportedAt) return { status: 'completed', ...detail };
  return ea.panel.length ? { status: 'inProgress', ...detail } : { status: 'pending' };
}

function riskAssessment(ctx: DecisionContext): StepView {
  const ra = ctx.riskAssessment;
  if (ra.waiver) return { status: 'waived', waiver: ra.waiver };
  if (!ra.lastReport) return { status: 'pending' };
  const detail = { level: ra.lastReport.level, controllable: ra.lastReport.controllable };
  return { status: ra.lastReport.controllable ? 'completed' : 'inProgress', ...detail };
}

function legalityReview(ctx: DecisionContext, status: DecisionStatus): StepView {
  const lr = ctx.legalityReview;
  if (status === 'legalityReview') {
    const risk = lr.submission?.reviewTimeRisk;
    const shown = risk ? { reviewTimeRisk: { ...risk, ...reviewTimeRiskWarning(risk) } } : {};
    return { status: 'inProgress', submittedAt: lr.submission?.submittedAt, opinionNeededBy: lr.submission?.opinionNeededBy, ...shown };
  }
  const op = lr.opinion;
  if (!op) return { status: 'pending' };
  const detail = { conclusion: op.conclusion, draftHash: op.draftHash, draftVersion: op.draftVersion, currentDraft: op.draftHash === ctx.draft.hash };
  if (!detail.currentDraft) return { status: 'pending', ...detail };
  const lawful = op.conclusion === 'LAWFUL' || op.conclusion === 'LAWFUL_WITH_RISKS';
  return { status: lawful ? 'completed' : 'rejected', ...detail };
}

function collectiveDiscussion(ctx: DecisionContext, status: DecisionStatus): StepView {
  if (status === 'collectiveDiscussion') {
    return { status: 'inProgress', meetingHeld: ctx.meeting !== null, opinions: ctx.meeting?.opinions.length ?? 0 };
  }
  if (ctx.decision && ctx.decision.outcome !== 'DEFERRED') return { status: 'completed', outcome: ctx.decision.outcome };
  return ctx.decision ? { status: 'pending', lastOutcome: 'DEFERRED' } : { status: 'pending' };
}

/** Project a snapshot's state value and context into the API's read model. */
export function viewOf(value: StateValue, ctx: DecisionContext): DecisionView {
  const status = statusOf(value);
  return {
    status,
    stateValue: value,
    round: ctx.round,
    undertakingUnit: ctx.undertakingUnit,
    draft: { version: ctx.draft.version, hash: ctx.draft.hash },
    steps: {
      publicParticipation: publicParticipation(ctx),
      expertArgumentation: expertArgumentation(ctx),
      riskAssessment: riskAssessment(ctx),
      legalityReview: legalityReview(ctx, status),
      collectiveDiscussion: collectiveDiscussion(ctx, status),
    },
  };
}
