import { DomainError } from '@app/common';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor, HumanRole } from '../../../../libs/procedure/src/actor';

export const IS_PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** A request once JwtAuthGuard has verified its token. */
export type AuthenticatedRequest = { actor?: Actor; headers: Record<string, string | string[] | undefined> };

/** Marks a route or controller as open without a token. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** Restricts a route or controller to callers holding at least one of `roles` (403 FORBIDDEN_ROLE otherwise). */
export const Roles = (...roles: HumanRole[]) => SetMetadata(ROLES_KEY, roles);

/** The verified caller of the request, as the Actor of libs/procedure. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  // Only a @Public() route can get here without one: a programming error, answered as 401.
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'This route needs an authenticated caller');
  return actor;
});
