import type { EventStore, Subscription, SubscriptionHandlers, SubscriptionOutage } from '@thidua/event-store';

/**
 * An event store whose subscriptions a test can cut off and restore, telling their handlers what an
 * adapter with a connection (EventStoreDB) tells them: onInterrupted per failed attempt, onResumed once
 * back. Everything else is the wrapped store's. How the EventStoreDB adapter itself gets there is tested
 * against its client stand-in (libs/event-store/src/esdb/esdb-subscription.unit.spec.ts).
 */
export class InterruptibleStore implements EventStore {
  readonly kind: EventStore['kind'];
  readonly capabilities: EventStore['capabilities'];
  private readonly live = new Set<SubscriptionHandlers>();

  constructor(private readonly inner: EventStore) {
    this.kind = inner.kind;
    this.capabilities = inner.capabilities;
  }

  /** Every open subscription reports a failed attempt (1 for the drop, then 2, 3, …). */
  interrupt(attempt: number, error: unknown = new Error('connection to the event store lost')): void {
    const outage: SubscriptionOutage = { attempt, retryInMs: 250 * 2 ** (attempt - 1), since: SINCE, error };
    for (const handlers of this.live) handlers.onInterrupted?.(outage);
  }

  resume(): void {
    for (const handlers of this.live) handlers.onResumed?.();
  }

  append: EventStore['append'] = (...args) => this.inner.append(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  readPositions: EventStore['readPositions'] = (positions) => this.inner.readPositions!(positions);
  readTagged: EventStore['readTagged'] = (tag, range) => this.inner.readTagged!(tag, range);
  countTagged: EventStore['countTagged'] = (tag, to) => this.inner.countTagged!(tag, to);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  close: EventStore['close'] = () => this.inner.close();

  subscribe(after: number, handlers: SubscriptionHandlers): Subscription {
    const inner = this.inner.subscribe(after, handlers);
    this.live.add(handlers);
    return {
      close: async () => {
        this.live.delete(handlers);
        await inner.close();
      },
    };
  }
}

/** The outage's start, as the adapter would report it. */
export const SINCE = '2025-03-01T08:00:00.000Z';
