/**
 * MongoDB read store. The layout below is a documented contract: dashboards may read it directly.
 *
 * Document collections — one per projection × generation × collection:
 *   name    `${projection}_g${generation}_${collection}`   e.g. `rankings_g3_periods`
 *   fields  `_id`        the document id (string)
 *           `_position`  global event position of the last event that changed the document
 *           …            the projection's fields, exactly as the projection wrote them
 *   indexes `_id_` (default) and `ix_<field>__<field>…` ascending compound indexes that each
 *           projection declares in its definition (`indexes`).
 *   Serve only the active generation (see `_projections`); others are being rebuilt or dropped.
 *
 * Metadata collection `_projections`:
 *   { _id: 'checkpoint/<projection>/<generation>', kind: 'checkpoint', projection, generation, version, position }
 *       the generation's checkpoint: every event at or below `position` is reflected in its documents.
 *       While the generation is being dropped the same document is `{ …, dropping: true }` with no
 *       version or position: no checkpoint to read, but the generation is still listed (so it is
 *       dropped again after a crash, and its number is never reused while documents may remain).
 *   { _id: 'active/<projection>', kind: 'active', projection, generation }
 *       the generation the API serves; switched by a single update after a rebuild caught up.
 *   { _id: 'status/<projection>', kind: 'status', projection, status, generation, blocked,
 *     error?: { position, eventId, type, message }, rebuildGeneration?, updatedAt }
 *       what the process running the projection last published (e.g. where and why it stalled);
 *       replaced whole on every change of status, never per batch.
 *   index `kind_projection_generation` on { kind: 1, projection: 1, generation: 1 }.
 *
 * Writing a batch. The documents' stored positions are read first, and a change at or below one is left
 * out (the port's rule), so no upsert collides with a newer document. On a replica set (or sharded
 * cluster: `hello` says so at open) the batch is one transaction, documents and checkpoint together,
 * committed with write concern "majority": a crash leaves all of it or nothing. On a standalone server,
 * which has no transactions, a batch is made idempotent instead of atomic: every put and delete only
 * applies where the stored `_position` is lower (or absent); an upsert that collides with a newer
 * document written meanwhile (E11000, and nothing else: a write concern error that comes with it is
 * not swallowed) means "already applied". The checkpoint advances last, under the same guard. Documents
 * may therefore briefly be ahead of the checkpoint, never behind it; a redelivered batch changes
 * nothing. Query values are always scalars compared by equality: never operators.
 */
import { MongoBulkWriteError, MongoClient, MongoServerError, MongoWriteConcernError } from 'mongodb';
import type { AnyBulkWriteOperation, ClientSession, Collection, Db, Filter, Sort } from 'mongodb';
import { StoreError } from '@thidua/event-store';
import type {
  Checkpoint,
  Doc,
  DocChange,
  FindQuery,
  IndexSpec,
  ProjectionRuntimeStatus,
  ReadStore,
  StoredDoc,
  Target,
} from '../read-store.port.js';
import {
  assertCollectionName,
  assertId,
  assertIndexes,
  assertPosition,
  assertProjectionName,
  assertTarget,
  collapseChanges,
  normalizeQuery,
  normalizeRuntimeStatus,
  type PositionedChange,
} from '../validation.js';
import { ReadStoreInputError } from '../errors.js';

const DUPLICATE_KEY = 11000;
const META = '_projections';
const DEFAULT_DB = 'thi_dua_read_models';

interface ModelDocument {
  _id: string;
  _position: number;
  [field: string]: unknown;
}

type MetaDocument =
  | {
      _id: string;
      kind: 'checkpoint';
      projection: string;
      generation: number;
      version: number;
      position: number;
      /** Set (with no version or position) while the generation is being dropped. */
      dropping?: true;
    }
  | { _id: string; kind: 'active'; projection: string; generation: number }
  | ({ _id: string; kind: 'status' } & ProjectionRuntimeStatus);

