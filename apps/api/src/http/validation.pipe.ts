import { DomainError } from '@app/common';
import { ValidationError, ValidationPipe } from '@nestjs/common';

interface FieldProblem {
  field: string;
  message: string;
}

function problemsOf(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // class-validator starts messages with the bare property; a nested one needs its full path.
      message: message.startsWith(error.property)
        ? field + message.slice(error.property.length)
        : message.includes(field) ? message : `${field}: ${message}`,
    }));
    return [...own, ...problemsOf(error.children ?? [], field)];
  });
}

/** DomainError VALIDATION_FAILED naming every bad field, with `details.fields` listing their paths. */
export function validationFailed(errors: ValidationError[]): DomainError {
  const problems = problemsOf(errors);
  const fields = [...new Set(problems.map((problem) => problem.field))];
  const message = problems.map((problem) => problem.message).join('; ') || 'Invalid request';
  return new DomainError('VALIDATION_FAILED', message, undefined, { fields });
}

/** The global pipe: DTOs whitelist their fields, unknown fields are refused, payloads become DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationFailed,
  });
}
