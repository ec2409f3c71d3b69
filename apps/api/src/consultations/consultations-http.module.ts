import { APP_CONFIG, type AppConfig } from '@app/config';
import { ParticipationModule } from '@app/participation';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { PublicWebController } from '../public-web/public-web.controller';
import { DecisionCommentsController } from './decision-comments.controller';
import { PUBLIC_COMMENT_THROTTLER } from './public-comment-throttler.guard';
import { PublicConsultationsController } from './public-consultations.controller';

const MINUTE_MS = 60_000;

/** HTTP face of public participation: the public API, the staff's view of comments, and the public web page. */
@Module({
  imports: [
    ParticipationModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ throttlers: [{ name: PUBLIC_COMMENT_THROTTLER, ttl: MINUTE_MS, limit: config.publicCommentRateLimit }] }),
    }),
  ],
  controllers: [PublicConsultationsController, DecisionCommentsController, PublicWebController],
})
export class ConsultationsHttpModule {}
