import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { createEventStore } from '../../../../libs/event-store/src/index.js';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port.js';
import { createReadStore } from '../../../../libs/read-store/src/index.js';
import type { ReadStore } from '../../../../libs/read-store/src/read-store.port.js';
import type { ProjectionDefinition } from '../../../../projections/src/projection.js';
import { ProjectionRunner } from '../../../../projections/src/runner/index.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MeteredEventStore } from '../metrics/metered-event-store.js';
import { METRICS, type Metrics } from '../metrics/metrics.js';
import { EVENT_STORE, LOGGER, PROJECTION_DEFINITIONS, PROJECTION_RUNNER, READ_STORE } from './tokens.js';

const RUN_PROJECTIONS = Symbol('RUN_PROJECTIONS');

export interface InfrastructureOptions {
  definitions: ProjectionDefinition[];
  /** Start the runner with the app (API with PROJECTIONS_IN_PROCESS, or the projector). */
  runProjections: boolean;
}

/** Starts the projections after the app is up; on shutdown stops them before closing the stores. */
@Injectable()
class InfrastructureLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(RUN_PROJECTIONS) private readonly runProjections: boolean,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.watchProjections(() => this.runner.status());
    if (this.runProjections) await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.reads.close();
    await this.events.close();
  }
}

/** The event store, the read store and the projection runner, bound to Symbol tokens. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: PROJECTION_DEFINITIONS, useValue: options.definitions },
        { provide: RUN_PROJECTIONS, useValue: options.runProjections },
        {
          provide: EVENT_STORE,
          inject: [APP_CONFIG, METRICS],
          useFactory: async (config: AppConfig, metrics: Metrics): Promise<EventStore> => {
            const store = await createEventStore({
              dataDir: config.dataDir,
              eventstoreConnectionString: config.eventstoreConnectionString,
            });
            return new MeteredEventStore(store, metrics);
          },
        },
        {
          provide: READ_STORE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig): Promise<ReadStore> =>
            createReadStore({ dataDir: config.dataDir, mongodbUri: config.mongodbUri }),
        },
        {
          provide: PROJECTION_RUNNER,
          inject: [EVENT_STORE, READ_STORE, PROJECTION_DEFINITIONS, LOGGER],
          useFactory: (events: EventStore, reads: ReadStore, definitions: ProjectionDefinition[], logger: Logger) =>
            new ProjectionRunner(events, reads, definitions, { logger: logger.child({ component: 'projections' }) }),
        },
        InfrastructureLifecycle,
      ],
      exports: [EVENT_STORE, READ_STORE, PROJECTION_RUNNER, PROJECTION_DEFINITIONS],
    };
  }
}
