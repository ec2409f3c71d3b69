import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalidField } from './localized-error';

/** A route parameter that must be a UUID (400 VALIDATION_FAILED naming it otherwise). */
export const UuidParam = (name = 'id') => Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalidField(name, 'FIELD_UUID') }));
