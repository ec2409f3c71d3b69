import { DecisionsModule } from '@app/decisions';
import { Module } from '@nestjs/common';
import { CalendarController } from '../calendar/calendar.controller';
import { JurisdictionsController } from './jurisdictions.controller';

/** Administration over HTTP: jurisdiction settings, procedure profiles, the working-day calendar's notices. */
@Module({ imports: [DecisionsModule], controllers: [JurisdictionsController, CalendarController] })
export class AdminHttpModule {}
