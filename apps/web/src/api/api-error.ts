import { t } from '../i18n';
import type { ErrorBody, Reason } from './types';

/** A refusal or failure of the API, with its error body (API.md's error model). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Partial<ErrorBody>,
  ) {
    super(body.message ?? `HTTP ${status}`);
  }

  get code(): string {
    return this.body.code ?? 'INTERNAL_ERROR';
  }

  /** The rule codes of a 422 (all of them), or the one code of another refusal. */
  get reasons(): Reason[] {
    return this.body.reasons?.length ? this.body.reasons : [{ code: this.code, message: this.body.message ?? '' }];
  }

  /** The paths of the fields a 400 names (`details.fields`). */
  get fields(): string[] {
    const fields = (this.body.details as { fields?: unknown } | undefined)?.fields;
    return Array.isArray(fields) ? fields.map(String) : [];
  }
}

/** The data of an openapi-fetch result, or its error as an ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  if (result.response.ok) return undefined as T;
  const body = (typeof result.error === 'object' && result.error !== null ? result.error : {}) as Partial<ErrorBody>;
  throw new ApiError(result.response.status, body);
}

// An API sentence that carries codes, identifiers or JSON (event types, role ids, a state value) is not for
// people to read: the console then explains the rule code itself (a Latin word is taken as such a code).
const CODE_LIKE = /[{}[\]"]|[A-Za-z_]{3,}/;

/**
 * A refusal in words: the API's own sentence (it names the figures and people of this case) when a person can
 * read it, else the console's explanation of the rule code.
 */
export function explainReason(reason: Reason): string {
  if (reason.message && !CODE_LIKE.test(reason.message)) return reason.message;
  return t.rules[reason.code] ?? `${t.errors.unknown}${reason.code}`;
}

/** Every sentence an error should show a person. */
export function explainError(error: unknown): string[] {
  if (error instanceof ApiError) return error.reasons.map(explainReason);
  if (error instanceof TypeError) return [t.errors.network];
  return [`${t.errors.unknown}${(error as Error)?.message ?? String(error)}`];
}
