import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { METRICS, type Metrics } from '../metrics/metrics.js';
import { LOGGER } from './tokens.js';

/** Process-wide values created before Nest starts (config, metrics registry, logger). */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, metrics: Metrics, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: METRICS, useValue: metrics },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [APP_CONFIG, METRICS, LOGGER],
    };
  }
}
