import type { StoredEvent, Subscription, SubscriptionHandlers } from '../event-store.port.js';

export interface BatchSource {
  /** Events with position > after, in order, at most `limit`. Synchronous: SQLite reads are. */
  readBatch(after: number, limit: number): StoredEvent[];
}

/**
 * Catch-up-then-live subscription over the SQLite log. One loop per subscription delivers batches
 * strictly in order and never concurrently. While idle it sleeps until an append in this process
 * wakes it, or for `pollIntervalMs` to notice appends made by other processes on the same file.
 */
export class SqliteSubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly source: BatchSource,
    after: number,
    private readonly handlers: SubscriptionHandlers,
    private readonly pollIntervalMs: number,
    private readonly batchSize: number,
    private readonly onClosed: (sub: SqliteSubscription) => void,
  ) {
    void this.run(after);
  }

  /** New events were committed in this process. */
  notify(): void {
    const wake = this.wake;
    if (wake) wake();
  }

  /** No onEvents call starts after close(); an in-flight one is not awaited (it may be the caller). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notify();
    this.onClosed(this);
  }

  private async run(after: number): Promise<void> {
    let position = after;
    let caughtUp = false;
    try {
      while (!this.closed) {
        const batch = this.source.readBatch(position, this.batchSize);
        const last = batch[batch.length - 1];
        if (last) {
          await this.handlers.onEvents(batch);
          position = last.position;
          // Reads are synchronous: yield between batches so a long catch-up does not starve requests.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        if (!caughtUp) {
          caughtUp = true;
          this.handlers.onCaughtUp?.(position);
        }
        // Between the empty read above and arming `wake` there is no await, so no notify is missed.
        if (!this.closed) await this.sleep();
      }
    } catch (error) {
      if (!this.closed) {
        await this.close();
        this.handlers.onError?.(error);
      }
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        this.wake = null;
        resolve();
      };
      this.wake = done;
      this.timer = setTimeout(done, this.pollIntervalMs);
    });
  }
}
