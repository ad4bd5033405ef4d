import Database from 'better-sqlite3';

import { checkAppendSize, checkExpectedRevision, validateAppend } from '../append-rules.js';
import { EventIdConflictError, PartialDuplicateError, StoreClosedError, storageErrorOf } from '../errors.js';
import type {
  AppendResult,
  EventStore,
  EventStoreCapabilities,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
  SubscriptionHandlers,
} from '../event-store.port.js';
import {
  checkedRowEvent,
  GENESIS_HASH,
  logChainHash,
  sealEvents,
  type SealedRow,
} from '../integrity/hash-chain.js';
import { inOrderAsked } from './in-order-asked.js';
import { openPositionReader, type PositionReader } from './position-reader.js';
import { configureDatabase } from './schema.js';
import { openDatabase, setMaxPageCount } from './open-database.js';
import { SqliteSubscription } from './sqlite-subscription.js';
import { AppendThread, appendWorkerAvailable, APPEND_WORKER } from './append-thread.js';
import type { AppendInput, CommitOutcome } from './commit-outcome.js';

export type { AppendInput, CommitOutcome } from './commit-outcome.js';

export interface SqliteEventStoreOptions {
  /** How often an idle subscription looks for events appended by other processes. Default 200. */
  pollIntervalMs?: number;
  /**
   * Appends committed by a worker thread with its own connection (append-thread.ts), so the COMMIT's
   * fsync does not block this thread: `true` uses the built worker script (without one, as under jest,
   * appends stay on this thread), a URL names the script (tests). Default: on this thread.
   */
  appendThread?: boolean | URL;
}

const DEFAULT_BATCH = 500;
/** What a storage probe writes: more than a typical group commit of appends. */
const PROBE_BYTES = 64 * 1024;
const MAX_GROUP = 1000;
const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, log_hash';
type Row = [number, string, string, number, string, string, string, string | null];

interface PendingAppend extends AppendInput {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * The hash inside stored metadata text. Our writer always puts it last (`…,"hash":"<64 hex>"}`), so it is
 * sliced off without parsing; anything else (an older or hand-edited row) is parsed.
 */
const HASH_TAIL = ',"hash":"';
function storedHash(metadataJson: string): string {
  const at = metadataJson.length - 66 - HASH_TAIL.length;
  if (metadataJson.endsWith('"}') && metadataJson.startsWith(HASH_TAIL, at))
    return metadataJson.slice(-66, -2);
  const parsed = JSON.parse(metadataJson) as { hash?: unknown };
  return typeof parsed.hash === 'string' ? parsed.hash : '';
}

/** UNIQUE (event_id) or another constraint: better-sqlite3 reports them as SQLITE_CONSTRAINT_*. */
/** By shape, not `instanceof`: under jest the native module's errors may come from another realm. */
function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (error as { name?: unknown } | null)?.name === 'SqliteError' && typeof code === 'string'
    ? code.startsWith('SQLITE_CONSTRAINT')
    : false;
}

function toEvent(row: Row): StoredEvent {
  const event: StoredEvent = {
    eventId: row[1],
    type: row[4],
    streamId: row[2],
    revision: row[3],
    position: row[0],
    data: JSON.parse(row[5]) as StoredEvent['data'],
    metadata: JSON.parse(row[6]) as StoredEvent['metadata'],
  };
  if (row[7] !== null) event.logHash = row[7];
  return event;
}

/** toEvent, with the row's hash checked from its stored texts (hash-chain.ts checkedRowEvent). */
function toCheckedEvent(row: Row): StoredEvent {
  return checkedRowEvent(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]);
}

export async function openSqliteEventStore(
  file: string,
  options: SqliteEventStoreOptions = {},
): Promise<SqliteEventStore> {
  return new SqliteEventStore(file, options);
}

