import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../common/api-error.js';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { AuthenticationError, verifyAccessToken } from './jwt.js';
import type { Actor, Role } from './roles.js';

export const JWT_KEY = Symbol('JWT_KEY');

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
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_KEY) private readonly key: Uint8Array,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);

    const request = context.switchToHttp().getRequest<AuthRequest>();
    const actor = await this.authenticate(request.headers['authorization']);
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

  private async authenticate(header: string | string[] | undefined): Promise<Actor> {
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim()) : null;
    try {
      if (!match?.[1]) throw new AuthenticationError('UNAUTHENTICATED', 'a Bearer token is required');
      return await verifyAccessToken(this.key, match[1]);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        throw new ApiError(401, error.code, error.message, undefined, { 'www-authenticate': 'Bearer' });
      }
      throw error;
    }
  }
}
