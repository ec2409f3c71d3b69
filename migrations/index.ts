import { InitialSchema1732400000000 } from './1732400000000-initial-schema';
import { Notifications1732500000000 } from './1732500000000-notifications';
import { MaterialCitations1732600000000 } from './1732600000000-material-citations';
import { Catalogues1732700000000 } from './1732700000000-catalogues';
import { PublicComments1732800000000 } from './1732800000000-public-comments';
import { ProvisionalDeadlines1733000000000 } from './1733000000000-provisional-deadlines';
import { NotificationClaims1733100000000 } from './1733100000000-notification-claims';
import { OpenDeadlinesOnProjection1733200000000 } from './1733200000000-open-deadlines-on-projection';
import { DeadlineOutbox1733300000000 } from './1733300000000-deadline-outbox';
import { EventEnvelope1733400000000 } from './1733400000000-event-envelope';
import { Units1733600000000 } from './1733600000000-units';
import { CommentMarks1733610000000 } from './1733610000000-comment-marks';
import { OrganNotices1733620000000 } from './1733620000000-organ-notices';
import { RateLimits1733630000000 } from './1733630000000-rate-limits';
import { CalendarNotices1733800000000 } from './1733800000000-calendar-notices';
import { LeastPrivilege1733900000000 } from './1733900000000-least-privilege';
import { Checkpoints1733950000000 } from './1733950000000-checkpoints';
import { WebhookSecrets1734000000000 } from './1734000000000-webhook-secrets';
import { MaterialChunks1734050000000 } from './1734050000000-material-chunks';
import { StatisticsIndex1734100000000 } from './1734100000000-statistics-index';

/** Every migration, oldest first. Listed explicitly so ts (tests) and js (dist) load the same set. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity and migration classes
export const MIGRATIONS: Function[] = [
  InitialSchema1732400000000,
  Notifications1732500000000,
  MaterialCitations1732600000000,
  Catalogues1732700000000,
  PublicComments1732800000000,
  ProvisionalDeadlines1733000000000,
  NotificationClaims1733100000000,
  OpenDeadlinesOnProjection1733200000000,
  DeadlineOutbox1733300000000,
  EventEnvelope1733400000000,
  Units1733600000000,
  CommentMarks1733610000000,
  OrganNotices1733620000000,
  RateLimits1733630000000,
  CalendarNotices1733800000000,
  LeastPrivilege1733900000000,
  Checkpoints1733950000000,
  WebhookSecrets1734000000000,
  MaterialChunks1734050000000,
  StatisticsIndex1734100000000,
];
