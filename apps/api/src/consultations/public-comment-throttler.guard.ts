import { DomainError } from '@app/common';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';

/** Name of the throttler of public comments (PUBLIC_COMMENT_RATE_LIMIT per client IP and minute). */
export const PUBLIC_COMMENT_THROTTLER = 'public-comment';

/**
 * Rate limit per client IP on the public comment route, counted in PostgreSQL so that it holds across
 * API processes (SharedThrottlerStorage). The IP is Express's `req.ip`: set TRUST_PROXY behind a reverse
 * proxy, and only then, so a forged X-Forwarded-For buys nothing. Refusals leave in our error model,
 * 429 TOO_MANY_REQUESTS, with a standard Retry-After.
 */
@Injectable()
export class PublicCommentThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    throw new DomainError('TOO_MANY_REQUESTS', '提交意见过于频繁，请稍后再试');
  }
}
