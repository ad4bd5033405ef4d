import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../common/api-error.js';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { AccessTokenVerifier, AuthenticationError } from './jwt.js';
import { RevocationList } from './revocation-list.js';
import type { Actor, Role } from './roles.js';

export const JWT_KEY = Symbol('JWT_KEY');
/** Longest accepted token lifetime, in seconds (AUTH_TOKEN_MAX_LIFETIME). */
export const TOKEN_MAX_LIFETIME = Symbol('TOKEN_MAX_LIFETIME');

interface RouteAccess {
  open: boolean;
  roles: Role[] | undefined;
}

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/**
 * Deny by default (DESIGN.md §8: unlike the NestJS docs' RolesGuard): a route is reachable only
 * if it is marked @Public() or lists its roles with @Roles(...). A route with neither answers 403
 * even to an admin, so forgetting the decorator never opens a route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly tokens: AccessTokenVerifier;
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_KEY) key: Uint8Array,
    @Optional() @Inject(TOKEN_MAX_LIFETIME) maxLifetimeSeconds?: number,
    @Optional() private readonly revocations?: RevocationList,
  ) {
    this.tokens = new AccessTokenVerifier(
      key,
      maxLifetimeSeconds === undefined ? {} : { maxLifetimeSeconds },
    );
  }

  // Synchronous on purpose: the verification is, and Nest awaits only what returns a promise.
  canActivate(context: ExecutionContext): boolean {
    const { open, roles } = this.access(context);
    if (open) return true;

    const request = context.switchToHttp().getRequest<AuthRequest>();
    const actor = this.authenticate(request.headers['authorization']);
    if (!roles || roles.length === 0) {
      throw new ApiError(403, 'FORBIDDEN', 'this route declares no roles and is closed to everyone');
    }
    if (!roles.includes(actor.role)) {
      throw new ApiError(
        403,
        'FORBIDDEN',
        `role ${actor.role} may not call this route (allowed: ${roles.join(', ')})`,
      );
    }
    request.actor = actor;
    return true;
  }

  /** The route's decorators, read once per handler (metadata does not change after bootstrap). */
  private access(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const cls = context.getClass();
    // Keyed by class and handler: a subclass controller inherits the handler with other class metadata.
    let routes = this.routes.get(cls);
    if (!routes) this.routes.set(cls, (routes = new WeakMap()));
    let access = routes.get(handler);
    if (!access) {
      const targets = [handler, cls];
      access = {
        open: this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
      };
      routes.set(handler, access);
    }
    return access;
  }

  private authenticate(header: string | string[] | undefined): Actor {
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim()) : null;
    try {
      if (!match?.[1]) throw new AuthenticationError('UNAUTHENTICATED', 'a Bearer token is required');
      const token = this.tokens.verifyToken(match[1]);
      const revoked = this.revocations?.revoked(token);
      if (revoked) {
        throw new AuthenticationError(
          'TOKEN_REVOKED',
          revoked === 'token'
            ? 'this token was revoked'
            : `the tokens of ${token.actor.id} issued until then were revoked`,
        );
      }
      return token.actor;
    } catch (error) {
      if (error instanceof AuthenticationError) {
        throw new ApiError(401, error.code, error.message, undefined, { 'www-authenticate': 'Bearer' });
      }
      throw error;
    }
  }
}
