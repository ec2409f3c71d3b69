import { StatisticsModule } from '@app/archive';
import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller';

/** The annual statistics over HTTP. */
@Module({ imports: [StatisticsModule], controllers: [StatisticsController] })
export class StatisticsHttpModule {}
