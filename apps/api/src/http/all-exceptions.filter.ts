import { DomainError, httpStatusFor, Reason } from '@app/common';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { UnsafeJsonKeyError } from './safe-json';

/** The error model of API.md. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  reasons?: Reason[];
  details?: Record<string, unknown>;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN_ROLE',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

// Other statuses get their reason phrase as code: 405 → METHOD_NOT_ALLOWED.
const codeForStatus = (status: number) =>
  CODE_BY_STATUS[status] ?? (STATUS_CODES[status] ?? 'ERROR').toUpperCase().replace(/[^A-Z0-9]+/g, '_');

function messageOf(response: string | object, fallback: string): string {
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' && message ? message : fallback;
}

// Connection failures (network errors, SQLSTATE class 08, server shutting down 57P01-57P03): the
// database is away, not the request wrong. Answered 503 with Retry-After; the pool reconnects by itself.
const DB_UNAVAILABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|08...|57P0[123])$/;
function databaseUnavailable(exception: unknown): boolean {
  const e = exception as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = String(e?.driverError?.code ?? e?.code ?? '');
  return DB_UNAVAILABLE.test(code) || /Connection terminated|connection timeout|terminating connection/i.test(String(e?.message ?? ''));
}

/** Maps any thrown value to an ErrorBody; undefined for what is not a known client-facing error. */
export function toErrorBody(exception: unknown): ErrorBody | undefined {
  if (exception instanceof DomainError) {
    const { code, message, reasons, details } = exception;
    return { statusCode: httpStatusFor(code), code, message, ...(reasons && { reasons }), ...(details && { details }) };
  }
  // Express maps body-parser failures to HttpExceptions whose cause is the parser's error.
  const cause = exception instanceof HttpException ? exception.cause : exception;
  if (cause instanceof UnsafeJsonKeyError) return { statusCode: 400, code: 'VALIDATION_FAILED', message: cause.message };
  if (cause instanceof SyntaxError && (cause as { status?: number }).status === 400) {
    return { statusCode: 400, code: 'VALIDATION_FAILED', message: `Malformed JSON body: ${cause.message}` };
  }
  if (databaseUnavailable(exception)) {
    return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; retry shortly' };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const message = messageOf(exception.getResponse(), STATUS_CODES[statusCode] ?? 'Error');
    return { statusCode, code: codeForStatus(statusCode), message };
  }
  return undefined;
}

/** The one global filter: every error leaves as `{statusCode, code, message, reasons?}`, never with a stack. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request & { id?: string }>();
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception) ?? { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' };
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, reqId: request.id, method: request.method, url: request.originalUrl }, body.message);
    }
    if (response.headersSent) return;
    if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    response.status(body.statusCode).json(body);
  }
}
