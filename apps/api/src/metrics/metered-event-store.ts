import {
  type AppendResult,
  isStorageError,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  RevisionConflictError,
  type StoredEvent,
  type Subscription,
  type SubscriptionHandlers,
} from '@thidua/event-store';
import type { AppendOutcome, Metrics } from './metrics.js';

/** The event store with append counts and latency measured in one place (a decorator, not calls sprinkled around). */
export class MeteredEventStore implements EventStore {
  readonly kind: EventStore['kind'];
  readonly capabilities: EventStore['capabilities'];
  readonly findEvent?: EventStore['findEvent'];
  readonly readPositions?: EventStore['readPositions'];
  readonly confirmedHashes?: EventStore['confirmedHashes'];
  readonly streamRevision?: EventStore['streamRevision'];
  /** Called after each append that wrote (e.g. to wake the projection thread at once). */
  onAppended: ((position: number) => void) | undefined;
  /** The storage error of the last append, until an append or a write probe succeeds. */
  private storageError: Error | undefined;

  constructor(
    readonly inner: EventStore,
    private readonly metrics: Metrics,
  ) {
    this.kind = inner.kind;
    this.capabilities = inner.capabilities;
    // Optional in the port: offered only when the wrapped store has it.
    if (inner.findEvent) this.findEvent = (streamId, eventId) => inner.findEvent!(streamId, eventId);
    if (inner.readPositions) this.readPositions = (positions) => inner.readPositions!(positions);
    if (inner.confirmedHashes) this.confirmedHashes = (positions) => inner.confirmedHashes!(positions);
    if (inner.streamRevision) this.streamRevision = (streamId) => inner.streamRevision!(streamId);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const stop = this.metrics.appendDuration.startTimer();
    let outcome: AppendOutcome = 'error';
    try {
      const result = await this.inner.append(streamId, events, expected);
      outcome = result.duplicate ? 'duplicate' : 'ok';
      this.storageError = undefined;
      if (!result.duplicate) this.onAppended?.(result.position);
      return result;
    } catch (error) {
      if (error instanceof RevisionConflictError) outcome = 'conflict';
      if (isStorageError(error)) this.storageError = error as Error;
      throw error;
    } finally {
      stop({ outcome });
      this.metrics.appends.inc({ outcome });
    }
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    return this.inner.readAll(options);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  /**
   * For readiness: after an append failed for a storage reason, whether the storage takes a write again
   * (a tiny committed write, only while a failure is pending); undefined when it does.
   */
  async storageProblem(): Promise<Error | undefined> {
    if (!this.storageError || !this.inner.probeWrite) return this.storageError;
    try {
      await this.inner.probeWrite();
      this.storageError = undefined;
    } catch (error) {
      if (isStorageError(error)) this.storageError = error as Error;
      else throw error;
    }
    return this.storageError;
  }

  subscribe(after: number, handlers: SubscriptionHandlers): Subscription {
    return this.inner.subscribe(after, handlers);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
