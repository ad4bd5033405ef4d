/** What an append needs to know about the end of a stream: where it is, its hash, its recent ids. */
export interface StreamTail {
  /** Revision of the last event; undefined when the stream does not exist. */
  head: number | undefined;
  /** Hash of the last event (GENESIS_HASH for no stream): the next event's prevHash. */
  headHash: string;
  /** The stream's last events (at most the window), oldest first. */
  recent: TailEvent[];
}

export interface TailEvent {
  eventId: string;
  revision: number;
  position: number;
}

/**
 * The tails of recently appended streams, kept by the process that appends (bounded, least recently
 * used dropped first). A tail is a view the process once had, possibly stale: what it says about events
 * at or below its head is true for good (revisions are immutable), but other writers may have appended
 * since. The adapter appends at the tail's head revision, so a stale tail makes the server refuse the
 * append (nothing written); the adapter then reads the tail again. A fresh tail therefore costs no read.
 */
export class StreamTails {
  private readonly tails = new Map<string, StreamTail>();

  constructor(
    /** How many of a stream's last events are kept (the idempotency window). */
    readonly window: number,
    private readonly maxStreams: number,
  ) {}

  get(streamId: string): StreamTail | undefined {
    const tail = this.tails.get(streamId);
    if (tail) {
      this.tails.delete(streamId); // most recently used last
      this.tails.set(streamId, tail);
    }
    return tail;
  }

  set(streamId: string, tail: StreamTail): void {
    this.tails.delete(streamId);
    this.tails.set(streamId, { ...tail, recent: tail.recent.slice(-this.window) });
    if (this.tails.size > this.maxStreams) {
      const oldest = this.tails.keys().next().value as string;
      this.tails.delete(oldest);
    }
  }

  /** The events just appended at the end of `tail`. */
  appended(streamId: string, tail: StreamTail, events: TailEvent[], headHash: string): void {
    const last = events[events.length - 1] as TailEvent;
    this.set(streamId, { head: last.revision, headHash, recent: [...tail.recent, ...events] });
  }

  forget(streamId: string): void {
    this.tails.delete(streamId);
  }
}
