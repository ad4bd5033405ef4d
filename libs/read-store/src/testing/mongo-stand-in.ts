/**
 * An in-memory stand-in for the parts of the MongoDB driver (mongodb 7.9.x) the MongoDB read store uses,
 * for unit tests. It is not a server: a suite passing against it never means it ran against MongoDB
 * (README, "Which suites ran where").
 *
 * It keeps documents as a server would for the filters, updates and sorts the adapter sends (equality,
 * `$in`, `$or`, `$lt`, `$exists`, `$eq` with `$not: {$type: 'array'}`, `$set`/`$unset`, upserts that
 * collide on `_id` with E11000, BSON's sort order across types) and raises errors built with the driver's
 * own classes the way the driver builds them:
 * - an unordered bulkWrite with failed operations: `MongoBulkWriteError` with the write errors
 *   (bulk/common.js, handleWriteError);
 * - a write concern error in the same response as duplicate-key errors: the driver throws
 *   MongoWriteConcernError from the response (sdam/server.js, throwIfWriteConcernError), and the bulk
 *   turns it into a MongoBulkWriteError carrying the write concern's code, no `writeErrors`, and both
 *   kinds in `result` (bulk/common.js, executeCommands) — `writeConcernWithDuplicates('driver')`;
 *   handleWriteError's own shape, write errors first and the write concern error only in `result`, is
 *   `writeConcernWithDuplicates('write-errors-first')`;
 * - single writes: MongoServerError with the server's code.
 * Transactions (replica set only, `hello` says so): `withTransaction` applies the callback's writes or,
 * when it throws, none of them; an operation inside it without the session is counted
 * (`writesOutsideSession`), as a real server would apply it outside the transaction.
 */
import { createRequire } from 'node:module';

import { MongoBulkWriteError, MongoServerError } from 'mongodb';

const driver = createRequire(import.meta.url)('mongodb/lib/bulk/common.js') as {
  BulkWriteResult: new (bulkResult: unknown, isOrdered: boolean) => unknown;
  WriteError: new (err: { index: number; code: number; errmsg: string; op: unknown }) => unknown;
  WriteConcernError: new (error: { code: number; errmsg: string }) => unknown;
};

export const DUPLICATE_KEY = 11000;
export const WRITE_CONCERN_FAILED = 64;

type Doc = Record<string, unknown>;
type Filter = Record<string, unknown>;
interface Options {
  session?: StandInSession;
  upsert?: boolean;
  sort?: Record<string, 1 | -1>;
  projection?: Record<string, 1>;
  ordered?: boolean;
}

type Op =
  | 'bulkWrite'
  | 'updateOne'
  | 'replaceOne'
  | 'deleteOne'
  | 'dropCollection'
  | 'findOne'
  | 'find'
  | 'commitTransaction';

/**
 * Something that happens at the `nth` call of `op` (counted from when it is set), before or after the
 * call applies its writes: `hook` may write as another client would, and what it returns is thrown.
 */
type Hook = (writeErrors: BulkResultShape['writeErrors']) => Error | void;
interface Fault {
  op: Op;
  nth: number;
  when: 'before' | 'after';
  hook: Hook;
}

export interface BulkResultShape {
  writeErrors: Array<{ index: number; code: number; errmsg: string; op: unknown }>;
  writeConcern?: { code: number; errmsg: string };
}

/** The MongoBulkWriteError the driver raises for a bulk whose response carried `shape`. */
export function bulkWriteError(
  shape: BulkResultShape,
  form: 'driver' | 'write-errors-first' = 'driver',
): MongoBulkWriteError {
  const writeErrors = shape.writeErrors.map((e) => new driver.WriteError(e));
  const result = new driver.BulkWriteResult(
    {
      ok: 1,
      writeErrors,
      writeConcernErrors: shape.writeConcern ? [new driver.WriteConcernError(shape.writeConcern)] : [],
      insertedIds: [],
      nInserted: 0,
      nUpserted: 0,
      nMatched: 0,
      nModified: 0,
      nRemoved: 0,
      upserted: [],
    },
    false,
  ) as never;
  if (shape.writeConcern && form === 'driver') {
    return new MongoBulkWriteError(
      { message: shape.writeConcern.errmsg, code: shape.writeConcern.code },
      result,
    );
  }
  const first = shape.writeErrors[0] as { code: number; errmsg: string };
  return new MongoBulkWriteError(
    { message: first.errmsg, code: first.code, writeErrors: writeErrors as never },
    result,
  );
}

