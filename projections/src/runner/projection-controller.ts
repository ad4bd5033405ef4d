import type { EventStore } from '@thidua/event-store';
import type { ProjectionStatus, ReadStore, Target } from '@thidua/read-store';
import type { ProjectionDefinition } from '../projection.js';
import { type BatchLimits, GenerationWorker, type RetryPolicy } from './generation-worker.js';
import { ProjectionStalledError, RunnerStateError } from './runner-errors.js';
import type { OutageInfo, RunnerLogger, StallInfo } from './runner-types.js';
import type { RuntimeStatusDraft } from './status-publisher.js';

type Progress = (position: number, head: number) => void;

/** The generation being served. `worker` is absent while an old-version generation is kept frozen. */
interface Serving {
  generation: number;
  worker: GenerationWorker | undefined;
  frozenPosition: number;
}

/** A generation built beside the served one; it replaces it once it has caught up with the head. */
interface Build {
  worker: GenerationWorker;
  progress: Set<Progress>;
  /** Progress reports in order; all are delivered before the switch. */
  reporting: Promise<void>;
  done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
  switching: boolean;
}

export interface ControllerContext {
  events: EventStore;
  /** The generations' subscriptions (catch-up reads shared between them). */
  feed: Pick<EventStore, 'subscribe'>;
  reads: ReadStore;
  /** When a generation's batch is written (events, documents held). */
  batch: BatchLimits;
  logger: RunnerLogger;
  /** Delay before a generation replaced by a switch is dropped (0: at once). */
  retireAfterMs: number;
  /** Back-off after a storage error. */
  retry: RetryPolicy;
  /** Something that waitFor cares about changed (a checkpoint, a switch, a stall). */
  changed(): void;
}

/** Lifecycle of one projection: serve a generation, build a new one beside it, switch, drop the old. */
export class ProjectionController {
  private serving: Serving | undefined;
  private build: Build | undefined;
  private running = false;
  private switching: Promise<void> = Promise.resolve();
  /** A rebuild between its request and the start of its build (two requests share one build). */
  private preparing: Promise<void> | undefined;
  /** Replaced generations still readable for a while (retireAfterMs), by generation. */
  private readonly retiring = new Map<number, NodeJS.Timeout>();
  /** Drops run one after another; stop() waits for them. */
  private dropping: Promise<void> = Promise.resolve();

  constructor(
    readonly definition: ProjectionDefinition,
    private readonly ctx: ControllerContext,
  ) {}

  get name(): string {
    return this.definition.name;
  }

  async start(): Promise<void> {
    const { reads } = this.ctx;
    this.running = true;
    const name = this.name;
    const active = await reads.activeGeneration(name);
    const generations = await reads.generations(name);
    const checkpoint =
      active === null ? null : await reads.checkpoint({ projection: name, generation: active });

    if (active !== null && checkpoint && checkpoint.version === this.definition.version) {
      // Leftovers of a rebuild that did not finish: it is started again on demand, from 0.
      for (const g of generations) if (g !== active) await reads.drop({ projection: name, generation: g });
      await this.serve(active);
      return;
    }
    if (active === null) {
      for (const g of generations) await reads.drop({ projection: name, generation: g });
      const generation = Math.max(0, ...generations) + 1;
      await this.serve(generation);
      await reads.activate(name, generation);
      return;
    }
    // The served generation was built by another version: keep serving it frozen, build the new one
    // beside it (resuming a build of this version left by an earlier run).
    this.serving = { generation: active, worker: undefined, frozenPosition: checkpoint?.position ?? 0 };
    let resume: number | undefined;
    for (const g of generations) {
      if (g === active) continue;
      const cp = await reads.checkpoint({ projection: name, generation: g });
      if (cp?.version === this.definition.version && resume === undefined) resume = g;
      else await reads.drop({ projection: name, generation: g });
    }
    this.ctx.logger.info(
      { projection: name, from: checkpoint?.version, to: this.definition.version, resume },
      'projection version changed: building a new generation',
    );
    const done = this.startBuild(resume ?? Math.max(active, ...generations) + 1);
    done.catch(() => undefined); // reported through status
  }

