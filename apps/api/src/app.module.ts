import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import type { ProjectionDefinition } from '@thidua/projections';
import { AdminModule } from './admin/admin.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { CommonModule } from './common/common.module.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';
import { featureModules } from './features.js';
import { HealthModule } from './health/health.module.js';
import { CoreModule } from './infrastructure/core.module.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import type { Metrics } from './metrics/metrics.js';
import { MetricsModule } from './metrics/metrics.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  metrics: Metrics;
  logger: Logger;
  definitions: ProjectionDefinition[];
  /** Where the projections run when the API runs them (see InfrastructureOptions). */
  projectionThread?: 'worker' | 'main';
  /** Extra modules (tests mount probe controllers this way). */
  imports?: Array<Type | DynamicModule>;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options.config, options.metrics, options.logger),
        InfrastructureModule.forRoot({
          definitions: options.definitions,
          runProjections: options.config.projectionsInProcess,
          projectionThread: options.projectionThread ?? 'main',
        }),
        CqrsModule.forRoot(),
        CommonModule,
        AuthModule,
        HealthModule,
        MetricsModule,
        AuditModule,
        AdminModule,
        ...featureModules,
        ...(options.imports ?? []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