export class StandInSession {
  active = false;
  constructor(private readonly owner: MongoStandIn) {}

  async withTransaction<T>(fn: (session: StandInSession) => Promise<T>): Promise<T> {
    const before = this.owner.snapshot();
    this.active = true;
    try {
      const result = await fn(this);
      this.owner.fault('commitTransaction', 'before');
      return result;
    } catch (error) {
      this.owner.restore(before);
      throw error;
    } finally {
      this.active = false;
    }
  }

  async endSession(): Promise<void> {}
}

class StandInCollection {
  constructor(
    private readonly owner: MongoStandIn,
    readonly name: string,
  ) {}

  private get docs(): Map<string, Doc> {
    return this.owner.collectionDocs(this.name);
  }

  async createIndex(keys: Record<string, 1>, options: { name?: string } = {}): Promise<string> {
    this.owner.collectionDocs(this.name);
    this.owner.indexes.push({ collection: this.name, keys, name: options.name ?? '' });
    return options.name ?? '';
  }

  async findOne(filter: Filter, options: Options = {}): Promise<Doc | null> {
    this.owner.enter('findOne', options);
    const found = [...this.docs.values()].find((d) => matches(d, filter));
    return found ? clone(found) : null;
  }

  find(filter: Filter, options: Options = {}) {
    this.owner.enter('find', options);
    let skip = 0;
    let limit = 0;
    const cursor = {
      skip: (n: number) => ((skip = n), cursor),
      limit: (n: number) => ((limit = n), cursor),
      toArray: async (): Promise<Doc[]> => {
        let found = [...this.docs.values()].filter((d) => matches(d, filter));
        if (options.sort) found.sort((a, b) => compareBy(a, b, options.sort as Record<string, 1 | -1>));
        found = found.slice(skip, limit > 0 ? skip + limit : undefined);
        return found.map((d) => (options.projection ? project(d, options.projection) : clone(d)));
      },
    };
    return cursor;
  }

  async updateOne(filter: Filter, update: { $set?: Doc; $unset?: Doc }, options: Options = {}) {
    this.owner.enter('updateOne', options);
    this.owner.fault('updateOne', 'before');
    const found = [...this.docs.values()].find((d) => matches(d, filter));
    if (found) {
      Object.assign(found, clone(update.$set ?? {}));
      for (const key of Object.keys(update.$unset ?? {})) delete found[key];
    } else if (options.upsert) {
      this.insert({ ...equalities(filter), ...clone(update.$set ?? {}) });
    }
    this.owner.fault('updateOne', 'after');
    return { matchedCount: found ? 1 : 0 };
  }

  async replaceOne(filter: Filter, replacement: Doc, options: Options = {}) {
    this.owner.enter('replaceOne', options);
    this.owner.fault('replaceOne', 'before');
    this.replace(filter, replacement, options.upsert === true);
    this.owner.fault('replaceOne', 'after');
    return {};
  }

  async deleteOne(filter: Filter, options: Options = {}) {
    this.owner.enter('deleteOne', options);
    this.owner.fault('deleteOne', 'before');
    const found = [...this.docs.entries()].find(([, d]) => matches(d, filter));
    if (found) this.docs.delete(found[0]);
    this.owner.fault('deleteOne', 'after');
    return { deletedCount: found ? 1 : 0 };
  }

