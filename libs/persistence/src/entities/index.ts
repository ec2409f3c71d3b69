import { CalendarNoticeEntity } from './calendar-notice.entity';
import { CalendarVersionEntity } from './calendar-version.entity';
import { CatalogueEventEntity } from './catalogue-event.entity';
import { CommentMarkEntity } from './comment-mark.entity';
import { CatalogueItemEntity } from './catalogue-item.entity';
import { CatalogueEntity } from './catalogue.entity';
import { DeadlineEntity } from './deadline.entity';
import { DecisionEventEntity } from './decision-event.entity';
import { DecisionEntity } from './decision.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { JurisdictionSettingsEntity } from './jurisdiction-settings.entity';
import { MaterialCitationEntity } from './material-citation.entity';
import { MaterialEntity } from './material.entity';
import { NotificationEntity } from './notification.entity';
import { PublicCommentEntity } from './public-comment.entity';
import { RateLimitEntity } from './rate-limit.entity';
import { UnitEventEntity } from './unit-event.entity';
import { UnitEntity } from './unit.entity';

export {
  CalendarNoticeEntity,
  CalendarVersionEntity,
  CatalogueEntity,
  CatalogueEventEntity,
  CatalogueItemEntity,
  CommentMarkEntity,
  DeadlineEntity,
  DecisionEntity,
  DecisionEventEntity,
  IdempotencyKeyEntity,
  JurisdictionSettingsEntity,
  MaterialCitationEntity,
  MaterialEntity,
  NotificationEntity,
  PublicCommentEntity,
  RateLimitEntity,
  UnitEntity,
  UnitEventEntity,
};

/** Every TypeORM entity of the application, one per table, registered in one place. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity and migration classes
export const ENTITIES: Function[] = [
  DecisionEntity,
  DecisionEventEntity,
  DeadlineEntity,
  IdempotencyKeyEntity,
  MaterialEntity,
  MaterialCitationEntity,
  JurisdictionSettingsEntity,
  NotificationEntity,
  CatalogueEntity,
  CatalogueItemEntity,
  CatalogueEventEntity,
  PublicCommentEntity,
  CommentMarkEntity,
  RateLimitEntity,
  UnitEntity,
  UnitEventEntity,
  CalendarVersionEntity,
  CalendarNoticeEntity,
];