  async stop(): Promise<void> {
    this.running = false;
    const build = this.build;
    await Promise.all([this.serving?.worker?.stop(), build?.worker.stop()]);
    await this.switching;
    if (build && !build.switching) {
      build.reject(new RunnerStateError(`runner stopped before the rebuild of ${this.name} finished`));
      this.build = undefined;
    }
    for (const [generation, timer] of this.retiring) {
      clearTimeout(timer);
      void this.drop(generation);
    }
    await this.dropping;
    this.ctx.changed();
  }

  /** Builds a new generation from position 0, switches to it when it reaches the head, drops the old one. */
  rebuild(onProgress?: Progress): Promise<void> {
    if (!this.running || !this.serving) throw new RunnerStateError('the runner is not started');
    if (this.preparing) return this.preparing.then(() => this.rebuild(onProgress));
    if (this.build && !this.build.worker.stall) {
      if (onProgress) this.build.progress.add(onProgress);
      return this.build.done;
    }
    const previous = this.build;
    this.build = undefined;
    // Wrapped so the promise settles when the build has started, not when it is done.
    const prepared = (async (): Promise<{ done: Promise<void> }> => {
      if (previous) {
        await previous.worker.stop();
        await this.ctx.reads.drop(previous.worker.target);
      }
      const generations = await this.ctx.reads.generations(this.name);
      const generation = Math.max(this.serving?.generation ?? 0, ...generations) + 1;
      return { done: this.startBuild(generation, onProgress) };
    })();
    const preparing = prepared.then(
      () => undefined,
      () => undefined,
    );
    this.preparing = preparing;
    void preparing.then(() => {
      if (this.preparing === preparing) this.preparing = undefined;
    });
    return prepared.then(({ done }) => done);
  }

  target(): Target {
    if (!this.serving) throw new RunnerStateError('the runner is not started');
    return { projection: this.name, generation: this.serving.generation };
  }

  /** Checkpoint of the served generation. */
  position(): number {
    if (!this.serving) return 0;
    return this.serving.worker ? this.serving.worker.position : this.serving.frozenPosition;
  }

  /** True when the served position can no longer move without a restart. */
  blocked(): boolean {
    if (!this.running) return true;
    const stops = (worker: GenerationWorker): boolean =>
      worker.stall !== undefined && worker.stall.retrying !== true;
    if (this.serving?.worker) return stops(this.serving.worker);
    return this.build === undefined || stops(this.build.worker);
  }

  /** The record followers read (see StatusPublisher). */
  runtimeStatus(): RuntimeStatusDraft {
    const report = this.report();
    return {
      projection: this.name,
      status: report.status,
      generation: report.generation,
      blocked: (report.status === 'stalled' || report.status === 'integrity-failure') && this.blocked(),
      ...(report.error ? { error: report.error } : {}),
      ...(report.outage ? { outage: report.outage } : {}),
      ...(report.rebuild ? { rebuildGeneration: report.rebuild.generation } : {}),
    };
  }

  report(): {
    generation: number;
    status: ProjectionStatus;
    position: number;
    error?: StallInfo;
    outage?: OutageInfo;
    rebuild?: { generation: number; position: number };
  } {
    const worker = this.serving?.worker;
    const error = worker?.stall ?? this.build?.worker.stall;
    const outage = this.running ? (worker?.outage ?? this.build?.worker.outage) : undefined;
    let status: ProjectionStatus;
    if (!this.running || !this.serving) status = 'stopped';
    else if (error) status = error.integrity ? 'integrity-failure' : 'stalled';
    else if (this.build) status = 'rebuilding';
    else if (!worker?.caughtUp) status = 'catching-up';
    else status = 'running';
    return {
      generation: this.serving?.generation ?? 0,
      status,
      position: this.position(),
      ...(error ? { error } : {}),
      ...(outage ? { outage } : {}),
      ...(this.build
        ? {
            rebuild: {
              generation: this.build.worker.target.generation,
              position: this.build.worker.position,
            },
          }
        : {}),
    };
  }

  private async serve(generation: number): Promise<void> {
    const worker = this.worker(generation, {
      caughtUp: () => {
        this.ctx.logger.info(
          { projection: this.name, generation, position: worker.position },
          'projection caught up',
        );
        this.ctx.changed();
      },
    });
    this.serving = { generation, worker, frozenPosition: 0 };
    await worker.start();
  }