  async bulkWrite(
    ops: Array<{
      replaceOne?: { filter: Filter; replacement: Doc; upsert?: boolean };
      deleteOne?: { filter: Filter };
    }>,
    options: Options = {},
  ) {
    this.owner.enter('bulkWrite', options);
    this.owner.fault('bulkWrite', 'before');
    const writeErrors: BulkResultShape['writeErrors'] = [];
    ops.forEach((op, index) => {
      try {
        if (op.replaceOne)
          this.replace(op.replaceOne.filter, op.replaceOne.replacement, op.replaceOne.upsert === true);
        else if (op.deleteOne) {
          const found = [...this.docs.entries()].find(([, d]) => matches(d, op.deleteOne!.filter));
          if (found) this.docs.delete(found[0]);
        }
      } catch (error) {
        const e = error as MongoServerError;
        writeErrors.push({ index, code: e.code as number, errmsg: e.message, op });
      }
    });
    this.owner.fault('bulkWrite', 'after', writeErrors);
    if (writeErrors.length > 0) throw bulkWriteError({ writeErrors }, 'write-errors-first');
    return {};
  }

  private replace(filter: Filter, replacement: Doc, upsert: boolean): void {
    const found = [...this.docs.entries()].find(([, d]) => matches(d, filter));
    if (found) {
      this.docs.set(found[0], { _id: found[1]['_id'], ...clone(replacement) });
    } else if (upsert) {
      this.insert({ ...equalities(filter), ...clone(replacement) });
    }
  }

  private insert(doc: Doc): void {
    const id = String(doc['_id']);
    if (this.docs.has(id)) {
      throw new MongoServerError({
        message: `E11000 duplicate key error collection: ${this.name} index: _id_ dup key: { _id: "${id}" }`,
        code: DUPLICATE_KEY,
      });
    }
    this.docs.set(id, doc);
  }
}

/** The client, its one database and its admin command, in memory. */
export class MongoStandIn {
  private collections = new Map<string, Map<string, Doc>>();
  private faults: Fault[] = [];
  private calls = new Map<Op, number>();
  private session: StandInSession | undefined;
  readonly indexes: Array<{ collection: string; keys: Record<string, 1>; name: string }> = [];
  /** Writes made while a transaction was open but without its session. */
  writesOutsideSession = 0;
  transactionsStarted = 0;
  closed = false;

  constructor(readonly replicaSet: boolean) {}

  /** At the `nth` call of `op` from now, runs `hook` before or after the call's writes (see Hook). */
  on(op: Op, nth: number, when: 'before' | 'after', hook: Hook): void {
    this.faults.push({ op, nth: (this.calls.get(op) ?? 0) + nth, when, hook });
  }

  collectionNames(): string[] {
    return [...this.collections.keys()].sort();
  }

  documents(name: string): Doc[] {
    return [...(this.collections.get(name)?.values() ?? [])].map(clone);
  }

  readonly client = {
    db: () => this.db,
    startSession: () => {
      this.transactionsStarted += 1;
      this.session = new StandInSession(this);
      return this.session;
    },
    close: async () => {
      this.closed = true;
    },
  };

  readonly db = {
    collection: (name: string) => new StandInCollection(this, name),
    listCollections: (filter: { name?: { $regex: string } } = {}) => ({
      toArray: async () =>
        [...this.collections.keys()]
          .filter((name) => !filter.name || new RegExp(filter.name.$regex).test(name))
          .map((name) => ({ name })),
    }),
    dropCollection: async (name: string) => {
      this.enter('dropCollection', {});
      this.fault('dropCollection', 'before');
      this.collections.delete(name);
      return true;
    },
    admin: () => ({
      command: async (command: Doc) => {
        if (!('hello' in command)) throw new Error(`stand-in: unexpected command ${Object.keys(command)[0]}`);
        return this.replicaSet
          ? { isWritablePrimary: true, setName: 'rs0', logicalSessionTimeoutMinutes: 30, ok: 1 }
          : { isWritablePrimary: true, logicalSessionTimeoutMinutes: 30, ok: 1 };
      },
    }),
  };

  /** @internal */
  collectionDocs(name: string): Map<string, Doc> {
    let docs = this.collections.get(name);
    if (!docs) {
      docs = new Map();
      this.collections.set(name, docs);
    }
    return docs;
  }