export async function openMongoReadStore(uri: string, dbName?: string): Promise<ReadStore> {
  // ignoreUndefined: an undefined field is dropped, as JSON (the SQLite adapter) drops it.
  const client = new MongoClient(uri, { ignoreUndefined: true });
  await client.connect();
  try {
    return await mongoReadStoreOn(client, client.db(dbName ?? databaseFromUri(uri) ?? DEFAULT_DB));
  } catch (error) {
    await client.close();
    throw error;
  }
}

/** The store on a connected client and its database (tests pass the driver stand-in here). */
export async function mongoReadStoreOn(client: MongoClient, db: Db): Promise<ReadStore> {
  await db
    .collection<MetaDocument>(META)
    .createIndex({ kind: 1, projection: 1, generation: 1 }, { name: 'kind_projection_generation' });
  return new MongoReadStore(client, db, await supportsTransactions(db));
}

/** Multi-document transactions need a replica set or a sharded cluster (mongos), never a standalone. */
async function supportsTransactions(db: Db): Promise<boolean> {
  const hello = (await db.admin().command({ hello: 1 })) as { setName?: string; msg?: string };
  return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}

/** The generation is being dropped: it takes no more writes. */
class GenerationDroppedError extends StoreError {
  constructor(target: Target) {
    super('GENERATION_DROPPED', `generation ${target.generation} of ${target.projection} is being dropped`);
  }
}

