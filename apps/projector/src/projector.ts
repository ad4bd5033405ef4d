import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { allProjections, type ProjectionDefinition } from '@thidua/projections';
import { fastifyServerOptions } from '../../api/src/common/fastify-options.js';
import type { AppConfig } from '../../api/src/config/app-config.js';
import { createLogger, PinoNestLogger } from '../../api/src/logging/logger.js';
import { Metrics } from '../../api/src/metrics/metrics.js';
import { ProjectorModule } from './projector.module.js';

/**
 * apps/projector: runs every projection (whatever PROJECTIONS_IN_PROCESS says; the API replicas
 * then run with PROJECTIONS_IN_PROCESS=false) and serves /health and /metrics on PROJECTOR_PORT.
 */
export async function createProjector(
  config: AppConfig,
  options: { projections?: ProjectionDefinition[]; logger?: Logger } = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, name: 'thi-dua-projector' });
  const metrics = new Metrics({ service: 'projector' });
  const app = await NestFactory.create<NestFastifyApplication>(
    ProjectorModule.forRoot({ config, metrics, logger, definitions: options.projections ?? allProjections }),
    new FastifyAdapter(fastifyServerOptions({ logger, requestLogging: false })),
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.init();
  return app;
}