  /** @internal Counts the call and checks it carries the open transaction's session. */
  enter(op: Op, options: Options): void {
    this.calls.set(op, (this.calls.get(op) ?? 0) + 1);
    const writes: Op[] = ['bulkWrite', 'updateOne', 'replaceOne', 'deleteOne', 'dropCollection'];
    if (this.session?.active && writes.includes(op) && options.session !== this.session) {
      this.writesOutsideSession += 1;
    }
  }

  /** @internal */
  fault(op: Op, when: 'before' | 'after', writeErrors: BulkResultShape['writeErrors'] = []): void {
    if (op === 'commitTransaction') this.calls.set(op, (this.calls.get(op) ?? 0) + 1);
    const count = this.calls.get(op) ?? 0;
    const index = this.faults.findIndex((f) => f.op === op && f.nth === count && f.when === when);
    if (index < 0) return;
    const [fault] = this.faults.splice(index, 1);
    const error = (fault as Fault).hook(writeErrors);
    if (error) throw error;
  }

  /** @internal */
  snapshot(): Map<string, Map<string, Doc>> {
    return new Map(
      [...this.collections].map(([name, docs]) => [name, new Map([...docs].map(([k, d]) => [k, clone(d)]))]),
    );
  }

  /** @internal */
  restore(snapshot: Map<string, Map<string, Doc>>): void {
    this.collections = snapshot;
  }
}

/** A BSON round trip with `ignoreUndefined`: undefined fields are dropped. */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : clone(v))) as T;
  if (value !== null && typeof value === 'object') {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clone(v);
    return out as T;
  }
  return value;
}

function project(doc: Doc, projection: Record<string, 1>): Doc {
  const out: Doc = { _id: doc['_id'] };
  for (const key of Object.keys(projection)) if (key in doc) out[key] = clone(doc[key]);
  return out;
}

/** The plain `field: value` pairs of a filter (what an upsert inserts). */
function equalities(filter: Filter): Doc {
  return Object.fromEntries(
    Object.entries(filter).filter(
      ([k, v]) => !k.startsWith('$') && (v === null || typeof v !== 'object' || Array.isArray(v)),
    ),
  );
}

function matches(doc: Doc, filter: Filter): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$or') return (condition as Filter[]).some((f) => matches(doc, f));
    const value = doc[key];
    if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
      return Object.entries(condition as Doc).every(([op, arg]) => operator(op, value, arg, key in doc));
    }
    return equal(value, condition, key in doc);
  });
}

function operator(op: string, value: unknown, arg: unknown, present: boolean): boolean {
  switch (op) {
    case '$eq':
      return equal(value, arg, present);
    case '$lt':
      return typeof value === typeof arg && (value as number) < (arg as number);
    case '$exists':
      return present === arg;
    case '$in':
      return (arg as unknown[]).some((a) => equal(value, a, present));
    case '$not':
      return !Object.entries(arg as Doc).every(([o, a]) => operator(o, value, a, present));
    case '$type':
      return arg === 'array' ? Array.isArray(value) : false;
    default:
      throw new Error(`stand-in: operator ${op} is not modelled`);
  }
}

/** Equality as a query sees it: null also matches a missing field; an array matches an element. */
function equal(value: unknown, target: unknown, present: boolean): boolean {
  if (target === null) return !present || value === null;
  if (Array.isArray(value)) return value.some((v) => v === target);
  return value === target;
}

/** BSON's order across types: null (and missing) < numbers < strings < objects < arrays < booleans. */
function rank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (Array.isArray(value)) return 4;
  if (typeof value === 'object') return 3;
  if (typeof value === 'boolean') return 5;
  return 6;
}

function compareBy(a: Doc, b: Doc, sort: Record<string, 1 | -1>): number {
  for (const [field, direction] of Object.entries(sort)) {
    const [x, y] = [a[field], b[field]];
    let c = rank(x) - rank(y);
    if (c === 0 && rank(x) !== 0) c = x! < y! ? -1 : x! > y! ? 1 : 0;
    if (c !== 0) return c * direction;
  }
  return 0;
}
