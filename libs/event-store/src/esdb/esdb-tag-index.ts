/**
 * EventStoreDB has no place to write an event's tags in the append's transaction, so with it the index
 * is kept by a projector beside the read models, in MongoDB: one document per (tag, position), written
 * by following the log (`follow`) with the same tagger and the same rule as SQLite's (the key tag's last
 * earlier event), and a checkpoint. `readTagged`/`countTagged` of EsdbEventStore read it, never past the
 * checkpoint: the index lags the log there (eventually consistent), where SQLite's is exact.
 *
 * Written against the mongodb driver (7.x): `TagCollection` and `CheckpointCollection` are the calls
 * made, which a driver `Collection` has (`db.collection<TagRow>('event_tags')`,
 * `db.collection<TagCheckpoint>('event_tags_checkpoint')`). Idempotent: rows are upserted by `_id`
 * `{tag}\u0000{position}` and the checkpoint is moved after them, so a batch delivered again after a
 * crash writes nothing new. NOT RUN against a MongoDB server here (none on this machine): its unit spec
 * uses an in-memory collection with the same calls.
 */
import type { EventTagger, TaggedEvent } from '@thidua/domain';

import type { EventStore, StoredEvent, Subscription, TaggedRange } from '../event-store.port.js';

export interface TagRow {
  _id: string;
  tag: string;
  position: number;
}

export interface TagCheckpoint {
  _id: string;
  /** Last position indexed. */
  position: number;
  /** The tagger's version that wrote every row (another: the index is rebuilt from 0). */
  version: string;
}

type SortDirection = 1 | -1;

/** The driver calls the index makes on its rows (mongodb `Collection<TagRow>`). */
export interface TagCollection {
  createIndex(spec: Record<string, SortDirection>, options?: { unique?: boolean }): Promise<string>;
  bulkWrite(
    operations: Array<{
      updateOne: { filter: { _id: string }; update: { $setOnInsert: TagRow }; upsert: boolean };
    }>,
    options?: { ordered?: boolean },
  ): Promise<unknown>;
  find(
    filter: { tag: string; position: { $gt?: number; $lt?: number; $lte?: number } },
    options?: { projection?: Record<string, 0 | 1>; sort?: Record<string, SortDirection>; limit?: number },
  ): { toArray(): Promise<Array<Pick<TagRow, 'position'>>> };
  countDocuments(filter: { tag: string; position: { $lte: number } }): Promise<number>;
  deleteMany(filter: Record<string, never>): Promise<unknown>;
}

/** The driver calls the index makes on its checkpoint (mongodb `Collection<TagCheckpoint>`). */
export interface CheckpointCollection {
  findOne(filter: { _id: string }): Promise<TagCheckpoint | null>;
  updateOne(
    filter: { _id: string },
    update: { $set: Omit<TagCheckpoint, '_id'> },
    options: { upsert: boolean },
  ): Promise<unknown>;
}

const CHECKPOINT_ID = 'event-tags';

export class EsdbTagIndex {
  /** Indexed up to here (what readers may see); -1 until read from the checkpoint. */
  private indexed = -1;

  constructor(
    private readonly rows: TagCollection,
    private readonly checkpoints: CheckpointCollection,
    private readonly tagger: EventTagger,
  ) {}

  /** Creates the (tag, position) index; rebuilds from the start when the tagger changed. Returns the checkpoint. */
  async open(): Promise<number> {
    await this.rows.createIndex({ tag: 1, position: 1 }, { unique: true });
    const checkpoint = await this.checkpoints.findOne({ _id: CHECKPOINT_ID });
    if (checkpoint && checkpoint.version === this.tagger.version) return (this.indexed = checkpoint.position);
    await this.rows.deleteMany({});
    await this.moveCheckpoint(0);
    return (this.indexed = 0);
  }

  /** The projector: follows the log from the checkpoint and indexes each delivered batch. */
  async follow(store: EventStore, onError?: (error: unknown) => void): Promise<Subscription> {
    const from = this.indexed >= 0 ? this.indexed : await this.open();
    const readPositions = store.readPositions?.bind(store);
    return store.subscribe(from, {
      onEvents: (events) => this.index(events, readPositions),
      ...(onError && { onError }),
    });
  }

  /**
   * Indexes one ordered batch: rows first, then the checkpoint. A key tag's event is taken from this
   * batch when it is in it, else found through the index and read from the log by position.
   */
  async index(
    events: readonly StoredEvent[],
    readPositions?: (positions: readonly number[]) => Promise<StoredEvent[]>,
  ): Promise<void> {
    if (events.length === 0) return;
    const inBatch = new Map<string, TaggedEvent>();
    const operations: Parameters<TagCollection['bulkWrite']>[0] = [];
    for (const e of events) {
      if (e.position <= this.indexed) continue; // delivered again
      const event: TaggedEvent = { streamId: e.streamId, type: e.type, data: e.data };
      const key = this.tagger.keyOf(event);
      const definer =
        key === undefined
          ? undefined
          : (inBatch.get(key) ?? (await this.definer(key, e.position, readPositions)));
      for (const tag of this.tagger.tagsOf(event, definer)) {
        inBatch.set(tag, event);
        const row: TagRow = { _id: `${tag}\u0000${e.position}`, tag, position: e.position };
        operations.push({
          updateOne: { filter: { _id: row._id }, update: { $setOnInsert: row }, upsert: true },
        });
      }
    }
    if (operations.length > 0) await this.rows.bulkWrite(operations, { ordered: false });
    const last = events[events.length - 1]!.position;
    if (last > this.indexed) {
      await this.moveCheckpoint(last);
      this.indexed = last;
    }
  }

  async readTagged(tag: string, range: TaggedRange = {}): Promise<number[]> {
    const to = Math.min(range.to ?? Number.MAX_SAFE_INTEGER, await this.checkpoint());
    const found = await this.rows
      .find(
        { tag, position: { $gt: range.after ?? 0, $lte: to } },
        {
          projection: { _id: 0, position: 1 },
          sort: { position: 1 },
          ...(range.limit !== undefined && { limit: range.limit }),
        },
      )
      .toArray();
    return found.map((r) => r.position);
  }

  async countTagged(tag: string, to?: number): Promise<number> {
    const upTo = Math.min(to ?? Number.MAX_SAFE_INTEGER, await this.checkpoint());
    return this.rows.countDocuments({ tag, position: { $lte: upTo } });
  }

  /** The stored checkpoint (another process may be the projector). */
  private async checkpoint(): Promise<number> {
    const stored = await this.checkpoints.findOne({ _id: CHECKPOINT_ID });
    return stored && stored.version === this.tagger.version ? stored.position : 0;
  }

  private async moveCheckpoint(position: number): Promise<void> {
    await this.checkpoints.updateOne(
      { _id: CHECKPOINT_ID },
      { $set: { position, version: this.tagger.version } },
      { upsert: true },
    );
  }

  private async definer(
    key: string,
    position: number,
    readPositions?: (positions: readonly number[]) => Promise<StoredEvent[]>,
  ): Promise<TaggedEvent | undefined> {
    if (!readPositions) return undefined;
    const [row] = await this.rows
      .find(
        { tag: key, position: { $lt: position } },
        { projection: { _id: 0, position: 1 }, sort: { position: -1 }, limit: 1 },
      )
      .toArray();
    if (!row) return undefined;
    const [event] = await readPositions([row.position]);
    return event && { streamId: event.streamId, type: event.type, data: event.data };
  }
}
