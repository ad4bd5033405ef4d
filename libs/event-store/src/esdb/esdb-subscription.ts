import {
  START,
  excludeSystemEvents,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';

import type { StoredEvent, Subscription, SubscriptionHandlers } from '../event-store.port.js';
import { toPosition, toStoredEvent } from './esdb-mapping.js';

const MAX_BATCH = 500;

/**
 * Catch-up subscription to $all without system events. The server's start position is exclusive;
 * events at or before `after` are dropped again here all the same. Events are pulled from the client's
 * buffer in batches, so the next batch is only read once onEvents resolved (never concurrent).
 * Caught-up is signalled on the server's `caughtUp` message (22.10+ servers) or, for older servers,
 * once the head position seen at subscribe time has been delivered.
 */
export class EsdbSubscription implements Subscription {
  private readonly sub: AllStreamSubscription;
  private closed = false;
  private pumping = false;
  private serverCaughtUp = false;
  private signalled = false;
  private headAtStart: number | undefined;
  private position: number;

  constructor(
    client: EventStoreDBClient,
    after: number,
    private readonly handlers: SubscriptionHandlers,
    headPosition: () => Promise<number>,
    private readonly onClosed: (s: EsdbSubscription) => void,
  ) {
    this.position = after;
    this.sub = client.subscribeToAll({
      fromPosition: after === 0 ? START : toPosition(after),
      filter: excludeSystemEvents(),
    });
    this.sub.on('readable', () => void this.pump());
    this.sub.on('caughtUp', () => {
      this.serverCaughtUp = true;
      void this.pump();
    });
    this.sub.on('error', (error: Error) => void this.fail(error));
    headPosition().then(
      (head) => {
        this.headAtStart = head;
        void this.pump();
      },
      (error: unknown) => void this.fail(error),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClosed(this);
    await this.sub.unsubscribe();
  }

  private async fail(error: unknown): Promise<void> {
    if (this.closed) return;
    await this.close();
    this.handlers.onError?.(error);
  }

  private takeBatch(): StoredEvent[] {
    const batch: StoredEvent[] = [];
    while (batch.length < MAX_BATCH) {
      const resolved: unknown = this.sub.read();
      if (resolved === null) break;
      const event = toStoredEvent(resolved as Parameters<typeof toStoredEvent>[0]);
      if (
        event &&
        event.position > this.position &&
        (batch.length === 0 || event.position > (batch.at(-1) as StoredEvent).position)
      ) {
        batch.push(event);
      }
    }
    return batch;
  }

  private async pump(): Promise<void> {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      while (!this.closed) {
        const batch = this.takeBatch();
        const last = batch.at(-1);
        if (last) {
          await this.handlers.onEvents(batch);
          this.position = last.position;
          continue;
        }
        const reachedHead = this.headAtStart !== undefined && this.position >= this.headAtStart;
        if (!this.signalled && (this.serverCaughtUp || reachedHead)) {
          this.signalled = true;
          this.handlers.onCaughtUp?.(this.position);
        }
        break;
      }
    } catch (error) {
      await this.fail(error);
    } finally {
      this.pumping = false;
    }
  }
}
