import type { Reason } from './reason';

/**
 * Every error the libraries raise on purpose. `code` is stable (API.md) and is
 * mapped to an HTTP status in exactly one place (`httpStatusFor`).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly reasons?: Reason[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what = 'resource'): DomainError {
    return new DomainError('NOT_FOUND', `${what} not found`);
  }

  static validation(message: string, field?: string): DomainError {
    return new DomainError('VALIDATION_FAILED', message, undefined, field ? { field } : undefined);
  }

  /** A guard refused: `code` is the first failed rule, `reasons` all of them. */
  static ruleViolation(reasons: Reason[]): DomainError {
    return new DomainError(reasons[0].code, reasons[0].message, reasons);
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN_ROLE: 403,
  NOT_UNDERTAKING_UNIT: 403,
  SEPARATION_OF_DUTIES: 403,
  NOT_FOUND: 404,
  MATERIAL_NOT_FOUND: 404,
  NO_CHECKPOINT: 404,
  CHECKPOINT_PENDING: 409,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  CATALOGUE_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  MATERIALS_QUOTA_EXCEEDED: 413,
  AUDIT_VERIFY_BUSY: 429,
  EXPORT_BUSY: 429,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

/** HTTP status of a domain error code; every rule code not listed is a 422. */
export function httpStatusFor(code: string): number {
  return STATUS_BY_CODE[code] ?? 422;
}
