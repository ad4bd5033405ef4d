import type {
  EventStore,
  StoredEvent,
  Subscription,
} from '../../../libs/event-store/src/event-store.port.js';
import type { DocChange, ReadStore, Target } from '../../../libs/read-store/src/read-store.port.js';
import type { ProjectionDefinition } from '../projection.js';
import { assertDoc, assertId } from '../../../libs/read-store/src/validation.js';
import { BatchView } from './projection-view.js';
import { InvalidChangeError } from './runner-errors.js';
import type { StallInfo } from './runner-types.js';

export interface WorkerHooks {
  /** The generation's checkpoint moved to `position` (documents and checkpoint are written). */
  advanced(position: number): void;
  /** The subscription reached the head of the log. */
  caughtUp(): void;
  stalled(stall: StallInfo): void;
}

/** Thrown out of onEvents to end the subscription once the worker has recorded its stall. */
class StallSignal extends Error {}

/**
 * Feeds one generation of one projection: its own subscription from its checkpoint (exclusive),
 * batches of at most `batchSize` events, each written with its checkpoint in one `applyBatch`.
 * On an event that evolve cannot handle it writes the good prefix of the batch and stops there.
 */
export class GenerationWorker {
  position = 0;
  caughtUp = false;
  stall: StallInfo | undefined;
  private stopped = false;
  private subscription: Subscription | undefined;
  private inFlight: Promise<unknown> = Promise.resolve();
  private readonly handles: ReadonlySet<string>;
  private readonly collections: ReadonlySet<string>;

  constructor(
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    private readonly definition: ProjectionDefinition,
    readonly target: Target,
    private readonly batchSize: number,
    private readonly hooks: WorkerHooks,
  ) {
    this.handles = new Set(definition.handles);
    this.collections = new Set(definition.collections);
  }

  /** Creates the generation (checkpoint 0) when it does not exist yet, then subscribes. */
  async start(): Promise<void> {
    const stored = await this.reads.checkpoint(this.target);
    if (stored) {
      this.position = stored.position;
    } else {
      await this.reads.applyBatch(this.target, this.definition.version, [], 0);
      this.position = 0;
    }
    if (this.definition.indexes?.length) await this.reads.ensureIndexes(this.target, this.definition.indexes);
    if (this.stopped) return;
    this.subscription = this.events.subscribe(this.position, {
      onEvents: (events) => {
        const work = this.handle(events);
        this.inFlight = work.catch(() => undefined);
        return work;
      },
      onCaughtUp: () => this.markCaughtUp(),
      onError: (error) => {
        if (error instanceof StallSignal || this.stopped || this.stall) return;
        this.markStalled({ position: this.position, eventId: '', type: '', message: messageOf(error) });
      },
    });
  }

  /** Ends the subscription and waits for the batch being written, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.inFlight;
  }

  private async handle(events: StoredEvent[]): Promise<void> {
    if (this.stopped) return;
    if (this.stall) throw new StallSignal();
    // The start position is exclusive; a store that redelivers is tolerated.
    const fresh = events.filter((event) => event.position > this.position);
    for (let i = 0; i < fresh.length && !this.stopped; i += this.batchSize) {
      await this.handleBatch(fresh.slice(i, i + this.batchSize));
    }
    // Does not rely on the adapter's onCaughtUp alone: a rebuild switches once the head is reached.
    if (!this.caughtUp && this.position >= (await this.events.headPosition())) this.markCaughtUp();
  }

  private markCaughtUp(): void {
    if (this.caughtUp || this.stopped || this.stall) return;
    this.caughtUp = true;
    this.hooks.caughtUp();
  }

  private async handleBatch(batch: StoredEvent[]): Promise<void> {
    const view = new BatchView(this.reads, this.target, this.events);
    let last = this.position;
    for (const event of batch) {
      if (this.handles.has(event.type)) {
        let changes: DocChange[];
        try {
          changes = await this.definition.evolve(event, view);
          this.checkChanges(changes);
        } catch (error) {
          // Keep what the events before this one produced, then stop at this event.
          if (last > this.position) await this.write(view, last, event);
          this.markStalled({
            position: event.position,
            eventId: event.eventId,
            type: event.type,
            message: messageOf(error),
          });
          throw new StallSignal();
        }
        view.record(changes, event.position);
      }
      last = event.position;
    }
    const first = batch[0];
    if (first) await this.write(view, last, first);
  }

  private async write(view: BatchView, position: number, blame: StoredEvent): Promise<void> {
    try {
      await this.reads.applyBatch(this.target, this.definition.version, view.changes(), position);
    } catch (error) {
      this.markStalled({
        position: blame.position,
        eventId: blame.eventId,
        type: blame.type,
        message: `read store write failed: ${messageOf(error)}`,
      });
      throw new StallSignal();
    }
    this.position = position;
    this.hooks.advanced(position);
  }

  private checkChanges(changes: unknown): asserts changes is DocChange[] {
    if (!Array.isArray(changes)) throw new InvalidChangeError('evolve must return an array of changes');
    for (const change of changes as DocChange[]) {
      if (!this.collections.has(change?.collection)) {
        throw new InvalidChangeError(`change to undeclared collection ${String(change?.collection)}`);
      }
      if (change.op !== 'put' && change.op !== 'delete') throw new InvalidChangeError('unknown change op');
      // Refused here rather than by the store, so the stall names the event at fault.
      assertId(change.id);
      if (change.op === 'put') assertDoc(change.doc);
    }
  }

  private markStalled(stall: StallInfo): void {
    if (this.stall) return;
    this.stall = stall;
    this.hooks.stalled(stall);
  }
}

function messageOf(error: unknown): string {
  // Not `instanceof Error`: errors of native modules may come from another realm.
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return (error as { message: string }).message;
  }
  return String(error);
}
