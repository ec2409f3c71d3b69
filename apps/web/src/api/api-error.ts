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

/** A rule code in words, with the API's own sentence when it says more than the general explanation. */
export function explainReason(reason: Reason): string {
  const general = t.rules[reason.code];
  if (!general) return reason.message || reason.code;
  return reason.message && !general.startsWith(reason.message.replace(/[。.]$/, '')) ? `${general}（${reason.message}）` : general;
}

/** Every sentence an error should show a person. */
export function explainError(error: unknown): string[] {
  if (error instanceof ApiError) return error.reasons.map(explainReason);
  if (error instanceof TypeError) return [t.errors.network];
  return [`${t.errors.unknown}${(error as Error)?.message ?? String(error)}`];
}
