import { UnitRegistry } from '@app/units';
import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken } from './actor-token';
import { ActorTokenVerifier } from './actor-token.verifier';
import { AuthenticatedRequest, IS_PUBLIC_KEY, OPTIONAL_AUTH_KEY } from './auth.decorators';

/**
 * Global guard: every HTTP route needs a valid token (local HS256, or the OpenID provider's) unless
 * marked @Public() (an @OptionalAuth() route verifies a token when one is sent); the Actor lands on
 * `request.actor`. The caller's unit is registered the first time this process sees it (UnitRegistry.admit).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly logger = new Logger(JwtAuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ActorTokenVerifier,
    private readonly units: UnitRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) {
      if (!header || !this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH_KEY, targets)) return true;
    }
    request.actor = await this.tokens.verify(bearerToken(Array.isArray(header) ? header[0] : header));
    // A request never fails for its unit's registration: an event naming an unregistered unit is refused on its own (422).
    await this.units.admit(request.actor).catch((err) => this.logger.warn(`unit ${request.actor!.unit} not registered: ${(err as Error).message}`));
    return true;
  }
}
