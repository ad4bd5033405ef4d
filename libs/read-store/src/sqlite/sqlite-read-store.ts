import type Database from 'better-sqlite3';
import { openSqliteFile, setSqliteMaxPageCount, storageErrorOf } from '@thidua/event-store';
import type {
  ApplyOptions,
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
import { ReadStoreConfigError, ReadStoreInputError } from '../errors.js';
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
import { buildFindSql, indexSql } from './sqlite-find.js';
import { openReadSchema } from './sqlite-schema.js';

interface CheckpointRow {
  version: number;
  position: number;
}

export const PAGE_SIZE = 16384;

/**
 * SQLite's page cache of a read store connection, in KiB. better-sqlite3's build default is 16 MB: a
 * rebuild writes the whole file through the connection and filled it (≈ 12 MiB of a 1M rebuild's peak
 * RSS). A read touches a few pages (an index's inner pages and the document's), which fit in 4 MiB; the
 * rest comes from the OS's cache of the file.
 */
export const READ_STORE_CACHE_KIB = 4096;

/** Opens (or creates) the SQLite read store. WAL with synchronous=NORMAL, checked; writes are IMMEDIATE. */
export async function openSqliteReadStore(file: string): Promise<SqliteReadStore> {
  const db = openSqliteFile(
    file,
    (opened) => {
      configureDurability(opened);
      openReadSchema(opened);
    },
    { timeout: 5000 },
  );
  return new SqliteReadStore(db, file);
}

function configureDurability(db: Database.Database): void {
  // 16 KiB pages (a new file only: the size is fixed once WAL is on). Documents are 0.2–5 KiB: on 4 KiB
  // pages a rebuild's inserts cost twice as much (measured: 10.0 → 5.5 µs per 600-byte document).
  db.pragma(`page_size = ${PAGE_SIZE}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new ReadStoreConfigError(`journal_mode is ${String(mode)}, expected wal`);
  // NORMAL, not FULL as in the event store: a power loss may roll back the last commits, but the file stays
  // consistent and each checkpoint is committed with its documents, so the runner projects the lost tail
  // again from the log. It saves an fsync per projection batch (four per group commit of the log).
  db.pragma('synchronous = NORMAL');
  const synchronous = db.pragma('synchronous', { simple: true });
  if (synchronous !== 1)
    throw new ReadStoreConfigError(`synchronous is ${String(synchronous)}, expected NORMAL (1)`);
  db.pragma(`cache_size = ${-READ_STORE_CACHE_KIB}`);
}

export class SqliteReadStore implements ReadStore {
  readonly kind = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();

  private readonly selectCheckpoint;
  private readonly upsertCheckpoint;
  private readonly putDoc;
  private readonly deleteDoc;
  private readonly selectDoc;
  private readonly applyTx;
  private readonly groupTx;
  private readonly dropTx;
  /** `group` batches waiting for the end of the turn (applyBatch). */
  private grouped: GroupedBatch[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {
    this.selectCheckpoint = db.prepare<[string, number], CheckpointRow>(
      'SELECT version, position FROM checkpoints WHERE projection = ? AND generation = ?',
    );
    this.upsertCheckpoint = db.prepare<[string, number, number, number]>(
      `INSERT INTO checkpoints (projection, generation, version, position) VALUES (?, ?, ?, ?)
       ON CONFLICT (projection, generation) DO UPDATE SET version = excluded.version, position = excluded.position`,
    );
    // Guarded on the stored position, like the MongoDB adapter: an older change never overwrites a newer one.
    this.putDoc = db.prepare<[string, number, string, string, string, number]>(
      `INSERT INTO docs (projection, generation, collection, id, doc, position) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (projection, generation, collection, id)
       DO UPDATE SET doc = excluded.doc, position = excluded.position WHERE excluded.position > docs.position`,
    );
    this.deleteDoc = db.prepare<[string, number, string, string, number]>(
      'DELETE FROM docs WHERE projection = ? AND generation = ? AND collection = ? AND id = ? AND position < ?',
    );
    this.selectDoc = db.prepare<[string, number, string, string], { doc: string; position: number }>(
      'SELECT doc, position FROM docs WHERE projection = ? AND generation = ? AND collection = ? AND id = ?',
    );
    this.applyTx = db.transaction(
      (target: Target, version: number, rows: PreparedChange[], position: number): void => {
        const stored = this.selectCheckpoint.get(target.projection, target.generation);
        if (stored && position <= stored.position) return; // redelivered batch
        for (const row of rows) {
          if (row.doc === undefined) {
            this.deleteDoc.run(target.projection, target.generation, row.collection, row.id, row.position);
          } else {
            this.putDoc.run(
              target.projection,
              target.generation,
              row.collection,
              row.id,
              row.doc,
              row.position,
            );
          }
        }
        this.upsertCheckpoint.run(target.projection, target.generation, version, position);
      },
    );
    // Each batch in its own savepoint (a nested transaction): one that fails is undone and answered alone.
    this.groupTx = db.transaction((group: GroupedBatch[]): unknown[] =>
      group.map((b) => {
        try {
          this.applyTx(b.target, b.version, b.rows, b.position);
          return undefined;
        } catch (error) {
          // SQLite rolled the whole transaction back (a full disk, an I/O error): the group fails as one.
          if (!db.inTransaction) throw error;
          return error;
        }
      }),
    );
    const dropDocs = db.prepare<[string, number]>('DELETE FROM docs WHERE projection = ? AND generation = ?');
    const dropCheckpoint = db.prepare<[string, number]>(
      'DELETE FROM checkpoints WHERE projection = ? AND generation = ?',
    );
    this.dropTx = db.transaction((target: Target) => {
      dropDocs.run(target.projection, target.generation);
      dropCheckpoint.run(target.projection, target.generation);
    });
  }

  async applyBatch(
    target: Target,
    version: number,
    changes: DocChange[],
    position: number,
    options: ApplyOptions = {},
  ): Promise<void> {
    assertTarget(target);
    assertPosition(position);
    if (!Number.isSafeInteger(version))
      throw new ReadStoreInputError('INVALID_QUERY', 'version must be an integer');
    // Serialize before taking the write lock.
    const rows: PreparedChange[] = collapseChanges(changes, position).map((change) => ({
      collection: change.collection,
      id: change.id,
      position: change.position,
      doc: change.op === 'put' ? JSON.stringify(change.doc) : undefined,
    }));
    if (!options.group) {
      this.write(() => this.applyTx.immediate(target, version, rows, position));
      return;
    }
    return new Promise<void>((resolve, reject) => {
      if (this.grouped.length === 0) setImmediate(() => this.commitGrouped());
      this.grouped.push({ target, version, rows, position, resolve, reject });
    });
  }

  /** The `group` batches of the turn that ended, in one IMMEDIATE transaction. */
  private commitGrouped(): void {
    const group = this.grouped;
    this.grouped = [];
    if (group.length === 0) return;
    let failures: unknown[];
    try {
      failures = this.write(() => this.groupTx.immediate(group));
    } catch (error) {
      for (const b of group) b.reject(error);
      return;
    }
    group.forEach((b, i) => {
      const failure = failures[i];
      if (failure === undefined) b.resolve();
      else b.reject(storageErrorOf(failure, this.file) ?? failure);
    });
  }

  /** Caps the file (PRAGMA max_page_count, this connection); undefined lifts it. See the event store's. */
  setMaxPageCount(pages: number | undefined): number {
    return setSqliteMaxPageCount(this.db, pages);
  }

  /** A write whose storage failure (full disk, read-only, I/O) leaves as a StorageError naming the file. */
  private write<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw storageErrorOf(error, this.file) ?? error;
    }
  }

  async checkpoint(target: Target): Promise<Checkpoint | null> {
    assertTarget(target);
    const row = this.selectCheckpoint.get(target.projection, target.generation);
    return row ? { projection: target.projection, generation: target.generation, ...row } : null;
  }

  async activeGeneration(projection: string): Promise<number | null> {
    assertProjectionName(projection);
    const row = this.statement('SELECT generation FROM active WHERE projection = ?').get(projection) as
      { generation: number } | undefined;
    return row ? row.generation : null;
  }

  async activate(projection: string, generation: number): Promise<void> {
    assertTarget({ projection, generation });
    const upsert = this.statement(
      `INSERT INTO active (projection, generation) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET generation = excluded.generation`,
    );
    this.write(() => this.db.transaction(() => upsert.run(projection, generation)).immediate());
  }

  async drop(target: Target): Promise<void> {
    assertTarget(target);
    this.write(() => this.dropTx.immediate(target));
  }

  async generations(projection: string): Promise<number[]> {
    assertProjectionName(projection);
    const rows = this.statement(
      'SELECT generation FROM checkpoints WHERE projection = ? ORDER BY generation',
    ).all(projection) as { generation: number }[];
    return rows.map((row) => row.generation);
  }

  async get(target: Target, collection: string, id: string): Promise<Doc | null> {
    return (await this.getWithPosition(target, collection, id))?.doc ?? null;
  }

  async getWithPosition(target: Target, collection: string, id: string): Promise<StoredDoc | null> {
    assertTarget(target);
    assertCollectionName(collection);
    assertId(id);
    const row = this.selectDoc.get(target.projection, target.generation, collection, id);
    return row ? { doc: JSON.parse(row.doc) as Doc, position: row.position } : null;
  }

  async getText(target: Target, collection: string, id: string): Promise<string | null> {
    assertTarget(target);
    assertCollectionName(collection);
    assertId(id);
    // The stored text is JSON.stringify of the document: the same bytes a parse + stringify would give.
    return this.selectDoc.get(target.projection, target.generation, collection, id)?.doc ?? null;
  }

  async find(target: Target, collection: string, query?: FindQuery): Promise<Doc[]> {
    assertTarget(target);
    assertCollectionName(collection);
    const { sql, params } = buildFindSql(
      target.projection,
      target.generation,
      collection,
      normalizeQuery(query),
    );
    const rows = this.statement(sql).all(...params) as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as Doc);
  }

  async ensureIndexes(target: Target, indexes: readonly IndexSpec[]): Promise<void> {
    assertTarget(target);
    assertIndexes(indexes);
    for (const index of indexes) this.db.exec(indexSql(target.projection, index.collection, index.fields));
  }

  async setStatus(status: ProjectionRuntimeStatus): Promise<void> {
    const record = normalizeRuntimeStatus(status);
    const upsert = this.statement(
      `INSERT INTO projection_status (projection, record) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET record = excluded.record`,
    );
    this.write(() =>
      this.db.transaction(() => upsert.run(record.projection, JSON.stringify(record))).immediate(),
    );
  }

  async getStatus(projection: string): Promise<ProjectionRuntimeStatus | null> {
    assertProjectionName(projection);
    const row = this.statement('SELECT record FROM projection_status WHERE projection = ?').get(
      projection,
    ) as { record: string } | undefined;
    return row ? normalizeRuntimeStatus(JSON.parse(row.record) as ProjectionRuntimeStatus) : null;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commitGrouped();
    this.db.close();
  }

  /** Prepared statements for query shapes; their text depends only on validated names. */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

interface GroupedBatch {
  target: Target;
  version: number;
  rows: PreparedChange[];
  position: number;
  resolve(): void;
  reject(error: unknown): void;
}

interface PreparedChange {
  collection: string;
  id: string;
  position: number;
  /** JSON text of a put; undefined for a delete. */
  doc: string | undefined;
}
