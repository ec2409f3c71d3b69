import { GENESIS_HASH } from '@app/audit';
import { Clock, DomainError } from '@app/common';
import { CatalogueRepository, type CatalogueRow } from '@app/persistence';
import type { Actor, Role } from '@app/procedure';
import { UnitRegistry } from '@app/units';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CatalogueQueryService, type CatalogueView } from './catalogue-query.service';
import { chainCatalogueEvent } from './catalogue-trail';
import {
  adjustmentVoidsConsent,
  catalogueReason,
  catalogueRefusals,
  evolveCatalogue,
  type CatalogueEvent,
  type CatalogueItemFields,
  type CataloguePayloads,
  type CatalogueState,
} from './catalogue.model';

/** Who keeps the catalogue: the system administrator and the organ's general office (PROCEDURE.md). */
const CATALOGUE_EDITORS: readonly Role[] = ['admin', 'secretary'];

export interface AdjustCatalogueInput {
  reason: string;
  add?: CatalogueItemFields[];
  remove?: string[];
  change?: (Partial<CatalogueItemFields> & { itemId: string })[];
}

export interface CatalogueCommandResult {
  catalogue: CatalogueView;
  event: { seq: number; type: string; hash: string };
}

/**
 * The one path of every change to a year's decision catalogue: one
 * transaction locks the catalogue, checks the rules, appends the event to the
 * catalogue's own hash-chained trail and updates the projection and its items.
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly catalogues: CatalogueRepository,
    private readonly queries: CatalogueQueryService,
    private readonly clock: Clock,
    private readonly units: UnitRegistry,
  ) {}

  /** Draw up a year's catalogue (event 1 of its trail, status `draft`). */
  async create(input: { year: number; items: CatalogueItemFields[] }, actor: Actor): Promise<CatalogueCommandResult> {
    authorize(actor);
    await this.requireUnits(actor, input.items);
    const event = await this.catalogues.transaction(async (em) => {
      const at = this.clock.now();
      const id = randomUUID();
      const payload: CataloguePayloads['CREATE_CATALOGUE'] = { year: input.year, items: input.items.map(withId) };
      const entry = chainCatalogueEvent({ catalogueId: id, seq: 1, type: 'CREATE_CATALOGUE', payload, actor, occurredAt: at.toISOString(), prevHash: GENESIS_HASH });
      const state = evolveCatalogue(null, entry as unknown as CatalogueEvent, entry);
      const inserted = await this.catalogues.insert(em, { id, jurisdiction: actor.jurisdiction, year: input.year, state, hash: entry.hash, at });
      if (!inserted) throw DomainError.ruleViolation([catalogueReason('CATALOGUE_EXISTS')]);
      await this.catalogues.appendEvent(em, { ...entry, jurisdiction: actor.jurisdiction });
      await this.catalogues.syncItems(em, { id, jurisdiction: actor.jurisdiction }, state);
      return { seq: 1, type: entry.type, hash: entry.hash };
    });
    return { catalogue: await this.queries.get(input.year, { actor }), event };
  }

  /** Record that the party committee at the same level agreed to the catalogue (党委同意). */
  consent(year: number, input: { consentedAt: string; reference: string }, actor: Actor): Promise<CatalogueCommandResult> {
    return this.record(year, actor, () => ({ type: 'RECORD_PARTY_COMMITTEE_CONSENT', payload: { consentedAt: input.consentedAt, reference: input.reference } }));
  }

  /** Publish the agreed catalogue; refused with PARTY_COMMITTEE_CONSENT_REQUIRED before the agreement. */
  publish(year: number, input: { publishedAt?: string; channels?: string[] }, actor: Actor): Promise<CatalogueCommandResult> {
    return this.record(year, actor, (_state, occurredAt) => ({
      type: 'PUBLISH_CATALOGUE',
      payload: { publishedAt: input.publishedAt ?? occurredAt, channels: input.channels ?? [] },
    }));
  }

  /** Adjust the catalogue during the year, with a reason; adjusting an agreed, unpublished list voids the agreement. */
  async adjust(year: number, input: AdjustCatalogueInput, actor: Actor): Promise<CatalogueCommandResult> {
    authorize(actor);
    await this.requireUnits(actor, [...(input.add ?? []), ...(input.change ?? [])]);
    return this.record(year, actor, (state) => ({
      type: 'ADJUST_CATALOGUE',
      payload: {
        reason: input.reason,
        add: (input.add ?? []).map(withId),
        remove: input.remove ?? [],
        change: input.change ?? [],
        ...(adjustmentVoidsConsent(state) ? { consentLapsed: true } : {}),
      },
    }));
  }

  /** Every undertaking unit an item names is a registered unit of the jurisdiction (422 UNIT_NOT_REGISTERED). */
  private async requireUnits(actor: Actor, items: readonly Partial<CatalogueItemFields>[]): Promise<void> {
    const named = [...new Set(items.map((i) => i.undertakingUnit).filter((u): u is string => typeof u === 'string'))];
    await this.units.requireRegistered(actor.jurisdiction, named);
  }

  private async record(year: number, actor: Actor, build: (state: CatalogueState, occurredAt: string) => CatalogueEvent): Promise<CatalogueCommandResult> {
    authorize(actor);
    const event = await this.catalogues.transaction(async (em: EntityManager) => {
      const row: CatalogueRow<CatalogueState> | undefined = await this.catalogues.find<CatalogueState>(actor.jurisdiction, year, em);
      if (!row) throw DomainError.notFound('catalogue');
      const at = this.clock.now();
      const occurredAt = at.toISOString();
      const candidate = build(row.state, occurredAt);
      const refusals = catalogueRefusals(row.state, candidate);
      if (refusals.length) throw DomainError.ruleViolation(refusals);
      const seq = row.version + 1;
      const entry = chainCatalogueEvent({ catalogueId: row.id, seq, type: candidate.type, payload: candidate.payload, actor, occurredAt, prevHash: row.last_hash });
      const state = evolveCatalogue(row.state, { type: candidate.type, payload: entry.payload } as CatalogueEvent, entry);
      await this.catalogues.appendEvent(em, { ...entry, jurisdiction: row.jurisdiction });
      await this.catalogues.update(em, row, { state, version: seq, hash: entry.hash, at });
      await this.catalogues.syncItems(em, row, state);
      return { seq, type: entry.type, hash: entry.hash };
    });
    return { catalogue: await this.queries.get(year, { actor }), event };
  }
}

function authorize(actor: Actor): void {
  if (!actor.roles.some((r) => CATALOGUE_EDITORS.includes(r))) {
    throw new DomainError('FORBIDDEN_ROLE', `编制、调整和公布决策事项目录需要以下角色之一：${CATALOGUE_EDITORS.join(', ')}`);
  }
}

function withId(item: CatalogueItemFields): CatalogueItemFields & { id: string } {
  const { title, category, undertakingUnit, plannedQuarter } = item;
  return { id: randomUUID(), title, category, undertakingUnit, ...(plannedQuarter != null ? { plannedQuarter } : {}) };
}
