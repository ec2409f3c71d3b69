import { DomainError } from '@app/common';
import { Param, ParseUUIDPipe } from '@nestjs/common';

/** A route parameter that must be a UUID (400 VALIDATION_FAILED naming it otherwise). */
export const UuidParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => DomainError.validation(`${name} must be a UUID`, name) }));
