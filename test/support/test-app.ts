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

export const TEST_SECRET = 'e2e-secret-that-is-long-enough-for-hs256!';

export interface TestApp {
  app: NestFastifyApplication;
  server: Server;
  config: AppConfig;
  dataDir: string;
  token(claims: Partial<TokenClaims> & Pick<TokenClaims, 'role'>, ttl?: string | number): Promise<string>;
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
  });
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
    close: async () => {
      await app.close();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
