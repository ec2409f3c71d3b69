import type { ScheduledDeadline } from '@app/persistence';

export type { ScheduledDeadline };

/**
 * Port to the timer queue: called after commit with the deadlines an event
 * created. PostgreSQL stays the source of truth; a failed call here is repaired
 * by the worker's reconciler, so implementations may log and move on.
 */
export abstract class DeadlineScheduler {
  abstract schedule(deadlines: ScheduledDeadline[]): Promise<void>;
}
