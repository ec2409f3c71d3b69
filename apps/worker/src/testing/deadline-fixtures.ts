import { Clock } from '@app/common';
import type { DecisionService } from '@app/decisions';
import type { Actor } from '@app/procedure';
import type { DataSource } from 'typeorm';
import { lawful, people } from '../../../../test/utils/decision-flow';
import type { Harness } from './worker-harness';

/** County A's staff as DecisionService actors; the reviewer's unit differs from the undertaking unit. */
export const who = people('county-a') as unknown as Record<keyof ReturnType<typeof people>, Actor>;

export interface DeadlineRow {
  id: string;
  decision_id: string;
  kind: string;
  due_at: Date;
  status: string;
  fire_event: string | null;
  fired_at: Date | null;
}

async function send(decisions: DecisionService, id: string, actor: Actor, { type, ...payload }: Record<string, unknown>) {
  return decisions.apply(id, { type: type as string, payload }, actor);
}

/** A decision in drafting with a draft: the consultation steps can start. */
export async function draftingDecision(decisions: DecisionService): Promise<string> {
  const { decision } = await decisions.create({ title: '高标准农田建设实施意见', category: 'PUBLIC_POLICY' } as any, who.drafter);
  await send(decisions, decision.id, who.secretary, lawful.accept);
  await send(decisions, decision.id, who.drafter, lawful.draft());
  return decision.id;
}

/**
 * A decision whose public comment period, opened now and shortened for urgency (lawful with its reason), ends
 * `inMs` from now: its PUBLIC_COMMENT_END deadline is due then. Returns the decision and that deadline's id.
 */
export async function commentEndingIn(decisions: DecisionService, dataSource: DataSource, inMs: number) {
  const decisionId = await draftingDecision(decisions);
  const endsAt = new Date(Date.now() + inMs);
  await send(decisions, decisionId, who.drafter, lawful.urgentComment(endsAt));
  const [deadline] = await deadlinesOf(dataSource, decisionId, 'PUBLIC_COMMENT_END');
  if (!deadline) throw new Error('OPEN_PUBLIC_COMMENT created no PUBLIC_COMMENT_END deadline');
  return { decisionId, deadlineId: deadline.id, dueAt: endsAt };
}

/**
 * An `opinionNeededBy` the 7-working-day floor accepts without a warning, 8 working days from the
 * app's clock at the latest bound: valid whatever the day, official or estimated year.
 */
export function ampleOpinionNeededBy(h: Pick<Harness, 'app' | 'engines'>): string {
  return h.engines.for('county-a').calendar.addWorkingDays(h.app.get(Clock).now().toISOString(), 8).latest;
}

/** A consulted decision (a hearing held, experts, risks) submitted for legality review with the opinion needed by `opinionNeededBy`. */
export async function inLegalityReview(decisions: DecisionService, opinionNeededBy: string): Promise<string> {
  const id = await draftingDecision(decisions);
  const d = who.drafter;
  for (const event of [lawful.hearing, lawful.opinionReport, lawful.experts]) await send(decisions, id, d, event);
  for (const e of lawful.experts.experts) await send(decisions, id, d, lawful.expertOpinion(e.name));
  for (const event of [lawful.expertReport, lawful.riskReport]) await send(decisions, id, d, event);
  await send(decisions, id, d, { ...lawful.submitReview, opinionNeededBy });
  return id;
}

export async function deadlinesOf(dataSource: DataSource, decisionId: string, kind: string): Promise<DeadlineRow[]> {
  return dataSource.query(`SELECT * FROM deadlines WHERE decision_id = $1 AND kind = $2 ORDER BY created_at`, [decisionId, kind]);
}

export async function deadline(dataSource: DataSource, id: string): Promise<DeadlineRow> {
  const [row] = await dataSource.query(`SELECT * FROM deadlines WHERE id = $1`, [id]);
  return row;
}

/** The recorded events of `type` on a decision's trail. */
export async function eventsOf(dataSource: DataSource, decisionId: string, type: string): Promise<{ seq: number; actor: { sub: string } }[]> {
  return dataSource.query(`SELECT seq, actor FROM decision_events WHERE decision_id = $1 AND type = $2 ORDER BY seq`, [decisionId, type]);
}

export async function notificationsOf(dataSource: DataSource, deadlineId: string): Promise<{ id: string; kind: string }[]> {
  return dataSource.query(`SELECT id, kind FROM notifications WHERE deadline_id = $1`, [deadlineId]);
}
