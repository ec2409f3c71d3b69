import { APP_CONFIG, type AppConfig } from '@app/config';
import { ParticipationModule } from '@app/participation';
import { RateLimitRepository } from '@app/persistence';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { PublicWebController } from '../public-web/public-web.controller';
import { DecisionCommentsController } from './decision-comments.controller';
import { PUBLIC_COMMENT_THROTTLER } from './public-comment-throttler.guard';
import { PublicConsultationsController } from './public-consultations.controller';
import { SharedThrottlerStorage } from './shared-throttler.storage';

const MINUTE_MS = 60_000;

/** HTTP face of public participation: the public API, the staff's view of comments, and the public web page. */
@Module({
  imports: [
    ParticipationModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, RateLimitRepository],
      useFactory: (config: AppConfig, counters: RateLimitRepository) => ({
        throttlers: [{ name: PUBLIC_COMMENT_THROTTLER, ttl: MINUTE_MS, limit: config.publicCommentRateLimit }],
        // counted in PostgreSQL: the limit holds across API processes
        storage: new SharedThrottlerStorage(counters),
      }),
    }),
  ],
  controllers: [PublicConsultationsController, DecisionCommentsController, PublicWebController],
})
export class ConsultationsHttpModule {}
