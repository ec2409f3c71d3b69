import { DeadlineEntity } from './deadline.entity';
import { DecisionEventEntity } from './decision-event.entity';
import { DecisionEntity } from './decision.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { JurisdictionSettingsEntity } from './jurisdiction-settings.entity';
import { MaterialEntity } from './material.entity';

export { DeadlineEntity, DecisionEventEntity, DecisionEntity, IdempotencyKeyEntity, JurisdictionSettingsEntity, MaterialEntity };

/** Every TypeORM entity of the application, registered in one place. */
export const ENTITIES: Function[] = [
  DecisionEntity,
  DecisionEventEntity,
  DeadlineEntity,
  IdempotencyKeyEntity,
  MaterialEntity,
  JurisdictionSettingsEntity,
];
