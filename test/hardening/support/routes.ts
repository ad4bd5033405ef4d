import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PUBLIC_KEY, ROLES_KEY } from '../../../apps/api/src/auth/auth.decorators.js';
import type { Role } from '../../../apps/api/src/auth/roles.js';

/** A route as the Nest router mounts it, named like OpenAPI: `POST /clusters/{clusterId}/rename`. */
export interface NestRoute {
  key: string;
  method: string;
  path: string;
  controller: string;
  handler: string;
  /** Effective access rule: @Public, @Roles (method wins over class), or none (the guard denies). */
  access: { public: true } | { roles: Role[] } | { none: true };
}

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '')
    .join('/')}`;

/** Every route of every controller the app mounted, with the access rule the guard will apply. */
export function nestRoutes(app: NestFastifyApplication): NestRoute[] {
  const routes: NestRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const paths = [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[];
        const meta = <T>(key: string): T | undefined =>
          (Reflect.getMetadata(key, handler) as T | undefined) ??
          (Reflect.getMetadata(key, controller) as T | undefined);
        const isPublic = meta<boolean>(PUBLIC_KEY) === true;
        const roles = meta<Role[]>(ROLES_KEY);
        const access: NestRoute['access'] = isPublic
          ? { public: true }
          : roles && roles.length > 0
            ? { roles }
            : { none: true };
        for (const prefix of prefixes)
          for (const path of paths) {
            const openApiPath = joinPath(prefix, path).replace(/:(\w+)/g, '{$1}');
            const verb = RequestMethod[method];
            routes.push({
              key: `${verb} ${openApiPath}`,
              method: verb,
              path: openApiPath,
              controller: controller.name,
              handler: name,
              access,
            });
          }
      }
    }
  }
  return routes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** `METHOD /path` of every operation in an OpenAPI document. */
export function openApiRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

export interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
}

export function operation(doc: OpenApiDoc, key: string): OpenApiOperation {
  const [method, path] = key.split(' ') as [string, string];
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`OpenAPI has no operation ${key}`);
  return op;
}

/** Required top-level properties of an operation's JSON body, per its OpenAPI schema. */
export function requiredBodyFields(doc: OpenApiDoc, key: string): string[] {
  const ref = operation(doc, key).requestBody?.content?.['application/json']?.schema?.$ref;
  if (!ref) return [];
  const schema = doc.components.schemas[ref.replace('#/components/schemas/', '')];
  return schema?.required ?? [];
}

export function parametersIn(doc: OpenApiDoc, key: string, where: 'query' | 'header' | 'path'): string[] {
  return (operation(doc, key).parameters ?? []).filter((p) => p.in === where).map((p) => p.name);
}
