import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { allProjections, type ProjectionDefinition } from '@thidua/projections';
import { AppModule } from './app.module.js';
import { defaultConsoleDir, setupConsole } from './console/console-routes.js';
import { corsOptions } from './common/cors.js';
import { fastifyServerOptions } from './common/fastify-options.js';
import { useJsonBodyParser } from './common/json-body.js';
import { installHttpHooks } from './common/http-hooks.js';
import type { AppConfig } from './config/app-config.js';
import { createLogger, PinoNestLogger } from './logging/logger.js';
import { Metrics } from './metrics/metrics.js';
import { setupOpenApi } from './openapi/openapi.js';
import { projectionWorkerAvailable } from './infrastructure/projection-thread.js';

export interface CreateAppOptions {
  /** Projection definitions to run (default: allProjections). Tests inject their own. */
  projections?: ProjectionDefinition[];
  /** A pino logger (default: JSON to stdout at config.logLevel). */
  logger?: Logger;
  /** Extra modules mounted beside the features (tests). */
  imports?: Array<Type | DynamicModule>;
  /** The built console served at /console (default: apps/console/dist, through its package). */
  consoleDir?: string;
}

/**
 * The API, initialised and ready to listen: used by main.ts and by the e2e tests (which call
 * `app.getHttpAdapter().getInstance().ready()` and talk to `app.getHttpServer()`).
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = new Metrics({ service: 'api' });
  const adapter = new FastifyAdapter(
    fastifyServerOptions({ logger, bodyLimitBytes: config.bodyLimitBytes, trustProxy: config.trustProxy }),
  );
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config,
      metrics,
      logger,
      definitions: options.projections ?? allProjections,
      // A worker runs allProjections from the built JavaScript: not for a test's own projections.
      projectionThread:
        config.projectionThread === 'worker' && !options.projections && projectionWorkerAvailable()
          ? 'worker'
          : 'main',
      imports: options.imports ?? [],
    }),
    adapter,
    { logger: new PinoNestLogger(logger), abortOnError: false, bodyParser: false },
  );
  // Nest's body parsers are off (bodyParser: false): JSON only, UTF-8 and depth checked before parsing.
  useJsonBodyParser(app, config.bodyLimitBytes);
  if (config.corsOrigins.length > 0) app.enableCors(corsOptions(config.corsOrigins));
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  installHttpHooks(fastify, {
    metrics,
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  setupOpenApi(app);
  setupConsole(fastify, options.consoleDir ?? defaultConsoleDir(), logger);
  app.enableShutdownHooks();
  await app.init();
  return app;
}
