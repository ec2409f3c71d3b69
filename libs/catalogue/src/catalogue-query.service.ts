import { canonicalJson, type ChainBreak } from '@app/audit';
import { canSee, DomainError } from '@app/common';
import { CatalogueRepository, type CatalogueRow, type ReferencingDecision } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { chainedCatalogueEventOf, verifyCatalogueTrail } from './catalogue-trail';
import { evolveCatalogue, type CatalogueEvent, type CatalogueState } from './catalogue.model';
import { presentCatalogue } from './catalogue.presenter';

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
    private readonly catalogues: CatalogueRepository,
  ) {}

  /**
   * The catalogue of `year`. The public sees it only once published; each
   * item's procedure status is that of its latest referencing decision, but a
   * decision's id and title are listed only for those the viewer may see
   * (for the public: never a confidential one).
   */
  async get(year: number, viewer: CatalogueViewer): Promise<ReturnType<typeof presentCatalogue>> {
    const jurisdiction = viewer.actor?.jurisdiction ?? viewer.jurisdiction ?? (await this.onlyPublisher(year));
    const row = await this.catalogues.find<CatalogueState>(jurisdiction, year);
    if (!row || (!viewer.actor && row.status !== 'published')) throw DomainError.notFound('catalogue');
    const decisions = await this.catalogues.referencingDecisions(jurisdiction, row.state.items.map((i) => i.id));
    const visible = (d: ReferencingDecision) => (viewer.actor ? canSee(d, viewer.actor) : !d.confidential);
    return presentCatalogue(row, decisions, visible);
  }

  /**
   * Without a token and without ?jurisdiction= the public still gets the year's
   * catalogue when a single jurisdiction has published one (a one-government deployment).
   */
  private async onlyPublisher(year: number): Promise<string> {
    const publishers = await this.catalogues.publishers(year, 2);
    if (publishers.length === 0) throw DomainError.notFound('catalogue');
    if (publishers.length > 1) throw DomainError.validation('several jurisdictions publish a catalogue for this year: name one with ?jurisdiction=', 'jurisdiction');
    return publishers[0];
  }

  /** The catalogue's trail, oldest first (users of the jurisdiction). */
  async history(year: number, actor: Actor) {
    const row = await this.found(year, actor);
    const events = await this.catalogues.events(row.id);
    return { events: events.map(chainedCatalogueEventOf).map(({ catalogueId: _c, ...e }) => e) };
  }

  /** Check every hash of the trail, and that the projection is what the trail yields. */
  async verify(year: number, actor: Actor): Promise<CatalogueVerifyReport> {
    const row = await this.found(year, actor);
    const events = (await this.catalogues.events(row.id)).map(chainedCatalogueEventOf);
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

  private async found(year: number, actor: Actor): Promise<CatalogueRow<CatalogueState>> {
    const row = await this.catalogues.find<CatalogueState>(actor.jurisdiction, year);
    if (!row) throw DomainError.notFound('catalogue');
    return row;
  }
}