/**
 * The embedded event store. Appends issued in the same tick are group-committed: one IMMEDIATE
 * transaction holds them all (up to MAX_GROUP), each is checked against its own expected revision
 * before it writes anything, so one conflict fails alone while later appends still see earlier ones.
 * Promises settle only after COMMIT returned (synchronous=FULL: durable). Hash chain: the genesis
 * prevHash is 64 zeros (integrity/hash-chain.ts).
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  readonly capabilities: EventStoreCapabilities = { contiguousPositions: true, logChain: true };

  private readonly db: Database.Database;
  private readonly pollIntervalMs: number;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly subscriptions = new Set<SqliteSubscription>();
  /** Set when appends are committed by the append thread (options.appendThread). */
  private readonly thread: AppendThread | undefined;
  /** readPositions' own connection (position-reader.ts), opened on its first use. */
  private positionReader: PositionReader | undefined;
  /** Rows to events; checked against their hashes once a VerifyingEventStore reads through this store. */
  private convert: (row: Row) => StoredEvent = toEvent;

  private readonly stmt: {
    maxPosition: Database.Statement<[], number | null>;
    tail: Database.Statement<[], [number, string | null]>;
    eventById: Database.Statement<[string], [string, number, number, string]>;
    deleteAfter: Database.Statement<[number]>;
    streamHead: Database.Statement<[string], [number, string]>;
    insertEvent: Database.Statement<[number, string, string, number, string, string, string, string]>;
    readAll: Database.Statement<[number, number, number], Row>;
    readStream: Database.Statement<[string, number, number], Row>;
    findEvent: Database.Statement<[string, string], Row>;
    streamRevision: Database.Statement<[string], number | null>;
  };
  private readonly commitGroup: (group: readonly AppendInput[]) => CommitOutcome[];

  constructor(
    private readonly file: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.db = openDatabase(file, configureDatabase);
    const script = options.appendThread === true ? APPEND_WORKER : options.appendThread || undefined;
    this.thread =
      script && appendWorkerAvailable(script)
        ? new AppendThread(file, script, () => this.notifyAppended())
        : undefined;
    const db = this.db;
    this.stmt = {
      maxPosition: db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck(),
      tail: db
        .prepare<[], [number, string | null]>(
          'SELECT position, log_hash FROM events ORDER BY position DESC LIMIT 1',
        )
        .raw(),
      eventById: db
        .prepare<[string], [string, number, number, string]>(
          'SELECT stream_id, revision, position, metadata FROM events WHERE event_id = ?',
        )
        .raw(),
      deleteAfter: db.prepare<[number]>('DELETE FROM events WHERE position > ?'),
      streamHead: db
        .prepare<[string], [number, string]>(
          'SELECT revision, metadata FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
        )
        .raw(),
      insertEvent: db.prepare(
        'INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, log_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      readAll: db
        .prepare<[number, number, number], Row>(
          `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
        )
        .raw(),
      readStream: db
        .prepare<[string, number, number], Row>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
        )
        .raw(),
      findEvent: db
        .prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM events WHERE event_id = ? AND stream_id = ?`)
        .raw(),
      streamRevision: db
        .prepare<[string], number | null>('SELECT MAX(revision) FROM events WHERE stream_id = ?')
        .pluck(),
    };
    const group = db.transaction((pending: readonly AppendInput[]) => this.runGroup(pending));
    this.commitGroup = (pending) => group.immediate(pending);
    const put = db.prepare(
      "INSERT OR REPLACE INTO meta (key, value) VALUES ('storage_probe', hex(randomblob(?)))",
    );
    const remove = db.prepare("DELETE FROM meta WHERE key = 'storage_probe'");
    this.probe = () => {
      db.transaction(() => put.run(PROBE_BYTES / 2)).immediate();
      db.transaction(() => remove.run()).immediate();
    };
  }

  private readonly probe: () => void;

  /** Whether appends are committed by the append thread (options.appendThread and a worker script). */
  get appendsOnThread(): boolean {
    return this.thread !== undefined;
  }

  /**
   * From now on each row read is checked against its stored hash from its texts (about a third of the cost
   * of recomputing it from the parsed event), and hashMatches trusts the events that passed without
   * recomputing: VerifyingEventStore turns it on.
   */
  enableRowHashes(): void {
    this.convert = toCheckedEvent;
  }

  /**
   * Caps the file at its current size or `pages` pages, whichever is larger (PRAGMA max_page_count, for
   * this connection): writes that need more fail as on a full disk. Undefined lifts the cap. For quotas,
   * and for the tests that fill the disk for real. With the append thread, appends are written by the
   * thread's own connection, which this cap does not reach (the storage probe's writes it does).
   */
  setMaxPageCount(pages: number | undefined): number {
    return setMaxPageCount(this.db, pages);
  }

  /**
   * Commits a write of PROBE_BYTES (a row of `meta`, deleted again by a second commit): throws StorageError
   * while the storage cannot take an append of that size. Its pages are freed, not returned to the disk,
   * so appends use them next.
   */
  async probeWrite(): Promise<void> {
    this.assertOpen();
    try {
      this.probe();
    } catch (error) {
      throw storageErrorOf(error, this.file) ?? error;
    }
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    try {
      validateAppend(streamId, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.thread) return this.thread.append(streamId, events, expected);
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Commits these appends now, on this thread, as the group commit does: in order, in IMMEDIATE
   * transactions of at most MAX_GROUP appends, each append checked on its own (validated, its expected
   * revision against the effects of the earlier ones, a replay answered as stored) so a refused one fails
   * alone. A failed BEGIN or COMMIT fails every append of its transaction (none of it is stored).
   * Synchronous, no promise per append: the append thread commits a whole turn's appends in one call.
   * The outcomes come back in the order given, after COMMIT returned.
   */
  commitAppends(appends: readonly AppendInput[]): CommitOutcome[] {
    this.assertOpen();
    const outcomes: CommitOutcome[] = [];
    for (let from = 0; from < appends.length; from += MAX_GROUP) {
      const group = appends.length <= MAX_GROUP ? appends : appends.slice(from, from + MAX_GROUP);
      try {
        for (const outcome of this.commitGroup(group)) outcomes.push(outcome);
      } catch (error) {
        const failure = storageErrorOf(error, this.file) ?? error;
        for (let i = 0; i < group.length; i++) outcomes.push({ ok: false, error: failure });
      }
    }
    if (outcomes.some((o) => o.ok && !o.result.duplicate)) this.notifyAppended();
    return outcomes;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const rows = this.stmt.readStream.all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1);
    // Every row's stream_id equals streamId (BINARY comparison), so the events share this one string
    // instead of a copy each: a fold compares every event's streamId to its own, and with copies each
    // comparison read the copy's bytes (a cache miss per event once a stream outgrows the CPU's caches).
    for (const row of rows) row[2] = streamId;
    return rows.map(this.convert);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.readBatch(options.after ?? 0, options.batchSize ?? DEFAULT_BATCH, options.to);
  }

  async findEvent(streamId: string, eventId: string): Promise<StoredEvent | null> {
    this.assertOpen();
    const row = this.stmt.findEvent.get(eventId, streamId);
    return row ? this.convert(row) : null;
  }

  notifyAppended(): void {
    for (const sub of this.subscriptions) sub.notify();
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return this.stmt.streamRevision.get(streamId) ?? -1;
  }

  async readPositions(positions: readonly number[]): Promise<StoredEvent[]> {
    this.assertOpen();
    if (positions.length === 0) return [];
    this.positionReader ??= openPositionReader(this.file);
    // One statement: one snapshot of the log. Rows come in position order; answered in the order asked.
    const rows = this.positionReader.all(JSON.stringify(positions));
    return inOrderAsked(positions, rows).map(this.convert);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.stmt.maxPosition.get() ?? 0;
  }

  subscribe(after: number, handlers: SubscriptionHandlers): Subscription {
    this.assertOpen();
    const sub = new SqliteSubscription(
      { readBatch: (from, limit) => this.readBatch(from, limit) },
      after,
      handlers,
      this.pollIntervalMs,
      DEFAULT_BATCH,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(sub);
    return sub;
  }

  /** Commits what is queued, stops subscriptions, closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.thread) {
      await this.thread.close(); // every append issued so far settles first
      if (this.closed) return;
    }
    while (this.queue.length > 0) this.flush();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.positionReader?.close();
    this.db.close();
  }

  private readBatch(after: number, limit: number, to?: number): StoredEvent[] {
    return this.stmt.readAll.all(after, to ?? Number.MAX_SAFE_INTEGER, limit).map(this.convert);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }

  private schedule(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    // A bounded group keeps one transaction from holding the event loop for long under a burst.
    const group = this.queue.splice(0, MAX_GROUP);
    if (this.queue.length > 0) this.schedule();
    if (group.length === 0) return;
    this.commitAppends(group).forEach((outcome, i) => {
      const p = group[i] as PendingAppend;
      if (outcome.ok) p.resolve(outcome.result);
      else p.reject(outcome.error);
    });
  }

  /**
   * Runs inside the group's IMMEDIATE transaction. The expected revision is checked and the events are
   * sealed before the first insert; the inserts themselves find a reused event id (the UNIQUE index
   * probe an insert makes anyway), so a fresh append costs no lookup per id. A collision on the k-th
   * event deletes the k-1 inserted before it (every position above the head before this append; a
   * SAVEPOINT per append would do the same but measurably slows every insert). Only then are the ids
   * looked up, and the answer is the one a lookup first would give: a replay returns what is stored
   * (even when its expected revision is stale), a partial replay or an id of another stream is refused.
   * Refusals write nothing and fail alone. Any other insert failure means a broken database: it aborts
   * the whole group (nothing committed, every append rejected).
   */
  private runGroup(group: readonly AppendInput[]): CommitOutcome[] {
    const tail = this.stmt.tail.get();
    let head = tail?.[0] ?? 0;
    // A NULL here (a row written around the store) chains on as the empty string: verify reports it.
    let logHash = tail ? (tail[1] ?? '') : GENESIS_HASH;
    return group.map((p): CommitOutcome => {
      try {
        validateAppend(p.streamId, p.events, p.expected); // again: a caller of commitAppends may not have
      } catch (error) {
        return { ok: false, error };
      }
      let sealed: SealedRow[];
      let first: number;
      try {
        const current = this.stmt.streamHead.get(p.streamId);
        checkExpectedRevision(p.streamId, p.expected, current?.[0]);
        first = current ? current[0] + 1 : 0;
        sealed = sealEvents(p.streamId, first, current ? storedHash(current[1]) : GENESIS_HASH, p.events);
        checkAppendSize(p.streamId, p.events, sealed);
      } catch (error) {
        return this.duplicateOr(p, error);
      }
      const n = p.events.length;
      const positions = new Array<number>(n);
      const eventIds = new Array<string>(n);
      const insert = this.stmt.insertEvent;
      const before = head;
      const logBefore = logHash;
      try {
        for (let i = 0; i < n; i++) {
          const e = p.events[i] as NewEvent;
          const s = sealed[i] as SealedRow;
          logHash = logChainHash(logHash, s.hash);
          insert.run(++head, e.eventId, p.streamId, first + i, e.type, s.dataJson, s.metadataJson, logHash);
          positions[i] = head;
          eventIds[i] = e.eventId;
        }
      } catch (error) {
        if (!isConstraintError(error)) throw error;
        // Undo this append's earlier inserts: every position above `before` is one of them.
        this.stmt.deleteAfter.run(before);
        head = before;
        logHash = logBefore;
        const outcome = this.duplicateOr(p, null);
        if (!outcome.ok && outcome.error === null) throw error; // not one of our ids: the database is off
        return outcome;
      }
      return {
        ok: true,
        result: {
          streamId: p.streamId,
          revision: first + n - 1,
          position: head,
          eventIds,
          positions,
          duplicate: false,
          hash: (sealed[n - 1] as SealedRow).hash,
        },
      };
    });
  }

  /**
   * What the id lookup says about an append that could not be written: its stored result if it is a
   * replay, its refusal if an id is stored elsewhere or only some are stored, else `error`.
   */
  private duplicateOr(p: AppendInput, error: unknown): CommitOutcome {
    try {
      const duplicate = this.findDuplicate(p);
      return duplicate ? { ok: true, result: duplicate } : { ok: false, error };
    } catch (refusal) {
      return { ok: false, error: refusal };
    }
  }

  /** The stored result when every event id already exists in this stream; throws on a partial match. */
  private findDuplicate(p: AppendInput): AppendResult | null {
    let found = 0;
    const positions: number[] = [];
    let revision = -1;
    let metadata = '';
    for (const e of p.events) {
      const row = this.stmt.eventById.get(e.eventId);
      if (!row) continue;
      if (row[0] !== p.streamId) throw new EventIdConflictError(p.streamId, e.eventId, row[0]);
      found++;
      positions.push(row[2]);
      revision = row[1];
      metadata = row[3];
    }
    if (found === 0) return null;
    if (found < p.events.length) throw new PartialDuplicateError(p.streamId);
    return {
      streamId: p.streamId,
      revision,
      position: positions[positions.length - 1] ?? 0,
      eventIds: p.events.map((e) => e.eventId),
      positions,
      duplicate: true,
      hash: storedHash(metadata),
    };
  }
}
