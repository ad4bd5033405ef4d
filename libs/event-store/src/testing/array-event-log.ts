/**
 * A read-only EventStore over an in-memory array, for integrity tests that need logs no real store
 * would write (gaps, non-contiguous positions, events out of order). Not an adapter: append throws.
 */
import type {
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
} from '../event-store.port.js';
import { GENESIS_HASH, logChainHash, sealEvent } from '../integrity/hash-chain.js';

export class ArrayEventLog implements EventStore {
  readonly kind = 'esdb' as const;
  readonly capabilities: { contiguousPositions: boolean; logChain: boolean };

  constructor(
    public events: StoredEvent[],
    contiguousPositions: boolean,
    logChain = false,
  ) {
    this.capabilities = { contiguousPositions, logChain };
    if (logChain) this.rechain();
  }

  /** Seals `(streamId, event)` pairs into a chained log with the given positions (default 1, 2, 3, …). */
  static build(
    entries: Array<[string, NewEvent]>,
    options: { contiguousPositions?: boolean; positions?: number[]; logChain?: boolean } = {},
  ): ArrayEventLog {
    const heads = new Map<string, { revision: number; hash: string }>();
    const events = entries.map(([streamId, e], i): StoredEvent => {
      const head = heads.get(streamId);
      const revision = head ? head.revision + 1 : 0;
      const sealed = sealEvent(streamId, revision, head ? head.hash : GENESIS_HASH, e);
      heads.set(streamId, { revision, hash: sealed.hash });
      const position = options.positions?.[i] ?? i + 1;
      return {
        eventId: e.eventId,
        type: e.type,
        streamId,
        revision,
        position,
        data: e.data,
        metadata: sealed.metadata,
      };
    });
    return new ArrayEventLog(events, options.contiguousPositions ?? true, options.logChain ?? false);
  }

  /** Writes every `logHash` anew in position order, as a store with a log chain (or a forger) would. */
  rechain(): void {
    let logHash = GENESIS_HASH;
    for (const e of [...this.events].sort((a, b) => a.position - b.position))
      e.logHash = logHash = logChainHash(logHash, e.metadata.hash);
  }

  async append(): Promise<never> {
    throw new Error('ArrayEventLog is read-only');
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    const all = this.events
      .filter((e) => e.streamId === streamId && e.revision >= from)
      .sort((a, b) => a.revision - b.revision);
    return options.maxCount === undefined ? all : all.slice(0, options.maxCount);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const to = options.to ?? Number.MAX_SAFE_INTEGER;
    return [...this.events]
      .sort((a, b) => a.position - b.position)
      .filter((e) => e.position > after && e.position <= to)
      .slice(0, options.batchSize ?? 500);
  }

  async readPositions(positions: readonly number[]): Promise<StoredEvent[]> {
    const byPosition = new Map(this.events.map((e) => [e.position, e]));
    return positions.flatMap((p) => byPosition.get(p) ?? []);
  }

  async headPosition(): Promise<number> {
    return this.events.reduce((max, e) => Math.max(max, e.position), 0);
  }

  subscribe(): Subscription {
    throw new Error('ArrayEventLog does not subscribe');
  }

  async close(): Promise<void> {}
}
