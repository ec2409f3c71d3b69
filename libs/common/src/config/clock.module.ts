import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '../clock';

/** The process's Clock for every module (tests override it with a FixedClock). */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}
