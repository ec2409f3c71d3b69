/** The only source of "now" for the application; replaced in tests. Domain code gets time on the event. */
export abstract class Clock {
  abstract now(): Date;
}

/** The machine's clock (bound as `{ provide: Clock, useClass: SystemClock }`). */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that says what it is told: tests and replays of a fixed instant. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }

  now(): Date {
    return new Date(this.instant);
  }

  /** Move to another instant (tests of deadlines). */
  set(instant: Date): void {
    this.instant = instant;
  }
}