function databaseFromUri(uri: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

function collectionName(target: Target, collection: string): string {
  return `${target.projection}_g${target.generation}_${collection}`;
}

const checkpointId = (target: Target): string => `checkpoint/${target.projection}/${target.generation}`;
const activeId = (projection: string): string => `active/${projection}`;
const statusId = (projection: string): string => `status/${projection}`;

/** Matches a document whose stored position is below `position` (or that has none). */
function olderThan(position: number): Filter<ModelDocument> {
  return { $or: [{ _position: { $lt: position } }, { _position: { $exists: false } }] };
}

/**
 * Only duplicate keys: an upsert met a newer document (already applied). A write concern error may come
 * in the same response; the driver then raises it with the write concern's code and no write errors, or
 * (handleWriteError's shape) with the write errors and the write concern error inside `result`: either
 * way the batch was not acknowledged as durable and must not be taken for applied.
 */
function onlyDuplicateKeys(error: unknown): boolean {
  if (!(error instanceof MongoServerError) || error instanceof MongoWriteConcernError) return false;
  const hidden = error as MongoServerError & {
    err?: unknown;
    writeConcernError?: unknown;
    result?: { getWriteConcernError?: () => unknown };
  };
  if (hidden.err || hidden.writeConcernError || hidden.errorResponse?.['writeConcernError']) return false;
  if (hidden.result?.getWriteConcernError?.()) return false;
  if (error instanceof MongoBulkWriteError) {
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    return errors.length > 0 && errors.every((e) => e.code === DUPLICATE_KEY);
  }
  return error.code === DUPLICATE_KEY;
}

function toDoc(stored: ModelDocument): StoredDoc {
  const { _id: _ignored, _position, ...doc } = stored;
  return { doc, position: typeof _position === 'number' ? _position : 0 };
}

class MongoReadStore implements ReadStore {
  readonly kind = 'mongodb' as const;
  private readonly meta: Collection<MetaDocument>;

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    /** A replica set or sharded cluster: batches are transactions. */
    readonly transactions: boolean,
  ) {
    this.meta = db.collection<MetaDocument>(META);
  }

  private docs(target: Target, collection: string): Collection<ModelDocument> {
    return this.db.collection<ModelDocument>(collectionName(target, collection));
  }

  async applyBatch(target: Target, version: number, changes: DocChange[], position: number): Promise<void> {
    assertTarget(target);
    assertPosition(position);
    if (!Number.isSafeInteger(version))
      throw new ReadStoreInputError('INVALID_QUERY', 'version must be an integer');
    const collapsed = collapseChanges(changes, position);
    if (!this.transactions) {
      await this.writeBatch(target, version, collapsed, position, undefined);
      return;
    }
    const session = this.client.startSession();
    try {
      await session.withTransaction((s) => this.writeBatch(target, version, collapsed, position, s), {
        readConcern: { level: 'snapshot' },
        writeConcern: { w: 'majority' },
      });
    } finally {
      await session.endSession();
    }
  }

  /** The batch's writes, in `session`'s transaction when there is one (see the top of this file). */
  private async writeBatch(
    target: Target,
    version: number,
    collapsed: PositionedChange[],
    position: number,
    session: ClientSession | undefined,
  ): Promise<void> {
    const stored = await this.meta.findOne({ _id: checkpointId(target) }, { session });
    if (stored?.kind === 'checkpoint' && stored.dropping) throw new GenerationDroppedError(target);
    if (stored?.kind === 'checkpoint' && position <= stored.position) return; // redelivered batch

    const byCollection = new Map<string, PositionedChange[]>();
    for (const change of collapsed) {
      const list = byCollection.get(change.collection) ?? [];
      byCollection.set(change.collection, list);
      list.push(change);
    }
    for (const [collection, list] of byCollection) {
      const docs = this.docs(target, collection);
      const existing = new Map(
        (
          await docs
            .find({ _id: { $in: list.map((c) => c.id) } }, { projection: { _position: 1 }, session })
            .toArray()
        ).map((d) => [d._id, typeof d._position === 'number' ? d._position : -1]),
      );
      const ops: AnyBulkWriteOperation<ModelDocument>[] = [];
      for (const change of list) {
        const at = existing.get(change.id);
        if (at !== undefined && at >= change.position) continue; // a newer document is stored
        const filter: Filter<ModelDocument> = { _id: change.id, ...olderThan(change.position) };
        if (change.op === 'put') {
          const replacement = { ...change.doc, _position: change.position };
          ops.push({ replaceOne: { filter, replacement, upsert: true } });
        } else if (at !== undefined) {
          ops.push({ deleteOne: { filter } });
        }
      }
      if (ops.length === 0) continue;
      try {
        await docs.bulkWrite(ops, { ordered: false, session });
      } catch (error) {
        if (session || !onlyDuplicateKeys(error)) throw error; // else: written meanwhile by a newer batch
      }
    }
    try {
      await this.meta.updateOne(
        {
          _id: checkpointId(target),
          $or: [{ position: { $lt: position } }, { position: { $exists: false } }],
        },
        {
          $set: {
            kind: 'checkpoint',
            projection: target.projection,
            generation: target.generation,
            version,
            position,
          },
        },
        { upsert: true, session },
      );
    } catch (error) {
      if (session || !onlyDuplicateKeys(error)) throw error; // checkpoint already further
    }
  }

  async checkpoint(target: Target): Promise<Checkpoint | null> {
    assertTarget(target);
    const found = await this.meta.findOne({ _id: checkpointId(target) });
    if (!found || found.kind !== 'checkpoint' || found.dropping) return null;
    return {
      projection: target.projection,
      generation: target.generation,
      version: found.version,
      position: found.position,
    };
  }

  async activeGeneration(projection: string): Promise<number | null> {
    assertProjectionName(projection);
    const found = await this.meta.findOne({ _id: activeId(projection) });
    return found?.kind === 'active' ? found.generation : null;
  }

  async activate(projection: string, generation: number): Promise<void> {
    assertTarget({ projection, generation });
    await this.meta.updateOne(
      { _id: activeId(projection) },
      { $set: { kind: 'active', projection, generation } },
      { upsert: true },
    );
  }

  /**
   * Crash-safe in three steps: the checkpoint becomes a drop marker in one write (from then on the
   * generation has no checkpoint and takes no writes, but is still listed), the collections go, the
   * marker goes. A crash anywhere leaves the generation whole or marked; dropping again finishes it.
   */
  async drop(target: Target): Promise<void> {
    assertTarget(target);
    await this.meta.updateOne(
      { _id: checkpointId(target) },
      {
        $set: {
          kind: 'checkpoint',
          projection: target.projection,
          generation: target.generation,
          dropping: true,
        },
        $unset: { version: '', position: '' },
      },
      { upsert: true },
    );
    const prefix = `${target.projection}_g${target.generation}_`;
    const collections = await this.db
      .listCollections({ name: { $regex: `^${escapeRegex(prefix)}` } }, { nameOnly: true })
      .toArray();
    for (const { name } of collections) await this.db.dropCollection(name);
    await this.meta.deleteOne({ _id: checkpointId(target) });
  }

  async generations(projection: string): Promise<number[]> {
    assertProjectionName(projection);
    const found = await this.meta
      .find({ kind: 'checkpoint', projection }, { projection: { generation: 1 }, sort: { generation: 1 } })
      .toArray();
    return found.map((doc) => doc.generation);
  }

  async get(target: Target, collection: string, id: string): Promise<Doc | null> {
    return (await this.getWithPosition(target, collection, id))?.doc ?? null;
  }

  async getWithPosition(target: Target, collection: string, id: string): Promise<StoredDoc | null> {
    assertTarget(target);
    assertCollectionName(collection);
    assertId(id);
    const found = await this.docs(target, collection).findOne({ _id: id });
    return found ? toDoc(found) : null;
  }

  async getText(target: Target, collection: string, id: string): Promise<string | null> {
    const doc = await this.get(target, collection, id);
    return doc === null ? null : JSON.stringify(doc);
  }

  async find(target: Target, collection: string, query?: FindQuery): Promise<Doc[]> {
    assertTarget(target);
    assertCollectionName(collection);
    const normalized = normalizeQuery(query);
    // Field names are validated and values are scalars, so `$eq` is plain equality. Arrays are excluded
    // because MongoDB would match their elements, where SQLite (and JSON equality) does not.
    const filter: Filter<ModelDocument> = {};
    for (const [field, value] of normalized.where) filter[field] = { $eq: value, $not: { $type: 'array' } };
    const sort: Sort = normalized.orderBy
      ? { [normalized.orderBy.field]: normalized.orderBy.direction === 'desc' ? -1 : 1, _id: 1 }
      : { _id: 1 };
    let cursor = this.docs(target, collection).find(filter, { sort });
    if (normalized.offset !== undefined) cursor = cursor.skip(normalized.offset);
    if (normalized.limit !== undefined) {
      if (normalized.limit === 0) return []; // MongoDB reads limit 0 as "no limit"
      cursor = cursor.limit(normalized.limit);
    }
    const found = await cursor.toArray();
    return found.map((stored) => toDoc(stored).doc);
  }

  async ensureIndexes(target: Target, indexes: readonly IndexSpec[]): Promise<void> {
    assertTarget(target);
    assertIndexes(indexes);
    for (const index of indexes) {
      const keys = Object.fromEntries(index.fields.map((field) => [field, 1 as const]));
      await this.docs(target, index.collection).createIndex(keys, { name: `ix_${index.fields.join('__')}` });
    }
  }

  async setStatus(status: ProjectionRuntimeStatus): Promise<void> {
    const record = normalizeRuntimeStatus(status);
    // Replaced whole, so a cleared stall leaves no `error` behind.
    await this.meta.replaceOne(
      { _id: statusId(record.projection) },
      { kind: 'status', ...record },
      { upsert: true },
    );
  }

  async getStatus(projection: string): Promise<ProjectionRuntimeStatus | null> {
    assertProjectionName(projection);
    const found = await this.meta.findOne({ _id: statusId(projection) });
    if (found?.kind !== 'status') return null;
    const { _id: _ignored, kind: _kind, ...record } = found;
    return normalizeRuntimeStatus(record);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
