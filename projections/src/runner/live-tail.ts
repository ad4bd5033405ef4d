import type { EventStore, StoredEvent, Subscription, SubscriptionHandlers } from '@thidua/event-store';

interface Member {
  /** The last event handed to it (its handler returned), or where it joined. */
  position: number;
  readonly handlers: SubscriptionHandlers;
}

/** One store subscription and the members it was opened for. */
interface Feed {
  subscription: Subscription | undefined;
  /** Position of the last event it read (handed out or being handed out). */
  read: number;
  readonly members: Set<Member>;
}

/**
 * The head of the log for every reader of a runner that has caught up. One store subscription reads each
 * new batch once (one read and one integrity check per wake-up, where each projection used to read and
 * check it again) and hands it to every member in the same turn, so their read-store writes share one
 * transaction (ReadStore.applyBatch `group`). Each member gets the events after its own position, in
 * order, never two batches at once; one whose handler fails leaves alone (its onError), as it would from
 * a subscription of its own. A failure of the store's subscription ends every member's.
 */
export class LiveTail {
  private feed: Feed | undefined;

  constructor(private readonly events: Pick<EventStore, 'subscribe'>) {}

  /**
   * Follows the log from `after` (exclusive), the head as the caller just read it. Undefined when the
   * tail has already read past `after`: the caller reads the gap first, then joins again.
   */
  join(after: number, handlers: SubscriptionHandlers): Subscription | undefined {
    if (this.feed && after < this.feed.read) return undefined;
    // Before any batch: a caught-up worker writes each delivery as it comes (GenerationWorker.keepOpen).
    handlers.onCaughtUp?.(after);
    const member: Member = { position: after, handlers };
    const feed = (this.feed ??= { read: after, members: new Set(), subscription: undefined });
    feed.members.add(member);
    // Opened once its first member is in: the store may deliver from within subscribe().
    feed.subscription ??= this.subscribe(feed, after);
    if (this.feed !== feed) void feed.subscription.close(); // every member left from within subscribe()
    return { close: () => this.leave(feed, member) };
  }

  private subscribe(feed: Feed, after: number): Subscription {
    const { members } = feed;
    return this.events.subscribe(after, {
      onEvents: (batch) => this.deliver(feed, batch),
      onError: (error) => {
        const failed = [...members];
        void this.end(feed);
        for (const m of failed) m.handlers.onError?.(error);
      },
      onInterrupted: (outage) => members.forEach((m) => m.handlers.onInterrupted?.(outage)),
      onResumed: () => members.forEach((m) => m.handlers.onResumed?.()),
    });
  }

  private async deliver(feed: Feed, batch: StoredEvent[]): Promise<void> {
    const last = batch[batch.length - 1];
    if (!last) return;
    feed.read = last.position;
    // Every member starts on the batch now, in this turn; the next batch waits for all of them.
    await Promise.all([...feed.members].map((member) => this.hand(feed, member, batch)));
  }

  private async hand(feed: Feed, member: Member, batch: StoredEvent[]): Promise<void> {
    if (!feed.members.has(member)) return;
    // A member that joined after the batch was read may have seen some of it already.
    let from = 0;
    while (from < batch.length && (batch[from] as StoredEvent).position <= member.position) from++;
    if (from === batch.length) return;
    const events = from === 0 ? batch : batch.slice(from);
    try {
      await member.handlers.onEvents(events);
      member.position = (events[events.length - 1] as StoredEvent).position;
    } catch (error) {
      if (!feed.members.has(member)) return;
      await this.leave(feed, member);
      member.handlers.onError?.(error);
    }
  }

  /** No batch starts for the member after this; one in flight is not awaited (it may be the caller). */
  private async leave(feed: Feed, member: Member): Promise<void> {
    if (!feed.members.delete(member) || feed.members.size > 0) return;
    await this.end(feed);
  }

  private end(feed: Feed): Promise<void> {
    if (this.feed === feed) this.feed = undefined;
    feed.members.clear();
    return feed.subscription?.close() ?? Promise.resolve();
  }
}
