import { Injectable } from '@nestjs/common';

/** The only source of "now" for the application; replaced in tests. Domain code gets time on the event. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
