import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { englishFor } from './code-messages.en';
import { DEFAULT_LOCALE, localeOf } from './locale';

const MAX_DEPTH = 8;

/**
 * `value` with the message of every `reasons: [{code, message}]` inside it in English (the
 * procedure words them in Chinese). Copies what it changes: the value may be a remembered projection.
 */
export function reasonsInEnglish(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => reasonsInEnglish(item, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, child] of Object.entries(value)) {
    const next =
      key === 'reasons' && Array.isArray(child)
        ? child.map((r: unknown) => {
            const reason = r as { code?: unknown; message?: unknown };
            return typeof reason?.code === 'string' && typeof reason.message === 'string' ? { ...reason, message: englishFor(reason.code, reason.message) } : r;
          })
        : reasonsInEnglish(child, depth + 1);
    if (next !== child) (copy ??= { ...value })[key] = next;
  }
  return copy ?? value;
}

/** Global interceptor: with `Accept-Language: en`, rule texts in successful answers (blockedEvents) come in English too. */
@Injectable()
export class LocalizeReasonsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const response = http.getResponse<Response>();
    response.vary('Accept-Language');
    const locale = localeOf(http.getRequest<Request>().headers['accept-language']);
    if (locale === DEFAULT_LOCALE) return next.handle();
    response.setHeader('Content-Language', locale);
    return next.handle().pipe(map((body) => reasonsInEnglish(body)));
  }
}
