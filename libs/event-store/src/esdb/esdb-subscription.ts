import {
  START,
  excludeSystemEvents,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';

import { StoreError } from '../errors.js';
import type { StoredEvent, Subscription, SubscriptionHandlers } from '../event-store.port.js';
import { isInvalidPosition, portError, toPosition, toStoredEvent } from './esdb-mapping.js';

/** Most events handed to onEvents at once; also the client stream's high-water mark, so it can fill one. */
const MAX_BATCH = 500;

export interface ResubscribeOptions {
  /** Delay before the first resubscription; doubled on each failed one. */
  initialDelayMs: number;
  /** The longest delay between two attempts. */
  maxDelayMs: number;
}

const DEFAULTS: ResubscribeOptions = { initialDelayMs: 250, maxDelayMs: 30_000 };

/** A subscription that ends without an error (the server closed it cleanly): a drop all the same. */
class SubscriptionEndedError extends StoreError {
  constructor() {
    super('ESDB_SUBSCRIPTION_ENDED', 'the server ended the subscription without an error');
  }
}

/**
 * Catch-up subscription to $all without system events, from `after` (exclusive). Events are pulled from
 * the client's buffer in batches of up to MAX_BATCH, the next only once onEvents resolved (never
 * concurrent). Caught-up is signalled on the server's `caughtUp` message or, for servers that do not
 * send it, once the head position seen at subscribe time has been delivered.
 *
 * The client reports a dropped subscription with one 'error' (CancelledError when a node shuts down,
 * since 24.4; UnavailableError when the connection is lost) and nothing after it, or with an 'end' and
 * no error. Either way the subscription resubscribes from the last delivered event's position, after
 * 250 ms, 500 ms, … up to 30 s between attempts (reset once events flow again), and tells the caller
 * (onInterrupted per attempt, onResumed once back). It stops for good, through onError, only on what a
 * new attempt cannot change: a handler error (a poison event), an event that is not a ledger event, or a
 * start position the server refuses (InvalidPosition).
 */
export class EsdbSubscription implements Subscription {
  private sub: AllStreamSubscription | undefined;
  private closed = false;
  /** A batch is being taken or handled; `pumping` settles when it is done. */
  private busy = false;
  private pumping: Promise<void> = Promise.resolve();
  private serverCaughtUp = false;
  private signalled = false;
  private headAtStart: number | undefined;
  private position: number;
  private readonly retry: ResubscribeOptions;
  /** Failed attempts in the current outage (0: connected and making progress). */
  private attempt = 0;
  private outageSince: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: Pick<EventStoreDBClient, 'subscribeToAll'>,
    after: number,
    private readonly handlers: SubscriptionHandlers,
    private readonly headPosition: () => Promise<number>,
    private readonly onClosed: (s: EsdbSubscription) => void,
    retry: Partial<ResubscribeOptions> = {},
  ) {
    this.position = after;
    this.retry = { ...DEFAULTS, ...retry };
    this.connect();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.onClosed(this);
    const sub = this.sub;
    this.sub = undefined;
    await sub?.unsubscribe();
  }

  private connect(): void {
    this.timer = undefined;
    if (this.closed) return;
    const sub = this.client.subscribeToAll(
      {
        fromPosition: this.position === 0 ? START : toPosition(this.position),
        filter: excludeSystemEvents(),
      },
      { highWaterMark: MAX_BATCH },
    );
    this.sub = sub;
    sub.on('confirmation', () => this.resumed(sub));
    sub.on('readable', () => this.pump(sub));
    sub.on('caughtUp', () => {
      if (sub !== this.sub) return;
      this.serverCaughtUp = true;
      this.attempt = 0; // live again: the next drop starts the back-off afresh
      this.pump(sub);
    });
    sub.on('error', (error: Error) => void this.dropped(sub, error));
    sub.on('end', () => void this.dropped(sub, new SubscriptionEndedError()));
    if (!this.signalled) {
      this.headPosition().then(
        (head) => {
          this.headAtStart ??= head;
          this.pump(sub);
        },
        () => undefined, // only a fallback for servers that send no caughtUp; an outage shows on `sub`
      );
    }
  }

  private resumed(sub: AllStreamSubscription): void {
    if (sub !== this.sub || this.outageSince === undefined) return;
    this.outageSince = undefined;
    this.handlers.onResumed?.();
  }

  /** The subscription `sub` failed or ended: resubscribe after a delay, unless it cannot help. */
  private async dropped(sub: AllStreamSubscription, error: Error): Promise<void> {
    if (sub !== this.sub || this.closed) return;
    this.sub = undefined;
    void sub.unsubscribe().catch(() => undefined); // no-op when the call already ended
    if (isInvalidPosition(error)) {
      await this.fail(portError(error, { after: this.position }));
      return;
    }
    await this.pumping; // the position moves when the batch in hand is handled
    if (this.closed) return;
    this.attempt += 1;
    this.outageSince ??= new Date().toISOString();
    const retryInMs = Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** (this.attempt - 1));
    this.timer = setTimeout(() => this.connect(), retryInMs);
    this.timer.unref();
    this.handlers.onInterrupted?.({ attempt: this.attempt, retryInMs, since: this.outageSince, error });
  }

  private async fail(error: unknown): Promise<void> {
    if (this.closed) return;
    await this.close();
    this.handlers.onError?.(error);
  }

  private takeBatch(sub: AllStreamSubscription): StoredEvent[] {
    const batch: StoredEvent[] = [];
    while (batch.length < MAX_BATCH) {
      const resolved: unknown = sub.read();
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

  private pump(sub: AllStreamSubscription): void {
    if (this.busy || this.closed || sub !== this.sub) return;
    this.busy = true;
    this.pumping = this.drain(sub);
  }

  private async drain(sub: AllStreamSubscription): Promise<void> {
    try {
      while (!this.closed && sub === this.sub) {
        const batch = this.takeBatch(sub);
        const last = batch.at(-1);
        if (last) {
          await this.handlers.onEvents(batch);
          this.position = last.position;
          this.attempt = 0; // events flow again: the next drop starts the back-off afresh
          continue;
        }
        const reachedHead = this.headAtStart !== undefined && this.position >= this.headAtStart;
        if (!this.signalled && (this.serverCaughtUp || reachedHead)) {
          this.signalled = true;
          this.attempt = 0;
          this.handlers.onCaughtUp?.(this.position);
        }
        break;
      }
    } catch (error) {
      await this.fail(error);
    } finally {
      this.busy = false;
    }
  }
}
