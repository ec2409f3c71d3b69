import type { DecisionView } from '@app/procedure';

/** Which consultation a comment answers: the decision's round, the change round beside its execution (Art. 37; null: its own procedure), the period. */
export interface CommentScope {
  round: number;
  change: number | null;
  /** machine v2 numbers the comment periods of a round; null on v1 */
  period: number | null;
}

/** A comment period as a decision's view shows it (v2 adds what it is bound to). */
export interface CommentPeriodView {
  startsAt: string;
  endsAt: string;
  closedAt?: string;
  urgencyReason?: string;
  /** v2: the draft the period publishes, whatever the draft is now */
  draftVersion?: number;
  draftHash?: string;
  explanation?: string;
  number?: number;
  recordedAfterwards?: true;
}

/** The consultation of a decision's view that may be open to the public: its period, the draft it is bound to, and the scope of its comments. */
export interface Consultation {
  scope: CommentScope;
  period: CommentPeriodView;
  /** the draft the period publishes: the period's own (v2), else the decision's current draft (v1) */
  draft: { version: number; hash: string | null };
}

interface RoundView {
  status: string;
  draft: DecisionView['draft'];
  steps: DecisionView['steps'];
}

type ViewWithRound = DecisionView & { adjustment?: (RoundView & { number: number }) | null };

function consultationOf(round: RoundView, scope: Omit<CommentScope, 'period'>): Consultation | null {
  const step = round.steps?.publicParticipation;
  const period = step?.comment as CommentPeriodView | null | undefined;
  if (round.status !== 'drafting' || step?.status !== 'open' || !period) return null;
  const draft = period.draftHash !== undefined ? { version: period.draftVersion!, hash: period.draftHash } : round.draft;
  return { scope: { ...scope, period: period.number ?? null }, period, draft };
}

/**
 * The comment period of a decision that is open, or may be (its step says `open`): the decision's
 * own while it is drafting, or (machine v2) the change round's while that round drafts. The one
 * home of "which consultation": the public pages, the comment endpoint and the opinion report ask it.
 */
export function openConsultationOf(view: DecisionView): Consultation | null {
  const v = view as ViewWithRound;
  if (v.adjustment) return consultationOf(v.adjustment, { round: v.round, change: v.adjustment.number });
  return consultationOf(v, { round: v.round, change: null });
}

/** The comments an opinion report sent in this state accounts for: those of the round it belongs to (every period of it). */
export function reportScopeOf(view: DecisionView): Omit<CommentScope, 'period'> {
  const v = view as ViewWithRound;
  return { round: v.round, change: v.adjustment?.number ?? null };
}
