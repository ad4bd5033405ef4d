import type { EventStore, StoredEvent, Subscription, SubscriptionHandlers } from '@thidua/event-store';
import { LiveTail } from './live-tail.js';

export interface SharedCatchUpOptions {
  /** Events per page read from the store. */
  pageSize?: number;
  /** How many pages a reader may run ahead of a slower one it shares pages with. */
  window?: number;
  /**
   * How far (events) a slower reader may be behind for a faster one to wait for it (default 4 windows).
   * The runner passes twice its batch size: after a restart its generations resume from checkpoints up to
   * a batch apart, and readers further apart than this never meet, so each read the log on its own (a
   * resumed 1M rebuild read and checked it seven times: ≈ 4× the CPU an event of a rebuild from 0).
   */
  reach?: number;
}

/**
 * Small pages, one page ahead at most: a page lives until the slowest reader is past it, and events that
 * outlive two young-generation collections (≈ 1,000 events of a rebuild's work apart) are promoted to the
 * old generation, which V8 then lets grow to 4× what it keeps. With pages of 1,000 and a window of 4 every
 * event was promoted (measured: a third of what the rebuild promoted).
 */
const DEFAULT_PAGE = 250;
const DEFAULT_WINDOW = 1;

/**
 * Subscriptions for the generations of one runner that read the log once between them while they catch
 * up. Reading and parsing an event costs more than most projections spend on it, and on a fresh start
 * (or a rebuild of several) every projection reads the same log from the same place: here they take the
 * same pages. Pages have fixed bounds (multiples of the page size) so readers that start apart still
 * meet; a reader that gets `window` pages ahead of a slower one it could share with waits for it (one
 * process does the work of both either way, so waiting costs no time overall), but never for one too far
 * behind to share with. Once a reader finds no more events it follows the live appends with the others,
 * from one store subscription between them (LiveTail). Only for stores whose positions have no gap (SQLite), where a page's bounds are exact;
 * elsewhere every subscription is the store's own.
 *
 * Events are shared between projections: they must treat them as read-only (they always should).
 */
export class SharedCatchUp {
  private readonly pageSize: number;
  private readonly window: number;
  private readonly reach: number;
  private readonly pages = new Map<number, Promise<StoredEvent[]>>();
  private readonly readers = new Set<CatchUpReader>();
  private wakeups: Array<() => void> = [];
  /** Where readers that reached the head go on. */
  readonly live: LiveTail;
  /** Pages read from the store and pages taken from another reader's read (for tests and measurements). */
  readonly stats = { read: 0, shared: 0 };

  constructor(
    private readonly events: EventStore,
    options: SharedCatchUpOptions = {},
  ) {
    this.pageSize = options.pageSize ?? DEFAULT_PAGE;
    this.window = options.window ?? DEFAULT_WINDOW;
    this.reach = options.reach ?? 4 * this.window * this.pageSize;
    this.live = new LiveTail(events);
  }

  /** Like `events.subscribe`: catch up from `after` (exclusive), then follow live appends. */
  subscribe(after: number, handlers: SubscriptionHandlers): Subscription {
    if (!this.events.capabilities.contiguousPositions) return this.events.subscribe(after, handlers);
    const reader = new CatchUpReader(this, after, handlers);
    this.readers.add(reader);
    void reader.run();
    return reader;
  }

  /** The events after `after` up to the next page bound (empty at the head). */
  page(after: number): Promise<StoredEvent[]> {
    const cached = this.pages.get(after);
    if (cached) {
      this.stats.shared += 1;
      return cached;
    }
    this.stats.read += 1;
    const to = (Math.floor(after / this.pageSize) + 1) * this.pageSize;
    const read = this.events.readAll({ after, to, batchSize: this.pageSize });
    this.pages.set(after, read);
    // An empty page (the head) or a failed read is not kept: the next reader asks the store again.
    void read.then(
      (page) => {
        if (page.length === 0 && this.pages.get(after) === read) this.pages.delete(after);
      },
      () => {
        if (this.pages.get(after) === read) this.pages.delete(after);
      },
    );
    return read;
  }

  /** Resolves once `reader` may read its next page: it is not `window` pages ahead of a reader near it. */
  async pace(reader: CatchUpReader): Promise<void> {
    for (;;) {
      if (reader.closed || !this.holdsBack(reader)) return;
      await new Promise<void>((resolve) => this.wakeups.push(resolve));
    }
  }

  private holdsBack(reader: CatchUpReader): boolean {
    const ahead = this.window * this.pageSize;
    for (const other of this.readers) {
      const behind = reader.position - other.position;
      // Ahead of it by more than the window, yet close enough to wait for it to read the same pages.
      if (other !== reader && behind > ahead && behind <= this.reach) return true;
    }
    return false;
  }

  /** A reader moved on or left: wake the ones waiting, drop the pages every reader is past. */
  changed(): void {
    let lowest = Infinity;
    for (const r of this.readers) lowest = Math.min(lowest, r.position);
    for (const after of this.pages.keys()) if (after < lowest) this.pages.delete(after);
    // At most a few windows of pages, whatever the readers do.
    const excess = this.pages.size - 4 * this.window;
    if (excess > 0)
      [...this.pages.keys()]
        .sort((a, b) => a - b)
        .slice(0, excess)
        .forEach((k) => this.pages.delete(k));
    const wakeups = this.wakeups;
    this.wakeups = [];
    wakeups.forEach((wake) => wake());
  }

  leave(reader: CatchUpReader): void {
    if (this.readers.delete(reader)) this.changed();
  }
}

/** One subscription: shared pages while catching up, then the live tail. */
class CatchUpReader implements Subscription {
  closed = false;
  private live: Subscription | undefined;

  constructor(
    private readonly shared: SharedCatchUp,
    public position: number,
    private readonly handlers: SubscriptionHandlers,
  ) {}

  async run(): Promise<void> {
    try {
      for (;;) {
        await this.shared.pace(this);
        if (this.closed) return;
        const page = await this.shared.page(this.position);
        if (this.closed) return;
        const last = page[page.length - 1];
        if (!last) {
          // The head. Unless the tail has read past it meanwhile (then the gap is read first).
          this.live = this.shared.live.join(this.position, this.handlers);
          if (this.live) break;
          continue;
        }
        await this.handlers.onEvents(page);
        this.position = last.position;
        this.shared.changed();
        // Catch-up is synchronous SQLite work: let the event loop serve requests between pages.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      if (this.closed) return;
      await this.close();
      this.handlers.onError?.(error);
      return;
    }
    this.shared.leave(this);
    if (this.closed) void this.live?.close(); // closed from within join (its onCaughtUp)
  }

  async close(): Promise<void> {
    this.closed = true;
    this.shared.leave(this);
    await this.live?.close();
  }
}
