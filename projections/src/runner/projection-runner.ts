import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { ReadStore, Target } from '../../../libs/read-store/src/read-store.port.js';
import {
  assertCollectionName,
  assertIndexes,
  assertProjectionName,
} from '../../../libs/read-store/src/validation.js';
import type { ProjectionDefinition } from '../projection.js';
import { PositionWaiters } from './position-waiters.js';
import { ProjectionController } from './projection-controller.js';
import { RunnerStateError, UnknownProjectionError } from './runner-errors.js';
import type { ProjectionRunnerOptions, ProjectionStatusReport, RunnerLogger } from './runner-types.js';

const silent: RunnerLogger = { info: () => undefined, error: () => undefined };

/**
 * Runs projections from the event store into the read store. Each projection is independent: its
 * own subscription from its own checkpoint, so one that stalls does not hold the others back.
 */
export class ProjectionRunner {
  private readonly controllers = new Map<string, ProjectionController>();
  private readonly waiters = new PositionWaiters();
  private state: 'stopped' | 'starting' | 'started' = 'stopped';

  constructor(
    private readonly events: EventStore,
    reads: ReadStore,
    definitions: ProjectionDefinition[],
    options: ProjectionRunnerOptions = {},
  ) {
    const batchSize = options.batchSize ?? 500;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be >= 1');
    const ctx = {
      events,
      reads,
      batchSize,
      logger: options.logger ?? silent,
      changed: () => this.waiters.notify(),
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
  }

  async stop(): Promise<void> {
    await Promise.all([...this.controllers.values()].map((controller) => controller.stop()));
    this.state = 'stopped';
    this.waiters.notify();
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

  private controller(name: string): ProjectionController {
    const controller = this.controllers.get(name);
    if (!controller) throw new UnknownProjectionError(name);
    return controller;
  }
}
