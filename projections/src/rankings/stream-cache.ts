import type { StoredEvent } from '../../../libs/event-store/src/event-store.port.js';
import type { ProjectionView } from '../projection.js';

export interface StreamCacheLimits {
  /** Streams kept (least recently used evicted first). */
  maxStreams: number;
  /** Events kept over all streams. */
  maxEvents: number;
}

const DEFAULT_LIMITS: StreamCacheLimits = { maxStreams: 64, maxEvents: 200_000 };

/**
 * The events of recently folded streams, so a batch of N events on one cluster-year reads the stream
 * once instead of N times. A cached prefix is used only when it provably precedes the event: its last
 * event is at the previous revision and its hash is the event's `prevHash` (the store's hash chain), so
 * a rebuild running beside the live generation, a redelivered batch or another store never mixes in.
 */
export class StreamCache {
  private readonly streams = new Map<string, StoredEvent[]>();
  private total = 0;
  /** Store reads made (for tests: proves the cache is used). */
  reads = 0;

  constructor(private readonly limits: StreamCacheLimits = DEFAULT_LIMITS) {}

  /** The stream's events from revision 0 up to and including `event`. Valid until the next call. */
  async upTo(event: StoredEvent, view: ProjectionView): Promise<readonly StoredEvent[]> {
    const cached = this.streams.get(event.streamId);
    const before = cached?.length ?? 0;
    let events: StoredEvent[];
    if (cached && precedes(cached, event)) {
      // Rewound (rebuild or redelivery): keep the prefix before the event.
      events = cached.length > event.revision ? cached.slice(0, event.revision) : cached;
      events.push(event);
    } else {
      this.reads += 1;
      events = await view.readStream(event.streamId, event.position);
      const last = events[events.length - 1];
      if (last?.eventId !== event.eventId || events.length !== event.revision + 1) {
        throw new Error(
          `stream ${event.streamId} read up to #${event.position} does not end with event ${event.eventId} at revision ${event.revision}`,
        );
      }
    }
    this.remember(event.streamId, before, events);
    return events;
  }

  private remember(streamId: string, before: number, events: StoredEvent[]): void {
    this.total += events.length - before;
    this.streams.delete(streamId); // re-inserted last: most recently used
    this.streams.set(streamId, events);
    for (const [id, evicted] of this.streams) {
      if (this.streams.size <= 1) break;
      if (this.streams.size <= this.limits.maxStreams && this.total <= this.limits.maxEvents) break;
      this.streams.delete(id);
      this.total -= evicted.length;
    }
  }
}

function precedes(cached: readonly StoredEvent[], event: StoredEvent): boolean {
  if (cached.length < event.revision) return false; // a gap: events the runner did not deliver
  if (event.revision === 0) return true;
  const previous = cached[event.revision - 1];
  if (!previous || previous.revision !== event.revision - 1) return false;
  const { hash } = previous.metadata;
  if (typeof hash === 'string' && typeof event.metadata.prevHash === 'string')
    return hash === event.metadata.prevHash;
  // A store without a hash chain: only a plain append is trusted.
  return cached.length === event.revision;
}
