import { Controller, Get, Module } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PUBLIC_KEY, ROLES_KEY, Roles } from '../apps/api/src/auth/auth.decorators.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Every handler of the app, and those with neither @Public() nor @Roles() on it or its controller. */
function routeAccess(app: NestFastifyApplication): { routes: string[]; undeclared: string[] } {
  const routes: string[] = [];
  const undeclared: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
          continue;
        const route = `${controller.name}.${name} (${String(Reflect.getMetadata(PATH_METADATA, handler))})`;
        routes.push(route);
        const declared = [PUBLIC_KEY, ROLES_KEY].some(
          (key) =>
            Reflect.getMetadata(key, handler) !== undefined ||
            Reflect.getMetadata(key, controller) !== undefined,
        );
        if (!declared) undeclared.push(route);
      }
    }
  }
  return { routes, undeclared };
}

@Controller('careless')
class CarelessController {
  @Get('declared')
  @Roles('admin')
  declared() {
    return 1;
  }

  @Get('forgotten')
  forgotten() {
    return 2;
  }
}

@Module({ controllers: [CarelessController] })
class CarelessModule {}

/**
 * The guard closes undecorated routes anyway; this names them at test time, so a feature that
 * forgot @Roles fails here rather than answering 403 in production.
 */
describe('every route of the API declares who may call it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ imports: [CarelessModule] });
  });
  afterAll(() => t.close());

  it('finds no undeclared route outside the deliberately careless probe', () => {
    const { routes, undeclared } = routeAccess(t.app);
    expect(routes.length).toBeGreaterThanOrEqual(12);
    expect(routes).toContain('CarelessController.declared (declared)');
    expect(undeclared).toEqual(['CarelessController.forgotten (forgotten)']);
  });
});