  private startBuild(generation: number, onProgress?: Progress): Promise<void> {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const worker = this.worker(generation, {
      advanced: (position) => {
        if (build.progress.size === 0) return;
        build.reporting = build.reporting
          .then(() => this.ctx.events.headPosition())
          .then((head) => build.progress.forEach((progress) => progress(position, Math.max(head, position))))
          .catch((error: unknown) =>
            this.ctx.logger.error({ projection: this.name, err: error }, 'progress report failed'),
          );
      },
      caughtUp: () => {
        if (build.switching || this.build !== build) return;
        build.switching = true;
        const switched = build.reporting.then(() => this.switchTo(build));
        this.switching = switched.catch(() => undefined);
        switched.then(build.resolve, build.reject);
      },
      stalled: (stall) => build.reject(new ProjectionStalledError(this.name, stall)),
    });
    const build: Build = {
      worker,
      progress: new Set(onProgress ? [onProgress] : []),
      reporting: Promise.resolve(),
      done,
      resolve,
      reject,
      switching: false,
    };
    this.build = build;
    this.ctx.changed();
    this.ctx.logger.info({ projection: this.name, generation }, 'building generation');
    worker.start().catch((error: unknown) => {
      this.ctx.logger.error({ projection: this.name, generation, err: error }, 'build failed to start');
      build.reject(error);
    });
    return done;
  }

  /** The active pointer moves in one write; queries kept the old generation until then. */
  private async switchTo(build: Build): Promise<void> {
    const { reads } = this.ctx;
    const old = this.serving;
    const generation = build.worker.target.generation;
    await reads.activate(this.name, generation);
    this.serving = { generation, worker: build.worker, frozenPosition: 0 };
    this.build = undefined;
    this.ctx.changed();
    this.ctx.logger.info(
      { projection: this.name, generation, position: build.worker.position, previous: old?.generation },
      'switched to the rebuilt generation',
    );
    if (old && old.generation !== generation) {
      await old.worker?.stop();
      await this.retire(old.generation);
    }
  }

  /** Drops a replaced generation, after retireAfterMs when readers may still hold its target. */
  private async retire(generation: number): Promise<void> {
    const delay = this.ctx.retireAfterMs;
    if (delay <= 0 || !this.running) {
      await this.drop(generation);
      return;
    }
    const timer = setTimeout(() => void this.drop(generation), delay);
    timer.unref();
    this.retiring.set(generation, timer);
  }

  /** Queues the drop of a generation; never rejects (a leftover is dropped on the next start). */
  private drop(generation: number): Promise<void> {
    this.retiring.delete(generation);
    this.dropping = this.dropping.then(async () => {
      try {
        await this.ctx.reads.drop({ projection: this.name, generation });
      } catch (error) {
        this.ctx.logger.error(
          { projection: this.name, generation, err: error },
          'dropping a replaced generation failed',
        );
      }
    });
    return this.dropping;
  }

  private worker(
    generation: number,
    hooks: Partial<{ advanced(position: number): void; caughtUp(): void; stalled(stall: StallInfo): void }>,
  ): GenerationWorker {
    const { events, reads, batch, logger, feed } = this.ctx;
    return new GenerationWorker(
      events,
      reads,
      this.definition,
      { projection: this.name, generation },
      batch,
      {
        advanced: (position) => {
          hooks.advanced?.(position);
          this.ctx.changed();
        },
        caughtUp: () => hooks.caughtUp?.(),
        stalled: (stall) => {
          logger.error(
            { projection: this.name, generation, ...stall },
            stall.integrity ? 'projection stopped: integrity failure' : 'projection stalled',
          );
          hooks.stalled?.(stall);
          this.ctx.changed();
        },
        connection: (outage) => {
          if (outage) {
            logger.error(
              { projection: this.name, generation, ...outage },
              'event store subscription interrupted: resubscribing',
            );
          } else {
            logger.info({ projection: this.name, generation }, 'event store subscription resumed');
          }
          this.ctx.changed();
        },
        retrying: (stall) => {
          if (stall)
            logger.error({ projection: this.name, generation, ...stall }, 'projection waits for storage');
          else logger.info({ projection: this.name, generation }, 'projection retries after a storage error');
          this.ctx.changed();
        },
      },
      feed,
      this.ctx.retry,
    );
  }
}
