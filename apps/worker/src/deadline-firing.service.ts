import { Clock, DomainError } from '@app/common';
import { DecisionService } from '@app/decisions';
import { DeadlineRepository, type DeadlineRow } from '@app/persistence';
import { systemActor } from '@app/procedure';
import { JobHandler, type ReceivedJob } from '@app/scheduling';
import { Injectable, Logger } from '@nestjs/common';
import type { DeadlineJob } from './deadline-job';
import { randomUUID } from 'node:crypto';
import { NotificationService } from './notification.service';

export type FireOutcome = 'fired' | 'notified' | 'moot' | 'not-due' | 'already-handled';

/**
 * Fires one due deadline, exactly once however often it is asked: a system
 * event goes through DecisionService.apply with the deadline id as the
 * idempotency key; a notice is inserted once per deadline (unique key).
 */
@Injectable()
export class DeadlineFiringService {
  private readonly logger = new Logger(DeadlineFiringService.name);

  constructor(
    private readonly deadlines: DeadlineRepository,
    private readonly decisions: DecisionService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  @JobHandler('deadlines')
  async onDeadlineDue(job: ReceivedJob<DeadlineJob>): Promise<FireOutcome> {
    return this.fire(job.data.deadlineId);
  }

  async fire(deadlineId: string): Promise<FireOutcome> {
    const d = await this.deadlines.find(deadlineId);
    if (!d || d.status !== 'pending') return 'already-handled';
    if (d.due_at.getTime() > this.clock.now().getTime()) return 'not-due';
    let outcome: FireOutcome;
    if (d.fire_event) {
      outcome = await this.sendSystemEvent(d);
    } else {
      await this.notifications.raise({ id: randomUUID(), deadline: d });
      outcome = 'notified';
    }
    await this.deadlines.markFired(d.id, this.clock.now());
    return outcome;
  }

  private async sendSystemEvent(d: DeadlineRow): Promise<FireOutcome> {
    try {
      await this.decisions.apply(d.decision_id, { type: d.fire_event!, payload: { deadlineId: d.id } }, systemActor(d.jurisdiction), { idempotencyKey: d.id });
      return 'fired';
    } catch (err) {
      // The procedure moved on (e.g. the comment was closed by hand): the timer has nothing left to do.
      if (err instanceof DomainError) {
        this.logger.log(`deadline ${d.id} (${d.kind}) is moot: ${err.code}`);
        return 'moot';
      }
      throw err;
    }
  }
}
