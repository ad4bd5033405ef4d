import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { ProjectionDefinition } from '@thidua/projections';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config.js';
import { signAccessToken, type TokenClaims } from '../../apps/api/src/auth/jwt.js';
import { nestRoutes } from '../hardening/support/routes.js';
import { ContractMonitor, publishedContract, type Contract } from './contract.js';
import { liveMonitors, violationsError } from './contract-guard.js';

export const TEST_SECRET = 'e2e-secret-that-is-long-enough-for-hs256!';

export interface TestApp {
  app: NestFastifyApplication;
  server: Server;
  config: AppConfig;
  dataDir: string;
  token(claims: Partial<TokenClaims> & Pick<TokenClaims, 'role'>, ttl?: string | number): Promise<string>;
  /** Sees every answer of the app and checks it against the published OpenAPI; a test fails on a violation. */
  contract: ContractMonitor;
  close(): Promise<void>;
}

/** A real API on a fresh DATA_DIR (SQLite), silent logs, ready for supertest. */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    projections?: ProjectionDefinition[];
    logger?: Logger;
    imports?: Array<Type | DynamicModule>;
    /** Reuse this DATA_DIR (e.g. to restart on the same files); it is then left in place on close. */
    dataDir?: string;
    /** The contract answers are checked against (default: the published libs/api-client/openapi.json). */
    contract?: Contract;
    /** The built console served at /console (default: apps/console/dist). */
    consoleDir?: string;
  } = {},
): Promise<TestApp> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'thidua-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await createApp(config, {
    projections: options.projections ?? [],
    ...(options.logger ? { logger: options.logger } : {}),
    imports: options.imports ?? [],
    ...(options.consoleDir !== undefined && { consoleDir: options.consoleDir }),
  });
  const contract = watchContract(app, options.contract ?? publishedContract(), options.imports ?? []);
  await app.getHttpAdapter().getInstance().ready();
  const key = new TextEncoder().encode(config.authJwtSecret ?? TEST_SECRET);
  return {
    app,
    server: app.getHttpServer() as Server,
    config,
    dataDir,
    token: (claims, ttl) =>
      signAccessToken(
        key,
        {
          sub: claims.sub ?? `${claims.role}-1`,
          role: claims.role,
          unitId:
            claims.unitId ??
            (claims.role === 'organizer' || claims.role === 'unit-officer' ? 'unit-1' : undefined),
        },
        ttl === undefined ? {} : { ttl },
      ),
    contract,
    close: async () => {
      await app.close();
      liveMonitors.delete(contract);
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      const left = contract.take();
      if (left.length > 0) throw violationsError(left);
    },
  };
}

/**
 * Checks every answer the app sends (whoever asked: supertest, inject or fetch) against the contract, in
 * Fastify's onSend hook. Routes of the test-only controllers a suite mounts are not part of it.
 */
function watchContract(
  app: NestFastifyApplication,
  contract: Contract,
  imports: Array<Type | DynamicModule>,
): ContractMonitor {
  const probes = new Set(
    imports.flatMap((module) => {
      const dynamic = 'module' in module ? module : undefined;
      const controllers = (dynamic?.controllers ??
        (Reflect.getMetadata('controllers', dynamic?.module ?? module) as Type[] | undefined) ??
        []) as Type[];
      return controllers.map((c) => c.name);
    }),
  );
  const exempt = new Set(
    nestRoutes(app)
      .filter((r) => probes.has(r.controller))
      .map((r) => r.key),
  );
  const monitor = new ContractMonitor(contract, exempt);
  liveMonitors.add(monitor);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      const url = request.routeOptions.url;
      monitor.observe({
        method: request.method,
        route: url === undefined ? null : url.replace(/:(\w+)/g, '{$1}'),
        status: reply.statusCode,
        contentType: reply.getHeader('content-type') as string | undefined,
        body:
          typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '',
      });
      done(null, payload);
    });
  return monitor;
}
