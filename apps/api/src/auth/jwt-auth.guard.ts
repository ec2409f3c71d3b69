import { APP_CONFIG, AppConfig } from '@app/config';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken, verifyActorToken } from './actor-token';
import { AuthenticatedRequest, IS_PUBLIC_KEY, OPTIONAL_AUTH_KEY } from './auth.decorators';

/**
 * Global guard: every HTTP route needs a valid HS256 token unless marked @Public() (an @OptionalAuth() route
 * verifies a token when one is sent); the Actor lands on `request.actor`.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) {
      if (!header || !this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH_KEY, targets)) return true;
    }
    request.actor = verifyActorToken(bearerToken(Array.isArray(header) ? header[0] : header), this.config.jwtSecret);
    return true;
  }
}
