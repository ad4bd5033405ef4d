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
 *   { _id: 'active/<projection>', kind: 'active', projection, generation }
 *       the generation the API serves; switched by a single update after a rebuild caught up.
 *   { _id: 'status/<projection>', kind: 'status', projection, status, generation, blocked,
 *     error?: { position, eventId, type, message }, rebuildGeneration?, updatedAt }
 *       what the process running the projection last published (e.g. where and why it stalled);
 *       replaced whole on every change of status, never per batch.
 *   index `kind_projection_generation` on { kind: 1, projection: 1, generation: 1 }.
 *
 * Without multi-document transactions a batch is made idempotent instead of atomic: every put and
 * delete only applies where the stored `_position` is lower (or absent); an upsert that collides with a
 * newer document (E11000) means "already applied". The checkpoint advances last, under the same guard.
 * Documents may therefore briefly be ahead of the checkpoint, never behind it; a redelivered batch
 * changes nothing. Query values are always scalars compared by equality: never operators.
 */
import { MongoBulkWriteError, MongoClient, MongoServerError } from 'mongodb';
import type { AnyBulkWriteOperation, Collection, Db, Filter, Sort } from 'mongodb';
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
    }
  | { _id: string; kind: 'active'; projection: string; generation: number }
  | ({ _id: string; kind: 'status' } & ProjectionRuntimeStatus);

export async function openMongoReadStore(uri: string, dbName?: string): Promise<ReadStore> {
  // ignoreUndefined: an undefined field is dropped, as JSON (the SQLite adapter) drops it.
  const client = new MongoClient(uri, { ignoreUndefined: true });
  await client.connect();
  try {
    const db = client.db(dbName ?? databaseFromUri(uri) ?? DEFAULT_DB);
    await db
      .collection<MetaDocument>(META)
      .createIndex({ kind: 1, projection: 1, generation: 1 }, { name: 'kind_projection_generation' });
    return new MongoReadStore(client, db);
  } catch (error) {
    await client.close();
    throw error;
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

function isDuplicateKey(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    return errors.length > 0 && errors.every((e) => e.code === DUPLICATE_KEY) && !error.err;
  }
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
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
    const stored = await this.checkpoint(target);
    if (stored && position <= stored.position) return; // redelivered batch

    const byCollection = new Map<string, AnyBulkWriteOperation<ModelDocument>[]>();
    for (const change of collapsed) {
      const ops = byCollection.get(change.collection) ?? [];
      byCollection.set(change.collection, ops);
      const filter: Filter<ModelDocument> = { _id: change.id, ...olderThan(change.position) };
      if (change.op === 'put') {
        ops.push({
          replaceOne: { filter, replacement: { ...change.doc, _position: change.position }, upsert: true },
        });
      } else {
        ops.push({ deleteOne: { filter } });
      }
    }
    for (const [collection, ops] of byCollection) {
      try {
        await this.docs(target, collection).bulkWrite(ops, { ordered: false });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error; // a newer document is already there
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
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error; // checkpoint already further
    }
  }

  async checkpoint(target: Target): Promise<Checkpoint | null> {
    assertTarget(target);
    const found = await this.meta.findOne({ _id: checkpointId(target) });
    if (!found || found.kind !== 'checkpoint') return null;
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

  async drop(target: Target): Promise<void> {
    assertTarget(target);
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
