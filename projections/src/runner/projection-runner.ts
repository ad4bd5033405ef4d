import type { EventStore } from '@thidua/event-store';
import {
  assertCollectionName,
  assertIndexes,
  assertProjectionName,
  type ReadStore,
  type Target,
} from '@thidua/read-store';
import type { ProjectionDefinition } from '../projection.js';
import { PositionWaiters } from './position-waiters.js';
import { SharedCatchUp } from './shared-catch-up.js';
import { ProjectionController } from './projection-controller.js';
import { RunnerStateError, UnknownProjectionError } from './runner-errors.js';
import type {
  ProjectionReadView,
  ProjectionRunnerOptions,
  ProjectionStatusReport,
  RunnerLogger,
  StallInfo,
} from './runner-types.js';
import { StatusPublisher } from './status-publisher.js';

const silent: RunnerLogger = { info: () => undefined, error: () => undefined };

/**
 * Runs projections from the event store into the read store. Each projection is independent: its
 * own subscription from its own checkpoint, so one that stalls does not hold the others back (at the
 * head they share one read of each new batch: LiveTail).
 * Status changes (stall, rebuild, switch, stop) are also written to the read store, where a
 * ProjectionFollower in another process reads them.
 */
export class ProjectionRunner implements ProjectionReadView {
  private readonly controllers = new Map<string, ProjectionController>();
  private readonly waiters = new PositionWaiters();
  private readonly publisher: StatusPublisher;
  private state: 'stopped' | 'starting' | 'started' = 'stopped';

  constructor(
    private readonly events: EventStore,
    reads: ReadStore,
    definitions: ProjectionDefinition[],
    options: ProjectionRunnerOptions = {},
  ) {
    const batchSize = options.batchSize ?? 5000;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be >= 1');
    const batchDocs = options.batchDocs ?? 1000;
    if (!Number.isSafeInteger(batchDocs) || batchDocs < 1) throw new RangeError('batchDocs must be >= 1');
    const retireAfterMs = options.retireAfterMs ?? 0;
    if (!Number.isSafeInteger(retireAfterMs) || retireAfterMs < 0) {
      throw new RangeError('retireAfterMs must be >= 0');
    }
    const logger = options.logger ?? silent;
    this.publisher = new StatusPublisher(reads, logger);
    const ctx = {
      events,
      feed: new SharedCatchUp(events, { reach: 2 * batchSize }),
      reads,
      batch: { events: batchSize, docs: batchDocs },
      logger,
      retireAfterMs,
      retry: { baseMs: options.retryBaseMs ?? 500, maxMs: options.retryMaxMs ?? 30_000 },
      changed: () => {
        this.waiters.notify();
        this.publish();
      },
    };
    for (const definition of definitions) {
      assertProjectionName(definition.name);
      definition.collections.forEach(assertCollectionName);
      assertIndexes(definition.indexes ?? []);
      if (this.controllers.has(definition.name)) {
        throw new RunnerStateError(`projection ${definition.name} is defined twice`);
      }
      this.controllers.set(definition.name, new ProjectionController(definition, ctx));
    }
  }

  async start(): Promise<void> {
    if (this.state !== 'stopped') throw new RunnerStateError('the runner is already started');
    this.state = 'starting';
    try {
      await Promise.all([...this.controllers.values()].map((controller) => controller.start()));
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.state = 'started';
    this.waiters.notify();
    this.publish();
  }

  async stop(): Promise<void> {
    const wasStarted = this.state === 'started';
    await Promise.all([...this.controllers.values()].map((controller) => controller.stop()));
    if (wasStarted) this.publish();
    this.state = 'stopped';
    this.waiters.notify();
    // The stores are closed after stop(): the last records must be written by then.
    await this.publisher.flush();
  }

  async status(): Promise<ProjectionStatusReport[]> {
    const head = await this.events.headPosition();
    return [...this.controllers.values()].map((controller) => {
      const report = controller.report();
      return {
        name: controller.name,
        version: controller.definition.version,
        ...report,
        head,
        lag: Math.max(0, head - report.position),
      };
    });
  }

  /**
   * Builds a new generation from position 0 beside the served one; resolves once queries are served
   * from it (the old generation is then dropped). Rejects if the rebuild stalls or the runner stops.
   */
  async rebuild(name: string, onProgress?: (position: number, head: number) => void): Promise<void> {
    if (this.state !== 'started') throw new RunnerStateError('the runner is not started');
    await this.controller(name).rebuild(onProgress);
  }

  /** True once every listed projection (default: all) has a served checkpoint >= `position`. */
  waitFor(position: number, timeoutMs: number, projections?: string[]): Promise<boolean> {
    const selected = (projections ?? [...this.controllers.keys()]).map((name) => this.controller(name));
    return this.waiters.wait(
      () => this.state === 'started' && selected.every((controller) => controller.position() >= position),
      () => this.state === 'stopped' || selected.some((controller) => controller.blocked()),
      timeoutMs,
    );
  }

  /** The generation queries must read for a projection. */
  target(name: string): Target {
    return this.controller(name).target();
  }

  servedPosition(name: string): number {
    return this.controller(name).position();
  }

  integrityFailure(name: string): StallInfo | undefined {
    const error = this.controller(name).report().error;
    return error?.integrity ? error : undefined;
  }

  /**
   * Each projection's record, written when it changed. Only by a started runner: once it has started
   * (not while starting) and until it has stopped, so a runner that never ran writes nothing.
   */
  private publish(): void {
    if (this.state !== 'started') return;
    for (const controller of this.controllers.values()) this.publisher.publish(controller.runtimeStatus());
  }

  private controller(name: string): ProjectionController {
    const controller = this.controllers.get(name);
    if (!controller) throw new UnknownProjectionError(name);
    return controller;
  }
}
