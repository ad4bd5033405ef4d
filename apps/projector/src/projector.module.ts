import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from 'pino';
import type { ProjectionDefinition } from '@thidua/projections';
import { AllExceptionsFilter } from '../../api/src/common/all-exceptions.filter.js';
import type { AppConfig } from '../../api/src/config/app-config.js';
import { HealthModule } from '../../api/src/health/health.module.js';
import { CoreModule } from '../../api/src/infrastructure/core.module.js';
import { InfrastructureModule } from '../../api/src/infrastructure/infrastructure.module.js';
import type { Metrics } from '../../api/src/metrics/metrics.js';
import { MetricsModule } from '../../api/src/metrics/metrics.module.js';

/** The projection runner alone, with /health and /metrics: no auth, no commands, no queries. */
@Module({})
export class ProjectorModule {
  static forRoot(options: {
    config: AppConfig;
    metrics: Metrics;
    logger: Logger;
    definitions: ProjectionDefinition[];
  }): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        CoreModule.forRoot(options.config, options.metrics, options.logger),
        InfrastructureModule.forRoot({ definitions: options.definitions, runProjections: true }),
        HealthModule,
        MetricsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
