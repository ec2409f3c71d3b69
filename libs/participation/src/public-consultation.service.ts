import { sha256Hex } from '@app/audit';
import { Clock, DomainError } from '@app/common';
import { MaterialService } from '@app/materials';
import { ConsultationRepository, DecisionRepository, PublicCommentRepository, type DecisionRow } from '@app/persistence';
import { reason, type DecisionView } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { openConsultationOf, type Consultation } from './consultation-scope';

type DraftMaterial = { id: string; sha256: string; filename: string };

/**
 * Is the decision open to public comment at `now`: a comment period opened and not closed on its
 * own procedure or its change round, startsAt ≤ now < endsAt, and not confidential? The one home
 * of this rule: lists and the public page ask it too.
 */
export function commentPeriodOpen(row: { confidential: boolean; view: unknown }, now: Date): boolean {
  if (row.confidential) return false;
  const c = openConsultationOf(row.view as DecisionView);
  if (!c || c.period.closedAt) return false;
  return Date.parse(c.period.startsAt) <= now.getTime() && now.getTime() < Date.parse(c.period.endsAt);
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
 * Public participation online (公开征求意见): the open consultations of non-confidential decisions
 * (their own procedure's, or a change round's) with the draft the period was opened on and its
 * explanation, and the public's comments while a period is open, each recorded against the
 * consultation it answers (round, change round, period). Contact data never leaves here.
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
    const endsAt = (row: DecisionRow) => Date.parse(openConsultationOf(row.view)!.period.endsAt);
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

  /** Record a comment while the period is open (422 COMMENT_PERIOD_CLOSED otherwise), against the consultation it answers. */
  async comment(decisionId: string, input: PublicCommentInput) {
    if (!input.content.trim()) throw DomainError.validation('content must not be blank', 'content');
    return this.consultations.transaction(async (em) => {
      const row = await this.consultations.lockShared(em, decisionId);
      if (!row || row.confidential) throw DomainError.notFound('consultation');
      const at = this.clock.now();
      const consultation = openConsultationOf(row.view as DecisionView);
      if (!consultation || !commentPeriodOpen(row, at)) throw DomainError.ruleViolation([reason('COMMENT_PERIOD_CLOSED')]);
      const { scope } = consultation;
      const comment = {
        id: randomUUID(),
        decision_id: row.id,
        jurisdiction: row.jurisdiction,
        round: scope.round,
        change_number: scope.change,
        period: scope.period,
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

  private async openDecision(decisionId: string): Promise<DecisionRow> {
    const row = await this.decisions.find(decisionId);
    if (!row || !commentPeriodOpen(row, this.clock.now())) throw DomainError.notFound('consultation');
    return row;
  }

  /**
   * The public face of open consultations: an explicit list of fields (no actors, no contact data). The draft shown is
   * the one the period was opened on (machine v2 binds it), never a later revision the public was not consulted on.
   */
  private async present(rows: DecisionRow[]) {
    const open = rows.map((row) => ({ row, consultation: openConsultationOf(row.view as DecisionView) as Consultation }));
    const drafts = await this.consultations.draftPayloads(open.map(({ row, consultation }) => ({ decisionId: row.id, hash: consultation.draft.hash })));
    const openings = await this.consultations.latestPayloads(rows.map((r) => r.id), ['OPEN_PUBLIC_COMMENT']);
    const counts = await this.comments.counts(open.map(({ row, consultation }) => ({ id: row.id, ...consultation.scope })));
    return open.map(({ row, consultation }) => {
      const view = row.view as DecisionView;
      const draft = drafts.get(row.id) ?? {};
      const opening = openings.find((e) => e.decision_id === row.id)?.payload ?? {};
      const material = (draft.materials as DraftMaterial[] | undefined)?.[0];
      const { period } = consultation;
      return {
        decisionId: row.id,
        jurisdiction: row.jurisdiction,
        title: row.title,
        category: row.category,
        summary: row.summary,
        undertakingUnit: view.undertakingUnit,
        ...(consultation.scope.change !== null ? { adjustment: consultation.scope.change } : {}),
        draft: {
          version: consultation.draft.version,
          hash: consultation.draft.hash,
          text: typeof draft.text === 'string' ? draft.text : null,
          material: material ? { id: material.id, filename: material.filename, sha256: material.sha256 } : null,
        },
        explanation: period.explanation ?? (typeof opening.explanation === 'string' ? opening.explanation : null),
        channels: Array.isArray(opening.channels) ? (opening.channels as string[]) : [],
        startsAt: period.startsAt,
        endsAt: period.endsAt,
        urgencyReason: period.urgencyReason ?? null,
        ...(period.number !== undefined ? { period: period.number } : {}),
        ...(period.recordedAfterwards ? { recordedAfterwards: true } : {}),
        comments: counts.get(row.id) ?? 0,
      };
    });
  }
}
