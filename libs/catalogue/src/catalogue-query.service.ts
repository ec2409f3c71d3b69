import { canonicalJson, type ChainBreak } from '@app/audit';
import { DomainError } from '@app/common';
import { canSee } from '@app/decisions';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { chainedCatalogueEventOf, verifyCatalogueTrail } from './catalogue-trail';
import { evolveCatalogue, type CatalogueEvent, type CatalogueState } from './catalogue.model';
import { presentCatalogue } from './catalogue.presenter';
import { CatalogueRepository, type CatalogueRow, type ReferencingDecision } from './catalogue.repository';

export type CatalogueView = ReturnType<typeof presentCatalogue>;

/** Who reads a catalogue: a user of the jurisdiction (any state), or the public (`jurisdiction` named, published only). */
export interface CatalogueViewer {
  actor?: Actor;
  jurisdiction?: string;
}

export interface CatalogueVerifyReport {
  ok: boolean;
  checkedEvents: number;
  firstBroken?: ChainBreak;
}

/** Reads of the catalogue: the (public) view with each item's procedure status, its trail, and its verification. */
@Injectable()
export class CatalogueQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogues: CatalogueRepository,
  ) {}

  /**
   * The catalogue of `year`. The public sees it only once published; each
   * item's procedure status is that of its latest referencing decision, but a
   * decision's id and title are listed only for those the viewer may see
   * (for the public: never a confidential one).
   */
  async get(year: number, viewer: CatalogueViewer): Promise<ReturnType<typeof presentCatalogue>> {
    const em = this.dataSource.manager;
    const jurisdiction = viewer.actor?.jurisdiction ?? viewer.jurisdiction ?? (await this.onlyPublisher(year));
    const row = await this.catalogues.find(em, jurisdiction, year);
    if (!row || (!viewer.actor && row.status !== 'published')) throw DomainError.notFound('catalogue');
    const decisions = await this.catalogues.referencingDecisions(em, jurisdiction, row.state.items.map((i) => i.id));
    const visible = (d: ReferencingDecision) => (viewer.actor ? canSee(d, viewer.actor) : !d.confidential);
    return presentCatalogue(row, decisions, visible);
  }

  /**
   * Without a token and without ?jurisdiction= the public still gets the year's
   * catalogue when a single jurisdiction has published one (a one-government deployment).
   */
  private async onlyPublisher(year: number): Promise<string> {
    const rows: { jurisdiction: string }[] = await this.dataSource.query(
      `SELECT jurisdiction FROM catalogues WHERE year = $1 AND status = 'published' LIMIT 2`,
      [year],
    );
    if (rows.length === 0) throw DomainError.notFound('catalogue');
    if (rows.length > 1) throw DomainError.validation('several jurisdictions publish a catalogue for this year: name one with ?jurisdiction=', 'jurisdiction');
    return rows[0].jurisdiction;
  }

  /** The catalogue's trail, oldest first (users of the jurisdiction). */
  async history(year: number, actor: Actor) {
    const row = await this.found(year, actor);
    const events = await this.catalogues.events(this.dataSource.manager, row.id);
    return { events: events.map(chainedCatalogueEventOf).map(({ catalogueId: _c, ...e }) => e) };
  }

  /** Check every hash of the trail, and that the projection is what the trail yields. */
  async verify(year: number, actor: Actor): Promise<CatalogueVerifyReport> {
    const row = await this.found(year, actor);
    const events = (await this.catalogues.events(this.dataSource.manager, row.id)).map(chainedCatalogueEventOf);
    const { checked, firstBroken } = verifyCatalogueTrail(events);
    if (firstBroken) return { ok: false, checkedEvents: checked, firstBroken };
    const last = events[events.length - 1];
    if (!last || last.seq !== row.version || last.hash !== row.last_hash) {
      return { ok: false, checkedEvents: checked, firstBroken: { seq: last?.seq ?? 1, reason: 'the catalogue projection does not end at the last event of its trail' } };
    }
    let state: CatalogueState | null = null;
    for (const e of events) state = evolveCatalogue(state, e as unknown as CatalogueEvent, e);
    if (canonicalJson(state) !== canonicalJson(row.state)) {
      return { ok: false, checkedEvents: checked, firstBroken: { seq: last.seq, reason: 'the catalogue projection differs from the state its trail yields' } };
    }
    return { ok: true, checkedEvents: checked };
  }

  private async found(year: number, actor: Actor): Promise<CatalogueRow> {
    const row = await this.catalogues.find(this.dataSource.manager, actor.jurisdiction, year);
    if (!row) throw DomainError.notFound('catalogue');
    return row;
  }
}
