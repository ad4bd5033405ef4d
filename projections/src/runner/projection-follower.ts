import type { EventStore } from '@thidua/event-store';
import {
  assertProjectionName,
  type ProjectionRuntimeStatus,
  type ProjectionStatus,
  type ReadStore,
  type Target,
} from '@thidua/read-store';
import type { ProjectionDefinition } from '../projection.js';
import { PositionWaiters } from './position-waiters.js';
import { RunnerStateError, UnknownProjectionError } from './runner-errors.js';
import type {
  ProjectionFollowerOptions,
  ProjectionReadView,
  ProjectionStatusReport,
  RunnerLogger,
  StallInfo,
} from './runner-types.js';

const silent: RunnerLogger = { info: () => undefined, error: () => undefined };

/** What the follower last read of one projection. */
interface Seen {
  /** Served generation; null before any runner has activated one. */
  generation: number | null;
  /** Checkpoint of the served generation. */
  position: number;
  /** The runner said the served checkpoint cannot move (stalled). */
  blocked: boolean;
  /** The integrity failure the runner stopped at, if any. */
  integrity?: StallInfo;
}

/**
 * The read side of projections run by another process (apps/projector; API replicas run with
 * PROJECTIONS_IN_PROCESS=false). It runs nothing: it reads the served generations, checkpoints and
 * the status records the runner writes, from the read store both share. `target()` stays synchronous:
 * a background refresh (every `refreshMs`, faster while a `waitFor` is pending) keeps what it serves
 * current, so a switch after a rebuild on the projector is seen within one refresh. The runner keeps
 * a replaced generation readable for a while (`retireAfterMs`) to cover that delay.
 */
export class ProjectionFollower implements ProjectionReadView {
  private readonly versions = new Map<string, number>();
  private readonly seen = new Map<string, Seen>();
  private readonly waiters = new PositionWaiters();
  private readonly refreshMs: number;
  private readonly waitPollMs: number;
  private readonly logger: RunnerLogger;
  private state: 'stopped' | 'started' = 'stopped';
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private failing = false;

  constructor(
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    definitions: ProjectionDefinition[],
    options: ProjectionFollowerOptions = {},
  ) {
    this.refreshMs = positive('refreshMs', options.refreshMs ?? 250);
    this.waitPollMs = positive('waitPollMs', options.waitPollMs ?? 20);
    this.logger = options.logger ?? silent;
    for (const definition of definitions) {
      assertProjectionName(definition.name);
      if (this.versions.has(definition.name)) {
        throw new RunnerStateError(`projection ${definition.name} is defined twice`);
      }
      this.versions.set(definition.name, definition.version);
    }
  }

