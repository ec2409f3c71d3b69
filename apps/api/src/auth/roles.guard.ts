import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HumanRole } from '@app/procedure';
import { localizedError } from '../http/localized-error';
import { AuthenticatedRequest, ROLES_KEY } from './auth.decorators';

/**
 * Global guard after JwtAuthGuard: enforces @Roles(...) on non-event endpoints. Who may send which
 * event is the procedure's business, not this guard's.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<HumanRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!required?.length) return true;
    const roles: string[] = context.switchToHttp().getRequest<AuthenticatedRequest>().actor?.roles ?? [];
    if (required.some((role) => roles.includes(role))) return true;
    throw localizedError('FORBIDDEN_ROLE', 'FORBIDDEN_ROLE_ENDPOINT', { roles: required.join(', ') });
  }
}
