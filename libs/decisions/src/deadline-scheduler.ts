/** A deadline row as the scheduler needs it. */
export interface ScheduledDeadline {
  id: string;
  decisionId: string;
  jurisdiction: string;
  kind: string;
  dueAt: Date;
  fireEvent: string | null;
}

/**
 * Port to the timer queue: called after commit with the deadlines an event
 * created. PostgreSQL stays the source of truth; a failed call here is repaired
 * by the worker's reconciler, so implementations may log and move on.
 */
export abstract class DeadlineScheduler {
  abstract schedule(deadlines: ScheduledDeadline[]): Promise<void>;
}
