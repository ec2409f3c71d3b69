import { TimerOutbox } from '@app/decisions';
import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * The timer outbox's signal inside one process: DecisionService notifies after commit, the
 * worker's drainer (when this process runs one) listens. Other processes' drainers find the rows
 * by polling, so a signal lost or unheard delays a timer by one poll at most.
 */
@Injectable()
export class OutboxSignal extends TimerOutbox {
  private readonly emitter = new EventEmitter();

  notify(): void {
    this.emitter.emit('written');
  }

  /** Call `listener` on every notification; returns the unsubscribe function. */
  listen(listener: () => void): () => void {
    this.emitter.on('written', listener);
    return () => this.emitter.off('written', listener);
  }
}