  /** Reads the store once (so `target()` answers at once), then keeps re-reading it in the background. */
  async start(): Promise<void> {
    if (this.state === 'started') throw new RunnerStateError('the follower is already started');
    await this.readAll();
    this.state = 'started';
    this.schedule();
    this.waiters.notify();
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.timer);
    this.timer = undefined;
    await (this.next ?? this.refreshing);
    this.waiters.notify();
  }

  /**
   * Re-reads the store (the background loop does it on its own). Always a read that starts after the
   * call: one already under way may predate what the caller wants to see, so it runs after that one.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.next ??= this.refreshing.then(() => {
        this.next = undefined;
        return this.refresh();
      });
      return this.next;
    }
    this.refreshing = this.readAll()
      .then(
        () => {
          if (this.failing) this.logger.info({}, 'projection follower reads the read store again');
          this.failing = false;
        },
        (error: unknown) => {
          // Keeps serving what it saw last; logged once per outage, not every refresh.
          if (!this.failing)
            this.logger.error({ err: error }, 'projection follower cannot read the read store');
          this.failing = true;
        },
      )
      .finally(() => {
        this.refreshing = undefined;
        this.waiters.notify();
      });
    return this.refreshing;
  }

  /** Read from the stores on every call (not from the background snapshot). */
  async status(): Promise<ProjectionStatusReport[]> {
    const head = await this.events.headPosition();
    return Promise.all(
      [...this.versions].map(async ([name, version]) => {
        const [generation, record] = await Promise.all([
          this.reads.activeGeneration(name),
          this.reads.getStatus(name),
        ]);
        const checkpoint =
          generation === null ? null : await this.reads.checkpoint({ projection: name, generation });
        const position = checkpoint?.position ?? 0;
        const report: ProjectionStatusReport = {
          name,
          version,
          generation: generation ?? 0,
          status: statusOf(record, generation, position, head),
          position,
          head,
          lag: Math.max(0, head - position),
        };
        if ((record?.status === 'stalled' || record?.status === 'integrity-failure') && record.error)
          report.error = {
            ...record.error,
            ...(record.status === 'integrity-failure' ? { integrity: true } : {}),
          };
        if (record?.status !== 'stopped' && record?.outage) report.outage = { ...record.outage };
        const building = record?.rebuildGeneration;
        if (record?.status !== 'stopped' && building !== undefined && building !== generation) {
          const cp = await this.reads.checkpoint({ projection: name, generation: building });
          report.rebuild = { generation: building, position: cp?.position ?? 0 };
        }
        return report;
      }),
    );
  }

  waitFor(position: number, timeoutMs: number, projections?: string[]): Promise<boolean> {
    const names = projections ?? [...this.versions.keys()];
    for (const name of names) this.version(name);
    const result = this.waiters.wait(
      () =>
        this.state === 'started' && names.every((name) => (this.seen.get(name)?.position ?? 0) >= position),
      () => this.state === 'stopped' || names.some((name) => this.seen.get(name)?.blocked === true),
      timeoutMs,
    );
    this.hurry();
    return result;
  }

  /**
   * The served generation as last read. Before the projector has activated one, generation 0, which no
   * runner creates: reads find nothing, as they would in a projection that has applied no event yet.
   */
  target(name: string): Target {
    this.version(name);
    if (this.state !== 'started') throw new RunnerStateError('the follower is not started');
    return { projection: name, generation: this.seen.get(name)?.generation ?? 0 };
  }

  servedPosition(name: string): number {
    this.version(name);
    return this.seen.get(name)?.position ?? 0;
  }

  integrityFailure(name: string): StallInfo | undefined {
    this.version(name);
    return this.seen.get(name)?.integrity;
  }

  private version(name: string): number {
    const version = this.versions.get(name);
    if (version === undefined) throw new UnknownProjectionError(name);
    return version;
  }

  private async readAll(): Promise<void> {
    const entries = await Promise.all(
      [...this.versions.keys()].map(async (name): Promise<[string, Seen]> => {
        const [generation, record] = await Promise.all([
          this.reads.activeGeneration(name),
          this.reads.getStatus(name),
        ]);
        const checkpoint =
          generation === null ? null : await this.reads.checkpoint({ projection: name, generation });
        const integrity =
          record?.status === 'integrity-failure' && record.error
            ? { ...record.error, integrity: true }
            : undefined;
        return [
          name,
          {
            generation,
            position: checkpoint?.position ?? 0,
            blocked: record?.blocked === true,
            ...(integrity ? { integrity } : {}),
          },
        ];
      }),
    );
    for (const [name, seen] of entries) this.seen.set(name, seen);
  }

  private schedule(): void {
    if (this.state !== 'started') return;
    const delay = this.waiters.size > 0 ? this.waitPollMs : this.refreshMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh().then(() => this.schedule());
    }, delay);
    // The API's lifecycle stops the follower; the loop alone must not keep a process alive.
    this.timer.unref();
  }

  /** A waiter arrived while the loop sleeps for the long interval: re-read sooner. */
  private hurry(): void {
    if (this.state !== 'started' || this.timer === undefined || this.waiters.size === 0) return;
    clearTimeout(this.timer);
    this.schedule();
  }
}

/**
 * Status as the runner recorded it. Without a record (a runner of an older version, or none yet): from
 * the stores alone, stopped before any generation is served.
 */
function statusOf(
  record: ProjectionRuntimeStatus | null,
  generation: number | null,
  position: number,
  head: number,
): ProjectionStatus {
  if (record) return record.status;
  if (generation === null) return 'stopped';
  return position >= head ? 'running' : 'catching-up';
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be >= 1`);
  return value;
}
