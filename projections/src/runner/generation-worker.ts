import {
  type EventStore,
  type IntegrityFailure,
  isStorageError,
  type StoredEvent,
  type Subscription,
} from '@thidua/event-store';
import { assertDoc, assertId, type DocChange, type ReadStore, type Target } from '@thidua/read-store';
import type { ProjectionDefinition } from '../projection.js';
import { KeptDocs } from './kept-docs.js';
import { BatchView } from './projection-view.js';
import { InvalidChangeError } from './runner-errors.js';
import { WrittenKeys } from './written-keys.js';
import type { OutageInfo, StallInfo } from './runner-types.js';

export interface WorkerHooks {
  /** The generation's checkpoint moved to `position` (documents and checkpoint are written). */
  advanced(position: number): void;
  /** The subscription reached the head of the log. */
  caughtUp(): void;
  /** Stopped for good: a poison event or an integrity failure (a restart tries again). */
  stalled(stall: StallInfo): void;
  /** The subscription lost its connection (once per failed attempt) or got it back. */
  connection(outage: OutageInfo | undefined): void;
  /** Stopped by a storage error, or resumed after one (`stall` undefined): retried by itself. */
  retrying(stall: StallInfo | undefined): void;
}

/**
 * When a batch is written: after `events` events, or once it holds `docs` documents (BatchView.held),
 * whichever comes first. Most batches hold a few dozen documents; a year's end (awards, ballots, pledges:
 * every unit and cluster-year at once) held thousands per projection, all at the same time, and the full
 * collection that fell there set the heap's limit for the rest of a rebuild.
 */
export interface BatchLimits {
  events: number;
  docs: number;
}

/** Back-off after a storage error: `baseMs`, doubled per failure in a row, at most `maxMs`. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

/** The failure an IntegrityError carries (by shape: errors may cross module realms). */
function integrityFailureOf(error: unknown): IntegrityFailure | undefined {
  const e = error as { code?: unknown; failure?: IntegrityFailure } | null;
  return e?.code === 'INTEGRITY_FAILURE' && e.failure ? e.failure : undefined;
}

/** Thrown out of onEvents to end the subscription once the worker has recorded its stall. */
class StallSignal extends Error {}

/** Which event: what a stall names (the batch keeps no event itself, so the events of a page die young). */
type EventRef = Pick<StoredEvent, 'position' | 'eventId' | 'type'>;

const refOf = (e: StoredEvent): EventRef => ({ position: e.position, eventId: e.eventId, type: e.type });

/** Events evolved into one view, written together (flush, then one applyBatch with the checkpoint). */
interface OpenBatch {
  view: BatchView;
  /** Positions of the events evolve handled, in order (flush changes name one of them). */
  evolved: number[];
  /** The first event evolve handled (blamed when the flush fails). */
  firstEvolved: EventRef | undefined;
  /** First event of the batch (blamed when the write fails). */
  first: EventRef;
  /** Position of the last event of the batch, handled or not: the checkpoint it writes. */
  last: number;
  size: number;
}

/**
 * Feeds one generation of one projection: its own subscription from its checkpoint (exclusive),
 * batches of at most `limits.events` events and about `limits.docs` documents held, each written with its
 * checkpoint in one `applyBatch`.
 * While catching up on a store with contiguous positions, consecutive deliveries are joined into one
 * batch (up to the limits): the next delivery is certain to come (events up to the head exist), and
 * fewer, larger writes make a rebuild much faster. Live deliveries are written as they come.
 * On an event that evolve cannot handle it writes the good prefix of the batch and stops there.
 */
