import 'reflect-metadata';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { ApiError } from '../common/api-error.js';
import { Public, Roles } from './auth.decorators.js';
import { AuthGuard } from './auth.guard.js';
import { signAccessToken } from './jwt.js';
import type { Actor } from './roles.js';

const key = new TextEncoder().encode('unit-test-secret-long-enough-for-hs256');

class Routes {
  undecorated(): void {}
  @Public()
  open(): void {}
  @Roles('inspector')
  inspectorsOnly(): void {}
}

@Roles('viewer', 'admin')
class ViewerRoutes {
  read(): void {}
  @Public()
  openOverride(): void {}
}

async function run(cls: new () => object, method: string, authorization?: string) {
  const request: { headers: Record<string, string>; actor?: Actor } = {
    headers: authorization ? { authorization } : {},
  };
  const handler = (cls.prototype as Record<string, () => void>)[method]!;
  const context = new ExecutionContextHost([request, {}], cls as never, handler);
  const guard = new AuthGuard(new Reflector(), key);
  try {
    return { allowed: await guard.canActivate(context), request };
  } catch (error) {
    return { error: error as ApiError, request };
  }
}

const bearer = async (role: 'admin' | 'inspector' | 'viewer') =>
  `Bearer ${await signAccessToken(key, { sub: `${role}-x`, role })}`;

describe('AuthGuard (deny by default)', () => {
  it('closes a route that has neither @Public nor @Roles, even to an admin', async () => {
    const { error, request } = await run(Routes, 'undecorated', await bearer('admin'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.status).toBe(403);
    expect(request.actor).toBeUndefined();
  });

  it('answers 401 on an undecorated route without a token', async () => {
    const { error } = await run(Routes, 'undecorated');
    expect(error?.status).toBe(401);
    expect(error?.code).toBe('UNAUTHENTICATED');
  });

  it('opens @Public routes without a token and sets no actor', async () => {
    const { allowed, request } = await run(Routes, 'open');
    expect(allowed).toBe(true);
    expect(request.actor).toBeUndefined();
  });

  it('sets request.actor from the verified claims on an allowed role', async () => {
    const { allowed, request } = await run(Routes, 'inspectorsOnly', await bearer('inspector'));
    expect(allowed).toBe(true);
    expect(request.actor).toEqual({ id: 'inspector-x', role: 'inspector' });
  });

  it('refuses a role the route does not list', async () => {
    const { error } = await run(Routes, 'inspectorsOnly', await bearer('viewer'));
    expect(error?.status).toBe(403);
  });

  it('takes @Roles from the class, and a method-level @Public overrides it', async () => {
    expect((await run(ViewerRoutes, 'read', await bearer('viewer'))).allowed).toBe(true);
    expect((await run(ViewerRoutes, 'read', await bearer('inspector'))).error?.status).toBe(403);
    expect((await run(ViewerRoutes, 'openOverride')).allowed).toBe(true);
  });

  it('refuses a malformed Authorization header', async () => {
    const { error } = await run(Routes, 'inspectorsOnly', 'Basic dXNlcjpwYXNz');
    expect(error?.status).toBe(401);
  });
});
