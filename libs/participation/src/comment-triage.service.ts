import { canSee, Clock, DomainError } from '@app/common';
import { CommentTriageRepository, ConsultationRepository, DecisionRepository, type DecisionRow, type MarkKind, type SqlExecutor } from '@app/persistence';
import { actorRef, authorizeEvent, type Actor, type DecisionContext, type DecisionView } from '@app/procedure';
import { UnitRegistry } from '@app/units';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { reportScopeOf } from './consultation-scope';

/** A page of a list (1-based). */
export interface Page {
  page: number;
  pageSize: number;
}

/** Which comments a staff list shows. */
export interface CommentFilter {
  groupId?: string;
  /** in some group (true) or in none (false) */
  grouped?: boolean;
  spam?: boolean;
  contains?: string;
}

/** A group to make: the listed comments, or every comment of the round in no group whose content contains `matching`. */
export interface GroupInput {
  commentIds?: string[];
  matching?: string;
  label: string;
  /** add to this group of the decision instead of making a new one */
  groupId?: string;
  reason?: string;
}

const limitOf = (p: Page) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

/**
 * The staff's work on the public's comments (意见整理): lists with contact data for the undertaking
 * unit's drafters only, groups of identical or similar comments, spam marked (never deleted), and
 * the summary the opinion report will account for. Every mark is appended with who, when and why.
 * Marks are made by whoever may submit the decision's opinion report (the undertaking unit's
 * drafters), under a share lock on the decision, so a report never counts a half-made group.
 */
@Injectable()
export class CommentTriageService {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly consultations: ConsultationRepository,
    private readonly triage: CommentTriageRepository,
    private readonly units: UnitRegistry,
    private readonly clock: Clock,
  ) {}

  /** A page of the decision's comments with how they are counted; contact data only for the undertaking unit's drafters. */
  async list(decisionId: string, actor: Actor, filter: CommentFilter, page: Page) {
    const row = await this.visible(decisionId, actor);
    const view = row.view as DecisionView;
    const directory = await this.units.ready(row.jurisdiction);
    const showContact = actor.roles.includes('drafter') && view.undertakingUnit !== null && directory.sameUnit(actor.unit, view.undertakingUnit);
    const { rows, total } = await this.triage.list(decisionId, filter, limitOf(page));
    return {
      round: view.round,
      ...page,
      total,
      items: rows.map((c) => ({
        id: c.id,
        round: c.round,
        change: c.change_number,
        period: c.period,
        content: c.content,
        sha256: c.sha256,
        name: c.name,
        ...(showContact ? { contact: c.contact } : {}),
        receivedAt: c.received_at.toISOString(),
        groupId: c.kind === 'GROUP' ? c.group_id : null,
        spam: c.kind === 'SPAM',
      })),
    };
  }

  /** The comments the opinion report sent now accounts for, as groups (spam excluded): what `dispositions` must cover. */
  async summary(decisionId: string, actor: Actor) {
    const row = await this.visible(decisionId, actor);
    const scope = reportScopeOf(row.view as DecisionView);
    const { total, spam, groups } = await this.consultations.transaction((em) => this.triage.summary(em, row.id, scope));
    return { scope, total, spam, groups: groups.map((g) => ({ groupId: g.group_id, count: g.count, digest: g.digest, label: g.label })) };
  }

  /** Who counted which comment how, when and why: the append-only marks, oldest first. */
  async marks(decisionId: string, actor: Actor, page: Page) {
    await this.visible(decisionId, actor);
    const { rows, total } = await this.triage.marks(decisionId, limitOf(page));
    return {
      ...page,
      total,
      items: rows.map((m) => ({ seq: Number(m.seq), commentId: m.comment_id, kind: m.kind, groupId: m.group_id, label: m.label, reason: m.reason, actor: m.actor, markedAt: m.marked_at.toISOString() })),
    };
  }

  /** Put comments in a group (a new one, or one of the decision's groups): the listed ones, or those of the round in no group whose content contains `matching`. */
  async group(decisionId: string, actor: Actor, input: GroupInput) {
    return this.marking(decisionId, actor, async (em, row) => {
      const groupId = input.groupId ?? `group:${randomUUID()}`;
      if (input.groupId !== undefined && !(await this.triage.groupExists(em, row.id, input.groupId))) throw DomainError.notFound('comment group');
      const ids = input.commentIds ?? (await this.triage.freeContaining(em, row.id, reportScopeOf(row.view as DecisionView), input.matching ?? ''));
      const marked = await this.markAll(em, row, ids, actor, { kind: 'GROUP', groupId, label: input.label, reason: input.reason });
      return { groupId, label: input.label, marked };
    });
  }

  /** Put every comment of the round in no group that another comment repeats exactly into the group of its content. */
  async groupIdentical(decisionId: string, actor: Actor, reason?: string) {
    return this.marking(decisionId, actor, async (em, row) => {
      const joined = await this.triage.groupIdentical(em, row.id, reportScopeOf(row.view as DecisionView), { reason, actor: actorRef(actor), at: this.clock.now() });
      const groups = [...joined].map(([groupId, count]) => ({ groupId, joined: count }));
      return { groups, marked: groups.reduce((n, g) => n + g.joined, 0) };
    });
  }

  /** Mark comments as spam (kept, never deleted; the report does not account for them), with why. */
  async markSpam(decisionId: string, actor: Actor, commentIds: string[], reason: string) {
    return this.marking(decisionId, actor, async (em, row) => ({ marked: await this.markAll(em, row, commentIds, actor, { kind: 'SPAM', reason }) }));
  }

  /** Take comments out of their group or spam: each counts on its own again, with why. */
  async ungroup(decisionId: string, actor: Actor, commentIds: string[], reason: string) {
    return this.marking(decisionId, actor, async (em, row) => ({ marked: await this.markAll(em, row, commentIds, actor, { kind: 'UNGROUP', reason }) }));
  }

  /** A transaction holding the decision's row shared (the opinion report locks it exclusively) for a caller who may submit its report. */
  private marking<T>(decisionId: string, actor: Actor, work: (em: SqlExecutor, row: DecisionRow) => Promise<T>): Promise<T> {
    return this.consultations.transaction(async (em) => {
      const row = await this.consultations.lockShared(em, decisionId);
      if (!row || !canSee(row, actor)) throw DomainError.notFound('decision');
      await this.units.ready(row.jurisdiction, undefined, em);
      const ctx = (row.snapshot as { context: DecisionContext }).context;
      const forbidden = authorizeEvent('SUBMIT_PUBLIC_OPINION_REPORT', actor, ctx, { sameUnit: this.units.sameUnitIn(row.jurisdiction) });
      if (forbidden) throw DomainError.ruleViolation([forbidden]);
      return work(em, row);
    });
  }

  /** Every one of `ids` must be a comment on the decision (404 otherwise, nothing marked). */
  private async markAll(em: SqlExecutor, row: DecisionRow, ids: string[], actor: Actor, mark: { kind: MarkKind; groupId?: string; label?: string; reason?: string }): Promise<number> {
    const unique = [...new Set(ids)];
    const marked = await this.triage.mark(em, row.id, unique, { ...mark, actor: actorRef(actor), at: this.clock.now() });
    if (marked.length !== unique.length) throw DomainError.notFound('comment');
    return marked.length;
  }

  private async visible(decisionId: string, actor: Actor): Promise<DecisionRow> {
    const row = await this.decisions.find(decisionId);
    if (!row || !canSee(row, actor)) throw DomainError.notFound('decision');
    return row;
  }
}
