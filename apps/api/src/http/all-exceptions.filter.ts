import { DomainError, httpStatusFor, Reason } from '@app/common';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { CHINESE, englishFor } from './code-messages.en';
import { render, RESOURCE_NAMES, type Message, type MessageKey } from './http-messages';
import { DEFAULT_LOCALE, localeOf, type Locale } from './locale';
import { LocalizedError } from './localized-error';
import { JsonTooDeepError, UnsafeJsonKeyError } from './safe-json';

/** The error model of API.md. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  reasons?: Reason[];
  details?: Record<string, unknown>;
}

/** What the error body may say about the request that failed (unknown routes name it). */
export interface FailedRequest {
  method?: string;
  path?: string;
}

const CODE_BY_STATUS: Record<number, [code: string, key: MessageKey]> = {
  400: ['VALIDATION_FAILED', 'BAD_REQUEST'],
  401: ['UNAUTHENTICATED', 'TOKEN_INVALID'],
  403: ['FORBIDDEN_ROLE', 'FORBIDDEN'],
  404: ['NOT_FOUND', 'ROUTE_NOT_FOUND'],
  405: ['METHOD_NOT_ALLOWED', 'METHOD_NOT_ALLOWED'],
  413: ['PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_MEDIA_TYPE'],
  429: ['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS'],
};

// Connection failures (network errors, SQLSTATE class 08, server shutting down 57P01-57P03): the
// database is away, not the request wrong. Answered 503 with Retry-After; the pool reconnects by itself.
const DB_UNAVAILABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|08...|57P0[123])$/;
function databaseUnavailable(exception: unknown): boolean {
  const e = exception as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = String(e?.driverError?.code ?? e?.code ?? '');
  return DB_UNAVAILABLE.test(code) || /Connection terminated|connection timeout|terminating connection/i.test(String(e?.message ?? ''));
}

// DomainError.notFound(what) says "<what> not found"; the resource is named in the caller's language.
function notFoundResource(error: DomainError): string {
  const what = (error.details?.resource as string | undefined) ?? /^(.+) not found$/.exec(error.message)?.[1];
  return what && Object.hasOwn(RESOURCE_NAMES, what) ? what : 'resource';
}

// The message of a DomainError in `locale`: from the catalogue when raised at the edge, else as raised
// (English from the catalogues by code); an English text raised below the edge gets a Chinese one.
function domainMessage(error: DomainError, locale: Locale): string {
  const { code, details } = error;
  if (error instanceof LocalizedError) return error.messageIn(locale);
  if (code === 'NOT_FOUND') return render(locale, { key: 'NOT_FOUND', params: { resource: RESOURCE_NAMES[notFoundResource(error)][locale] } });
  if (locale === 'en') return englishFor(code, error.message, details);
  if (CHINESE.test(error.message)) return error.message;
  const field = (details?.field as string | undefined) ?? (details?.fields as string[] | undefined)?.[0];
  if (field) return render(locale, { key: 'FIELD_INVALID', params: { field } });
  return render(locale, code === 'VALIDATION_FAILED' ? { key: 'VALIDATION_FAILED' } : { key: 'HTTP_ERROR', params: { status: httpStatusFor(code) } });
}

function domainErrorBody(error: DomainError, locale: Locale): ErrorBody {
  const { code, reasons, details } = error;
  const localReasons = reasons && locale === 'en' ? reasons.map((r) => ({ code: r.code, message: englishFor(r.code, r.message) })) : reasons;
  return { statusCode: httpStatusFor(code), code, message: domainMessage(error, locale), ...(localReasons && { reasons: localReasons }), ...(details && { details }) };
}

function httpExceptionBody(exception: HttpException, locale: Locale, request: FailedRequest): ErrorBody {
  const statusCode = exception.getStatus();
  // Other statuses get their reason phrase as code: 418 → I_M_A_TEAPOT.
  const [code, key] = CODE_BY_STATUS[statusCode] ?? [(STATUS_CODES[statusCode] ?? 'ERROR').toUpperCase().replace(/[^A-Z0-9]+/g, '_'), 'HTTP_ERROR'];
  const params = { status: statusCode, method: request.method ?? '', path: (request.path ?? '').slice(0, 200) };
  return { statusCode, code, message: render(locale, { key, params }) };
}

/** Maps any thrown value to an ErrorBody in `locale`; undefined for what is not a known client-facing error. */
export function toErrorBody(exception: unknown, locale: Locale = DEFAULT_LOCALE, request: FailedRequest = {}): ErrorBody | undefined {
  if (exception instanceof DomainError) return domainErrorBody(exception, locale);
  // Express maps body-parser failures to HttpExceptions whose cause is the parser's error.
  const cause = exception instanceof HttpException ? exception.cause : exception;
  const invalid = (message: Message) => ({ statusCode: 400, code: 'VALIDATION_FAILED', message: render(locale, message) });
  if (cause instanceof UnsafeJsonKeyError) return invalid({ key: 'UNSAFE_JSON_KEY', params: { key: cause.key } });
  if (cause instanceof JsonTooDeepError) return invalid({ key: 'JSON_TOO_DEEP', params: { max: cause.max } });
  // The parser's own text quotes the body: it is not repeated.
  if (cause instanceof SyntaxError && (cause as { status?: number }).status === 400) return invalid({ key: 'MALFORMED_JSON' });
  if (databaseUnavailable(exception)) return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: render(locale, { key: 'DATABASE_UNAVAILABLE' }) };
  if (exception instanceof HttpException) return httpExceptionBody(exception, locale, request);
  return undefined;
}

/** The one global filter: every error leaves as `{statusCode, code, message, reasons?}` in the caller's language, never with a stack. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request & { id?: string }>();
    const response = host.switchToHttp().getResponse<Response>();
    const locale = localeOf(request.headers['accept-language']);
    const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
    const body = toErrorBody(exception, locale, { method: request.method, path }) ?? {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: render(locale, { key: 'INTERNAL_ERROR' }),
    };
    if (body.statusCode >= 500) {
      // The path only: a query string may carry what the caller typed. The error goes through the redacting serializer.
      this.logger.error({ err: exception, reqId: request.id, method: request.method, path, code: body.code }, 'request failed');
    }
    if (response.headersSent) return;
    const retryAfter = exception instanceof DomainError ? exception.details?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    else if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    response.setHeader('Content-Language', locale);
    response.vary('Accept-Language');
    response.status(body.statusCode).json(body);
  }
}
