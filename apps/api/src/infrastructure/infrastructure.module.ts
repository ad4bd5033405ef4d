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
import { createEventStore, type EventStore, VerifyingEventStore } from '@thidua/event-store';
import { createReadStore, type ReadStore } from '@thidua/read-store';
import {
  type ProjectionDefinition,
  ProjectionFollower,
  type ProjectionReadView,
  ProjectionRunner,
} from '@thidua/projections';
import { SIGNING_KEY } from '../audit/audit.tokens.js';
import { loadOrCreateSigningKey, type SigningKey } from '../audit/signing-key.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { checkLogAtStart } from '../integrity/startup-check.js';
import { MeteredEventStore } from '../metrics/metered-event-store.js';
import { ProjectionThread } from './projection-thread.js';
import { METRICS, type Metrics } from '../metrics/metrics.js';
import {
  EVENT_STORE,
  LOG_INTEGRITY,
  LOGGER,
  PROJECTION_DEFINITIONS,
  PROJECTION_RUNNER,
  READ_STORE,
} from './tokens.js';

/**
 * How long a generation replaced by a rebuild stays readable: covers queries that took its target just
 * before the switch and followers (API replicas) that see the switch one refresh later.
 */
const RETIRE_AFTER_MS = 5000;

export interface InfrastructureOptions {
  definitions: ProjectionDefinition[];
  /**
   * Run the projections here (API with PROJECTIONS_IN_PROCESS, or apps/projector): PROJECTION_RUNNER is
   * a ProjectionRunner. Otherwise it is a ProjectionFollower reading what apps/projector writes.
   */
  runProjections: boolean;
  /**
   * With runProjections: on a worker thread (ProjectionThread; every projection of allProjections) or on
   * this thread (ProjectionRunner).
   */
  projectionThread?: 'worker' | 'main';
}

/** Both run their own loop: the runner its subscriptions, the follower its refresh. */
type ProjectionService = ProjectionReadView & { start(): Promise<void>; stop(): Promise<void> };

/** Starts the projections (or the follower) after the app is up; on shutdown stops them before closing the stores. */
@Injectable()
class InfrastructureLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionService,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.watchProjections(() => this.projections.status());
    await this.projections.start();
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    await this.projections.stop();
    await this.reads.close();
    await this.events.close();
    this.logger.info({ signal }, 'shut down: projections stopped, stores closed');
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
        {
          provide: SIGNING_KEY,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => loadOrCreateSigningKey(config.signingKeyFile),
        },
        {
          // Every reader of the log goes through the integrity check; the tail is checked before serving.
          provide: LOG_INTEGRITY,
          inject: [APP_CONFIG, SIGNING_KEY, LOGGER],
          useFactory: async (
            config: AppConfig,
            key: SigningKey,
            logger: Logger,
          ): Promise<VerifyingEventStore> => {
            const store = new VerifyingEventStore(
              await createEventStore({
                dataDir: config.dataDir,
                eventstoreConnectionString: config.eventstoreConnectionString,
                appendThread: config.appendThread === 'worker',
              }),
            );
            if ((store.unverified as { appendsOnThread?: boolean }).appendsOnThread)
              logger.info({ appendThread: true }, 'appends are committed on the append thread');
            await checkLogAtStart(store, config.dataDir, key, logger.child({ component: 'integrity' }));
            return store;
          },
        },
        {
          provide: EVENT_STORE,
          inject: [LOG_INTEGRITY, METRICS],
          useFactory: (store: VerifyingEventStore, metrics: Metrics): EventStore =>
            new MeteredEventStore(store, metrics),
        },
        {
          provide: READ_STORE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig): Promise<ReadStore> =>
            createReadStore({ dataDir: config.dataDir, mongodbUri: config.mongodbUri }),
        },
        {
          provide: PROJECTION_RUNNER,
          inject: [EVENT_STORE, READ_STORE, PROJECTION_DEFINITIONS, LOGGER, APP_CONFIG],
          useFactory: (
            events: EventStore,
            reads: ReadStore,
            definitions: ProjectionDefinition[],
            logger: Logger,
            config: AppConfig,
          ): ProjectionService => {
            if (options.runProjections && options.projectionThread === 'worker') {
              const follower = new ProjectionFollower(events, reads, definitions, {
                logger: logger.child({ component: 'projection-follower' }),
              });
              const thread = new ProjectionThread(
                follower,
                {
                  dataDir: config.dataDir,
                  ...(config.eventstoreConnectionString && {
                    eventstoreConnectionString: config.eventstoreConnectionString,
                  }),
                  ...(config.mongodbUri && { mongodbUri: config.mongodbUri }),
                  projections: definitions.map((d) => d.name),
                  retireAfterMs: RETIRE_AFTER_MS,
                },
                logger.child({ component: 'projections', thread: 'worker' }),
              );
              // Each append wakes the worker's subscription at once.
              if (events instanceof MeteredEventStore) events.onAppended = () => thread.appended();
              return thread;
            }
            return options.runProjections
              ? new ProjectionRunner(events, reads, definitions, {
                  logger: logger.child({ component: 'projections' }),
                  retireAfterMs: RETIRE_AFTER_MS,
                })
              : new ProjectionFollower(events, reads, definitions, {
                  logger: logger.child({ component: 'projection-follower' }),
                });
          },
        },
        InfrastructureLifecycle,
      ],
      exports: [
        EVENT_STORE,
        LOG_INTEGRITY,
        SIGNING_KEY,
        READ_STORE,
        PROJECTION_RUNNER,
        PROJECTION_DEFINITIONS,
      ],
    };
  }
}
