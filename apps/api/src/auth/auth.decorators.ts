import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor, HumanRole } from '@app/procedure';
import { localizedError } from '../http/localized-error';

export const IS_PUBLIC_KEY = 'auth:public';
export const OPTIONAL_AUTH_KEY = 'auth:optional';
export const ROLES_KEY = 'auth:roles';

/** A request once JwtAuthGuard has verified its token. */
export type AuthenticatedRequest = { actor?: Actor; headers: Record<string, string | string[] | undefined> };

/** Marks a route or controller as open without a token. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** Open without a token, but a token that is sent is verified (401 if bad) and its caller available through @OptionalActor(). */
export const OptionalAuth = () => applyDecorators(Public(), SetMetadata(OPTIONAL_AUTH_KEY, true));

/** The caller of an @OptionalAuth() route when a valid token was sent, else undefined. */
export const OptionalActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
});

/** Restricts a route or controller to callers holding at least one of `roles` (403 FORBIDDEN_ROLE otherwise). */
export const Roles = (...roles: HumanRole[]) => SetMetadata(ROLES_KEY, roles);

/** The verified caller of the request, as the Actor of libs/procedure. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  // Only a @Public() route can get here without one: a programming error, answered as 401.
  if (!actor) throw localizedError('UNAUTHENTICATED', 'ROUTE_NEEDS_ACTOR');
  return actor;
});
