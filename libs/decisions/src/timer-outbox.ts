/**
 * Port to the timers: an event committed new deadline rows (the transactional outbox of the
 * timers: each row is written in the same statement as its event). The worker enqueues them;
 * this only says "soon, please". It never blocks and never fails, whatever the queue store does.
 */
export abstract class TimerOutbox {
  abstract notify(): void;
}
