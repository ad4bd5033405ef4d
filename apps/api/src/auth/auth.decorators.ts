import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ROLES, type Actor, type Role } from './roles.js';

export const PUBLIC_KEY = 'thidua:public';
export const ROLES_KEY = 'thidua:roles';

/** Reachable without a token. The guard denies every route that has neither this nor @Roles. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Reachable with a valid token whose role is one of these (403 for the others, when some are left out). */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  const everyRole = ROLES.every((role) => roles.includes(role));
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no token, bad signature or expired token' }),
    ...(everyRole
      ? []
      : [
          ApiForbiddenResponse({ description: `FORBIDDEN: role not allowed (allowed: ${roles.join(', ')})` }),
        ]),
  );
}

/** Every role: for reads open to any authenticated caller. */
export const ANY_ROLE: Role[] = [...ROLES];

/** The actor from the verified token (set by AuthGuard): the only source of `metadata.actor`. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without @Roles');
  return actor;
});
