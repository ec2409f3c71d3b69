import type { QueueJob } from '@app/scheduling';

/** The data of a deadline's timer job. */
export interface DeadlineJob {
  deadlineId: string;
}

/** The timer job of a deadline row: its id is the deadline id (adding it twice is a no-op), delayed until due. */
export function deadlineJob(d: { id: string; kind: string; due_at: Date }, now: number): QueueJob<DeadlineJob> {
  return { id: d.id, name: d.kind, data: { deadlineId: d.id }, delayMs: d.due_at.getTime() - now };
}
