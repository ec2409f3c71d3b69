import type { ChainedEvent } from '@app/audit';

/** A deadline the decision still owes, kept on its projection row (reminders included). */
export interface OpenDeadline {
  id: string;
  key: string;
  kind: string;
  dueAt: string;
  provisional?: true;
}

/** A row of `decisions` as stored. */
export interface DecisionRow {
  id: string;
  jurisdiction: string;
  title: string;
  category: string;
  summary: string | null;
  confidential: boolean;
  catalogue_item_id: string | null;
  involved_units: string[];
  status: string;
  state_value: unknown;
  version: number;
  machine_id: string;
  machine_version: number;
  profile_id: string;
  profile_version: number;
  snapshot: unknown;
  view: any;
  last_hash: string;
  open_deadlines: OpenDeadline[];
  created_at: Date;
  updated_at: Date;
}

/** A new decision's own columns; its id, version 1, last hash, state, machine and profile come from its event 1. */
export type NewDecision = Pick<
  DecisionRow,
  'title' | 'category' | 'summary' | 'confidential' | 'catalogue_item_id' | 'involved_units' | 'status' | 'snapshot' | 'view' | 'open_deadlines'
> & { at: Date };

export type NewEvent = ChainedEvent & { hash: string; jurisdiction: string };

/**
 * The projection after an accepted event, beside what its event gives (version = seq, last hash,
 * state value = state after); its open deadlines come from `DeadlineChanges`.
 */
export interface NextProjection {
  status: string;
  snapshot: unknown;
  view: unknown;
  involvedUnits: string[];
  at: Date;
}

/**
 * How an event changes the decision's open deadlines: rows to close, deadlines to open
 * (a key owed again, e.g. after a suspension, reopens its row and keeps that row's id).
 */
export interface DeadlineChanges {
  close: string[];
  kept: OpenDeadline[];
  opening: (OpenDeadline & { fireEvent: string | null })[];
}

/** Everything one accepted event writes, computed before the write. */
export interface TransitionWrite {
  event: NewEvent;
  /** the projection version the event was decided on */
  expectedVersion: number;
  projection: NextProjection;
  deadlines: DeadlineChanges;
  /** materials the event cites */
  citedMaterials: string[];
  /** notices the event raises (e.g. to the decision organ), written with it: the worker delivers them */
  notices: EventNotice[];
}

/** A notice an accepted event raises, one of a kind per event. */
export interface EventNotice {
  id: string;
  kind: string;
  message: string;
}

/** What the write did: the open deadlines as stored, and the rows to schedule. */
export interface TransitionWritten {
  openDeadlines: OpenDeadline[];
  created: ScheduledDeadline[];
}

/** A deadline row as the timer queue needs it. */
export interface ScheduledDeadline {
  id: string;
  decisionId: string;
  jurisdiction: string;
  kind: string;
  dueAt: Date;
  fireEvent: string | null;
}
