import type { QueueJob } from '@app/scheduling';

/** The data of a deadline's timer job. */
export interface DeadlineJob {
  deadlineId: string;
}

/**
 * The id of a deadline's timer job: the deadline id and its due time. Adding it twice is a
 * no-op; a deadline moved by newer holiday data keeps its row id but gets a new job, and the
 * old job, when it runs, finds the row not yet due (or already fired) and does nothing.
 */
export function deadlineJobId(d: { id: string; due_at: Date }): string {
  return `${d.id}@${d.due_at.getTime()}`;
}

/** The timer job of a deadline row, delayed until due. */
export function deadlineJob(d: { id: string; kind: string; due_at: Date }, now: number): QueueJob<DeadlineJob> {
  return { id: deadlineJobId(d), name: d.kind, data: { deadlineId: d.id }, delayMs: d.due_at.getTime() - now };
}