export class GenerationWorker {
  position = 0;
  caughtUp = false;
  stall: StallInfo | undefined;
  /** Set while the event store's subscription is cut off and resubscribing. */
  outage: OutageInfo | undefined;
  private stopped = false;
  private subscription: Subscription | undefined;
  private inFlight: Promise<unknown> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | undefined;
  /** Storage failures in a row (0 after a successful write). */
  private failures = 0;
  private readonly handles: ReadonlySet<string>;
  private readonly collections: ReadonlySet<string>;
  /** A batch evolved but not written yet (kept open across deliveries while catching up). */
  private open: OpenBatch | undefined;
  /** The head of the log as last read (keepOpen). */
  private knownHead = 0;
  /** Documents this worker wrote that the projection keeps (ProjectionDefinition.keep): per subscription. */
  private kept: KeptDocs | undefined;
  /** What this worker may have written, when it created the generation empty (kept across subscriptions). */
  private written: WrittenKeys | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    private readonly definition: ProjectionDefinition,
    readonly target: Target,
    private readonly limits: BatchLimits,
    private readonly hooks: WorkerHooks,
    /** Where the events come from: the store's subscription, or one that shares catch-up reads. */
    private readonly feed: Pick<EventStore, 'subscribe'> = events,
    private readonly retry: RetryPolicy = { baseMs: 500, maxMs: 30_000 },
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
      // Empty unless a generation of this number was dropped only in part (a store without transactions).
      const found = await Promise.all(
        this.definition.collections.map((c) => this.reads.find(this.target, c, { limit: 1 })),
      );
      if (found.every((docs) => docs.length === 0)) this.written = new WrittenKeys();
    }
    if (this.definition.indexes?.length) await this.reads.ensureIndexes(this.target, this.definition.indexes);
    this.subscribe();
  }

  /** From the checkpoint (exclusive): at start, and again after a storage error. */
  private subscribe(): void {
    if (this.stopped) return;
    // None carried over: a write that failed may have stored part of its batch (a store without
    // transactions), so the store is the truth again.
    const keep = this.definition.keep;
    this.kept = keep ? new KeptDocs(new Set(keep.collections), keep.docs, keep.keeps) : undefined;
    this.subscription = this.feed.subscribe(this.position, {
      onEvents: (events) => {
        const work = this.handle(events);
        this.inFlight = work.catch(() => undefined);
        return work;
      },
      onCaughtUp: () => this.markCaughtUp(),
      onError: (error) => {
        if (error instanceof StallSignal || this.stopped || this.stall) return;
        this.stopOn(error, { position: this.position, eventId: '', type: '' });
      },
      onInterrupted: (outage) => {
        if (this.stopped) return;
        this.outage = { since: outage.since, attempts: outage.attempt, message: messageOf(outage.error) };
        this.hooks.connection(this.outage);
      },
      onResumed: () => {
        if (this.stopped) return;
        this.outage = undefined;
        this.hooks.connection(undefined);
      },
    });
  }

  /**
   * Stops on an error at `at`: an integrity failure names its own event (status integrity-failure), a
   * storage error is retried after a back-off, anything else stalls for good.
   */
  private stopOn(error: unknown, at: Pick<StallInfo, 'position' | 'eventId' | 'type'>, note = ''): void {
    const integrity = integrityFailureOf(error);
    if (integrity) {
      this.markStalled({
        position: integrity.position ?? at.position,
        eventId: integrity.eventId ?? '',
        type: integrity.eventId === at.eventId ? at.type : '',
        message: integrity.detail + note,
        ...(integrity.streamId === undefined ? {} : { streamId: integrity.streamId }),
        ...(integrity.revision === undefined ? {} : { revision: integrity.revision }),
        integrity: true,
      });
    } else if (isStorageError(error)) {
      this.retryLater({ ...at, message: messageOf(error) + note });
    } else {
      this.markStalled({ ...at, message: messageOf(error) + note });
    }
  }

  /** Drops what is not written, waits, then subscribes again from the checkpoint. */
  private retryLater(stall: StallInfo): void {
    if (this.stall || this.stopped) return;
    this.open = undefined;
    const delay = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    this.stall = { ...stall, message: `${stall.message}; retrying in ${delay} ms`, retrying: true };
    this.hooks.retrying(this.stall);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopped) return;
      this.stall = undefined;
      this.hooks.retrying(undefined);
      this.subscribe();
    }, delay);
  }

  /**
   * Ends the subscription and waits for the batch being written, if any. A batch still open (evolved,
   * not written) is dropped: its checkpoint was not written, so the next start delivers it again.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.subscription?.close();
    await this.inFlight;
    this.open = undefined;
  }

  private async handle(events: StoredEvent[]): Promise<void> {
    if (this.stopped) return;
    if (this.stall) throw new StallSignal();
    for (const event of events) {
      if (this.stopped) return;
      // The start position is exclusive; a store that redelivers is tolerated.
      if (event.position <= (this.open?.last ?? this.position)) continue;
      this.open ??= {
        view: new BatchView(this.reads, this.target, this.events, this.kept, this.written),
        evolved: [],
        firstEvolved: undefined,
        first: refOf(event),
        last: this.position,
        size: 0,
      };
      // Most events are evolved without a promise (not handled, or a synchronous evolve): an await per
      // event and projection was a fifth of what a rebuild allocated. An async evolve's promise is awaited
      // here, once: a `then` with two closures, then an await of the promise it made, were ≈ 0.5 GB of
      // the 11 GB a 1M rebuild allocated.
      const batch = this.open;
      batch.size += 1;
      if (!this.handles.has(event.type)) batch.last = event.position;
      else {
        let changes: DocChange[] | Promise<DocChange[]>;
        try {
          changes = this.definition.evolve(event, batch.view);
          if (isPromise(changes)) changes = await changes;
        } catch (error) {
          return this.stallAt(batch, event, error); // it throws
        }
        const stalled = this.evolved(batch, event, changes);
        if (stalled) await stalled;
      }
      if (this.full(this.open) || this.definition.batchFull?.(this.open.view)) await this.commit();
    }
    if (this.open && !(await this.keepOpen(this.open))) await this.commit();
    // Does not rely on the adapter's onCaughtUp alone: a rebuild switches once the head is reached.
    if (!this.caughtUp && !this.open && this.position >= (await this.events.headPosition()))
      this.markCaughtUp();
  }

  /**
   * Whether to wait for the next delivery before writing: only while catching up, below the limits,
   * on a store whose positions have no gap (so events up to the head exist and are delivered next).
   */
  private async keepOpen(batch: OpenBatch): Promise<boolean> {
    if (this.caughtUp || this.stopped || !this.events.capabilities.contiguousPositions) return false;
    if (this.full(batch)) return false;
    // The head only moves on: asked again only once the batch reaches the head last seen.
    if (batch.last < this.knownHead) return true;
    this.knownHead = await this.events.headPosition();
    return batch.last < this.knownHead;
  }

  private full(batch: OpenBatch): boolean {
    return batch.size >= this.limits.events || batch.view.held >= this.limits.docs;
  }

  private markCaughtUp(): void {
    if (this.caughtUp || this.stopped || this.stall) return;
    this.caughtUp = true;
    this.hooks.caughtUp();
  }

  /** Records what evolve returned for `event` (checked first: an invalid change stalls at the event). */
  private evolved(batch: OpenBatch, event: StoredEvent, changes: unknown): Promise<never> | undefined {
    try {
      this.checkChanges(changes);
    } catch (error) {
      return this.stallAt(batch, event, error);
    }
    batch.view.record(changes, event.position);
    batch.evolved.push(event.position);
    batch.firstEvolved ??= refOf(event);
    batch.last = event.position;
    return undefined;
  }

  /** Keeps what the events before `event` produced (flushed and written), then stops at `event`. */
  private async stallAt(batch: OpenBatch, event: StoredEvent, error: unknown): Promise<never> {
    this.open = undefined;
    const at = { position: event.position, eventId: event.eventId, type: event.type };
    if (isStorageError(error)) {
      this.stopOn(error, at); // retried from the checkpoint: nothing of the batch is kept
      throw new StallSignal();
    }
    let note = '';
    let last = batch.last;
    if (last > this.position) {
      try {
        await this.flush(batch.view, batch.evolved);
      } catch (flushError) {
        note = ` (and the flush of the events before it failed: ${messageOf(flushError)})`;
        last = this.position; // nothing of the batch is written
      }
    }
    if (last > this.position) await this.write(batch.view, last, event);
    this.stopOn(error, at, note);
    throw new StallSignal();
  }

  /** Flushes and writes the open batch with its checkpoint. */
  private async commit(): Promise<void> {
    const batch = this.open;
    this.open = undefined;
    if (!batch) return;
    try {
      await this.flush(batch.view, batch.evolved);
    } catch (error) {
      // Stalls at the batch: nothing of it is written; a restart delivers it again from the checkpoint.
      const blame = batch.firstEvolved!;
      const range = `#${blame.position}..#${batch.evolved[batch.evolved.length - 1]!}`;
      this.stopOn(
        error,
        { position: blame.position, eventId: blame.eventId, type: blame.type },
        ` (in the flush of the batch ${range})`,
      );
      throw new StallSignal();
    }
    await this.write(batch.view, batch.last, batch.first);
  }

  /**
   * The projection's per-batch changes (ProjectionDefinition.flush), recorded at the position of the
   * event that produced each: the one the change names, else the last event evolve handled.
   */
  private async flush(view: BatchView, evolved: readonly number[]): Promise<void> {
    const lastEvolved = evolved[evolved.length - 1];
    if (!this.definition.flush || lastEvolved === undefined) return;
    const changes = await this.definition.flush(view);
    this.checkChanges(changes);
    for (const change of changes) {
      const position = change.position ?? lastEvolved;
      if (!includesSorted(evolved, position)) {
        throw new InvalidChangeError(
          `flush change to ${change.collection}/${change.id} names position ${position}, not an event of the batch`,
        );
      }
    }
    for (const change of changes) view.record([change], change.position ?? lastEvolved);
  }

  private async write(view: BatchView, position: number, blame: EventRef): Promise<void> {
    const changes = view.changes();
    const kept = this.kept;
    // Before the write is tried: whatever part of it the store may keep is then known.
    if (this.written) for (const change of changes) this.written.add(change.collection, change.id);
    try {
      // Live batches of the runner's projections come from one read of the log (LiveTail): one transaction.
      await this.reads.applyBatch(this.target, this.definition.version, changes, position, {
        group: this.caughtUp,
      });
    } catch (error) {
      this.stopOn(isStorageError(error) ? error : new Error(`read store write failed: ${messageOf(error)}`), {
        position: blame.position,
        eventId: blame.eventId,
        type: blame.type,
      });
      throw new StallSignal();
    }
    // Only what was committed, and not into the set of a later subscription.
    if (kept === this.kept) kept?.wrote(changes, position);
    this.failures = 0;
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

/**
 * Whether `sorted` (ascending) holds `value`, by bisection. For the positions a batch evolved (up to a
 * batch's 5,000): a Set of them for each flush was ≈ 1 % of what a rebuild allocated.
 */
export function includesSorted(sorted: readonly number[], value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = sorted[middle]!;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
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
