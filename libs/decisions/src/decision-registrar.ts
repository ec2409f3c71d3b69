import { GENESIS_HASH } from '@app/audit';
import { Clock } from '@app/common';
import { DecisionRepository, JurisdictionSettingsRepository, type DecisionRow, type ScheduledDeadline, type SqlSession } from '@app/persistence';
import { DEFAULT_PROFILE_ID, involvedUnitsOf, latestProfile, type Actor, type LiveSnapshot, type Payloads } from '@app/procedure';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventEnricher } from './event-enricher';
import { NEW_DECISION_MACHINE } from './new-decision-machine';
import { ProcedureEngines } from './procedure-engines';
import { TrailEnvelope } from './trail-envelope';
import { trailEvent } from './trail-event.factory';

/** A committed write: the projection row after it, its live snapshot, its event, the deadlines it opened. */
export interface Recorded {
  row: DecisionRow;
  live: LiveSnapshot;
  /** the recorded event; `warnings`: risks accepted with it (API.md), present when there are any */
  event: { seq: number; type: string; hash: string; warnings?: { code: string; message: string }[] };
  created: ScheduledDeadline[];
}

/** Registers decisions: event 1 of a trail (state `proposed`) and the projection row, in one statement. */
@Injectable()
export class DecisionRegistrar {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly settings: JurisdictionSettingsRepository,
    private readonly enricher: EventEnricher,
    private readonly engines: ProcedureEngines,
    private readonly envelope: TrailEnvelope,
    private readonly clock: Clock,
    @Inject(NEW_DECISION_MACHINE) private readonly machineVersion: number,
  ) {}

  /** A new decision's projection row and event 1, decided (catalogue item and the jurisdiction's profile read) and written in one statement. */
  async register(session: SqlSession, payload: Payloads['CREATE_DECISION'], actor: Actor): Promise<Recorded> {
    if (payload.catalogueItemId) await this.enricher.checkCatalogueItem(session, actor.jurisdiction, payload.catalogueItemId);
    const profileId = (await this.settings.profileId(session, actor.jurisdiction)) ?? DEFAULT_PROFILE_ID;
    const profile = latestProfile(profileId, this.machineVersion);
    if (!profile) throw new Error(`jurisdiction ${actor.jurisdiction} names an unknown profile ${profileId}`);
    const at = this.clock.now();
    const id = randomUUID();
    const occurredAt = at.toISOString();
    const clean = JSON.parse(JSON.stringify(payload));
    const started = this.engines.for(actor.jurisdiction).engine.start({ decisionId: id, profile, payload: clean, occurredAt, actor });
    const event = trailEvent({
      decisionId: id,
      jurisdiction: actor.jurisdiction,
      seq: 1,
      type: 'CREATE_DECISION',
      payload: clean,
      actor,
      occurredAt,
      stateBefore: null,
      stateAfter: started.view.stateValue,
      machine: started.snapshot.machine,
      profile,
      prevHash: GENESIS_HASH,
      alg: this.envelope.alg,
      calendar: await this.envelope.calendarVersion(this.engines.for(actor.jurisdiction).calendar, session),
    });
    const row: DecisionRow = {
      id,
      jurisdiction: actor.jurisdiction,
      title: payload.title,
      category: payload.category,
      summary: payload.summary ?? null,
      confidential: payload.confidential ?? false,
      catalogue_item_id: payload.catalogueItemId ?? null,
      involved_units: involvedUnitsOf(started.context),
      status: started.view.status,
      state_value: started.view.stateValue,
      version: 1,
      machine_id: started.snapshot.machine.id,
      machine_version: started.snapshot.machine.version,
      profile_id: profile.id,
      profile_version: profile.version,
      snapshot: started.snapshot.state,
      view: started.view,
      last_hash: event.hash,
      open_deadlines: [],
      created_at: at,
      updated_at: at,
    };
    await this.decisions.recordRegistration(session, { ...row, at }, event);
    return { row, live: started.live, event: { seq: 1, type: event.type, hash: event.hash }, created: [] };
  }
}
