import { sha256Hex } from '@app/audit';
import { canSee, Clock, DomainError } from '@app/common';
import { MaterialService } from '@app/materials';
import { ConsultationRepository, DecisionRepository, PublicCommentRepository, type DecisionRow } from '@app/persistence';
import { reason, type Actor, type DecisionView } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

type CommentWindow = { startsAt: string; endsAt: string; closedAt?: string };
type DraftMaterial = { id: string; sha256: string; filename: string };

/** The comment window the decision's view shows, if any. */
function windowOf(row: { view: unknown }): CommentWindow | undefined {
  return (row.view as DecisionView).steps?.publicParticipation?.comment as CommentWindow | undefined;
}

/**
 * Is the decision open to public comment at `now`: drafting, period opened and not closed,
 * startsAt ≤ now < endsAt? The one home of this rule: lists and the public page ask it too.
 */
export function commentPeriodOpen(row: { status: string; confidential: boolean; view: unknown }, now: Date): boolean {
  const pp = (row.view as DecisionView).steps?.publicParticipation;
  const c = windowOf(row);
  if (row.confidential || row.status !== 'drafting' || pp?.status !== 'open' || !c || c.closedAt) return false;
  return Date.parse(c.startsAt) <= now.getTime() && now.getTime() < Date.parse(c.endsAt);
}

/** What a citizen sends: the opinion and, optionally, who they are and how to reach them. */
export interface PublicCommentInput {
  content: string;
  name?: string;
  contact?: string;
}

/** Consultations listed at most. */
const MAX_LISTED = 500;

/**
 * Public participation online (公开征求意见): the open consultations of
 * non-confidential decisions with their draft and explanation, the public's
 * comments while a period is open, and the comments for the users who may
 * see the decision. Contact data never leaves except to the drafting unit.
 */
@Injectable()
export class PublicConsultationService {
  constructor(
    private readonly consultations: ConsultationRepository,
    private readonly decisions: DecisionRepository,
    private readonly comments: PublicCommentRepository,
    private readonly materials: MaterialService,
    private readonly clock: Clock,
  ) {}

  /** Open consultations, those closing soonest first; optionally of one jurisdiction. */
  async list(jurisdiction?: string) {
    const now = this.clock.now();
    const endsAt = (row: DecisionRow) => Date.parse(windowOf(row)!.endsAt);
    const open = (await this.consultations.candidates(jurisdiction))
      .filter((row) => commentPeriodOpen(row, now))
      .sort((a, b) => endsAt(a) - endsAt(b) || a.id.localeCompare(b.id))
      .slice(0, MAX_LISTED);
    return { items: await this.present(open) };
  }

  /** One open consultation; 404 when the decision is unknown, confidential or not open to comment now. */
  async get(decisionId: string) {
    const row = await this.openDecision(decisionId);
    const [view] = await this.present([row]);
    return view;
  }

  /** The draft file of an open consultation whose draft is a material. */
  async draftFile(decisionId: string) {
    const view = await this.get(decisionId);
    if (!view.draft.material) throw DomainError.notFound('draft file');
    return this.materials.readUnchecked(view.draft.material.id);
  }

  /** Record a comment while the period is open (422 COMMENT_PERIOD_CLOSED otherwise). */
  async comment(decisionId: string, input: PublicCommentInput) {
    if (!input.content.trim()) throw DomainError.validation('content must not be blank', 'content');
    return this.consultations.transaction(async (em) => {
      const row = await this.consultations.lockShared(em, decisionId);
      if (!row || row.confidential) throw DomainError.notFound('consultation');
      const at = this.clock.now();
      if (!commentPeriodOpen(row, at)) throw DomainError.ruleViolation([reason('COMMENT_PERIOD_CLOSED')]);
      const comment = {
        id: randomUUID(),
        decision_id: row.id,
        jurisdiction: row.jurisdiction,
        round: (row.view as DecisionView).round,
        content: input.content,
        sha256: sha256Hex(input.content),
        name: input.name?.trim() || null,
        contact: input.contact?.trim() || null,
        received_at: at,
      };
      await this.comments.insert(em, comment);
      return { id: comment.id, decisionId: row.id, sha256: comment.sha256, receivedAt: at.toISOString() };
    });
  }

  /** Comments on a decision for those who may see it; contact data only for the undertaking unit's drafters. */
  async commentsFor(decisionId: string, actor: Actor) {
    const row = await this.decisions.find(decisionId);
    if (!row || !canSee(row, actor)) throw DomainError.notFound('decision');
    const view = row.view as DecisionView;
    const showContact = actor.roles.includes('drafter') && actor.unit === view.undertakingUnit;
    const rows = await this.comments.list(decisionId);
    return {
      round: view.round,
      items: rows.map((c) => ({
        id: c.id,
        round: c.round,
        content: c.content,
        sha256: c.sha256,
        name: c.name,
        ...(showContact ? { contact: c.contact } : {}),
        receivedAt: c.received_at.toISOString(),
      })),
    };
  }

  private async openDecision(decisionId: string): Promise<DecisionRow> {
    const row = await this.decisions.find(decisionId);
    if (!row || !commentPeriodOpen(row, this.clock.now())) throw DomainError.notFound('consultation');
    return row;
  }

  /** The public face of open consultations: an explicit list of fields (no actors, no contact data). */
  private async present(rows: DecisionRow[]) {
    const latest = await this.consultations.latestPayloads(rows.map((r) => r.id), ['REVISE_DRAFT', 'OPEN_PUBLIC_COMMENT']);
    const payloadOf = (id: string, type: string) => latest.find((e) => e.decision_id === id && e.type === type)?.payload ?? {};
    const counts = await this.comments.counts(rows.map((r) => ({ id: r.id, round: (r.view as DecisionView).round })));
    return rows.map((row) => {
      const view = row.view as DecisionView;
      const draft = payloadOf(row.id, 'REVISE_DRAFT');
      const opening = payloadOf(row.id, 'OPEN_PUBLIC_COMMENT');
      const material = (draft.materials as DraftMaterial[] | undefined)?.[0];
      const window = view.steps.publicParticipation.comment as CommentWindow;
      return {
        decisionId: row.id,
        jurisdiction: row.jurisdiction,
        title: row.title,
        category: row.category,
        summary: row.summary,
        undertakingUnit: view.undertakingUnit,
        draft: {
          version: view.draft.version,
          hash: view.draft.hash,
          text: typeof draft.text === 'string' ? draft.text : null,
          material: material ? { id: material.id, filename: material.filename, sha256: material.sha256 } : null,
        },
        explanation: typeof opening.explanation === 'string' ? opening.explanation : null,
        channels: Array.isArray(opening.channels) ? (opening.channels as string[]) : [],
        startsAt: window.startsAt,
        endsAt: window.endsAt,
        urgencyReason: typeof opening.urgencyReason === 'string' ? opening.urgencyReason : null,
        comments: counts.get(row.id) ?? 0,
      };
    });
  }
}
