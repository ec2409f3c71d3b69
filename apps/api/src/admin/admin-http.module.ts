import { DecisionsModule } from '@app/decisions';
import { Module } from '@nestjs/common';
import { JurisdictionsController } from './jurisdictions.controller';

/** Administration over HTTP: jurisdiction settings and procedure profiles. */
@Module({ imports: [DecisionsModule], controllers: [JurisdictionsController] })
export class AdminHttpModule {}
