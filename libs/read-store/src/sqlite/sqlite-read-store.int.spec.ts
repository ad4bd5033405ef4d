import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeReadStoreContract } from '../testing/read-store.contract.js';
import type { DocChange } from '../read-store.port.js';
import { openSqliteReadStore, PAGE_SIZE, READ_STORE_CACHE_KIB } from './sqlite-read-store.js';
import { createReadStore } from '../create-read-store.js';
import { normalizeQuery } from '../validation.js';
import { buildFindSql } from './sqlite-find.js';

const dir = mkdtempSync(join(tmpdir(), 'read-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeReadStoreContract('sqlite', () => openSqliteReadStore(join(dir, 'contract.sqlite')));

describe('SQLite read store specifics', () => {
  it('runs in WAL mode with 16 KiB pages (synchronous=NORMAL is checked at open)', async () => {
    const file = join(dir, 'pragmas.sqlite');
    const store = await openSqliteReadStore(file);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
      expect(PAGE_SIZE).toBeGreaterThan(4096); // SQLite's default
      expect(store.kind).toBe('sqlite');
    } finally {
      raw.close();
      await store.close();
    }
  });

  it('keeps a page cache of 4 MiB per connection, not the 16 MB default', async () => {
    const store = await openSqliteReadStore(join(dir, 'cache.sqlite'));
    try {
      const db = (store as unknown as { db: Database.Database }).db;
      expect(db.pragma('cache_size', { simple: true })).toBe(-READ_STORE_CACHE_KIB);
      expect(READ_STORE_CACHE_KIB).toBeLessThanOrEqual(4096);
    } finally {
      await store.close();
    }
  });

  it('is what createReadStore opens without a MongoDB URI, at <dataDir>/read-models.sqlite', async () => {
    const dataDir = join(dir, 'data', 'nested');
    const store = await createReadStore({ dataDir });
    await store.applyBatch({ projection: 'cfg', generation: 1 }, 1, [], 3);
    await store.close();
    const raw = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
    const row = raw.prepare('SELECT position FROM checkpoints WHERE projection = ?').get('cfg');
    raw.close();
    expect(store.kind).toBe('sqlite');
    expect(row).toEqual({ position: 3 });
  });

  it('applies documents and checkpoint in one transaction: a failure leaves neither', async () => {
    const file = join(dir, 'atomic.sqlite');
    const store = await openSqliteReadStore(file);
    const target = { projection: 'atomic', generation: 1 };
    await store.applyBatch(target, 1, [{ op: 'put', collection: 'c', id: 'first', doc: { v: 1 } }], 1);
    // A trigger fails the second insert of the batch, after the first one has been written.
    const raw = new Database(file);
    raw.exec(`CREATE TRIGGER boom BEFORE INSERT ON docs WHEN json_extract(NEW.doc, '$.boom') = 1
              BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`);
    raw.close();
    // Caught by hand: under jest, better-sqlite3 errors may come from another realm (not `instanceof Error`).
    const failure = await store
      .applyBatch(
        target,
        1,
        [
          { op: 'put', collection: 'c', id: 'a', doc: { v: 2 } },
          { op: 'put', collection: 'c', id: 'first', doc: { v: 2 } },
          { op: 'put', collection: 'c', id: 'b', doc: { boom: 1 } },
        ],
        2,
      )
      .then(
        () => 'resolved',
        (error: unknown) => String((error as { message?: unknown }).message),
      );
    expect(failure).toContain('injected failure');
    expect(await store.get(target, 'c', 'a')).toBeNull();
    expect(await store.get(target, 'c', 'first')).toEqual({ v: 1 });
    expect(await store.checkpoint(target)).toEqual({ ...target, version: 1, position: 1 });
    await store.close();
  });

  it('commits the `group` batches of one turn in one transaction, a failing one undone alone', async () => {
    const file = join(dir, 'grouped.sqlite');
    const store = await openSqliteReadStore(file);
    const targets = ['g1', 'g2', 'g3', 'g4'].map((projection) => ({ projection, generation: 1 }));
    const batch = (v: Record<string, unknown>, position: number): [DocChange[], number] => [
      [{ op: 'put', collection: 'c', id: 'a', doc: v }],
      position,
    ];
    for (const t of targets) await store.applyBatch(t, 1, ...batch({ v: 0 }, 1));
    const walBytes = (): number => statSync(`${file}-wal`).size;
    // Alone: each batch is its own commit, which writes the pages it changed again.
    let before = walBytes();
    for (const t of targets) await store.applyBatch(t, 1, ...batch({ v: 1 }, 2));
    const alone = walBytes() - before;
    // Grouped: nothing is committed before the turn ends, then all in one commit.
    const raw = new Database(file, { readonly: true });
    const stored = (t: { projection: string }): unknown =>
      raw.prepare('SELECT position FROM checkpoints WHERE projection = ?').get(t.projection);
    before = walBytes();
    const grouped = Promise.all(
      targets.map((t) => store.applyBatch(t, 1, ...batch({ v: 2 }, 3), { group: true })),
    );
    expect(stored(targets[0]!)).toEqual({ position: 2 });
    await grouped;
    expect(walBytes() - before).toBeLessThan(alone / 2);
    // A trigger fails one batch of the group: its savepoint is undone, the others commit.
    const writer = new Database(file);
    writer.exec(`CREATE TRIGGER boom BEFORE UPDATE ON docs WHEN json_extract(NEW.doc, '$.boom') = 1
                 BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`);
    writer.close();
    const failing = [
      { op: 'put' as const, collection: 'c', id: 'b', doc: { v: 3 } }, // written, then undone
      { op: 'put' as const, collection: 'c', id: 'a', doc: { boom: 1 } },
    ];
    const outcomes = await Promise.all(
      targets.map((t, i) =>
        (i === 1
          ? store.applyBatch(t, 1, failing, 4, { group: true })
          : store.applyBatch(t, 1, ...batch({ v: 3 }, 4), { group: true })
        ).then(
          () => 'ok',
          (error: unknown) => String((error as { message?: unknown }).message),
        ),
      ),
    );
    expect(outcomes).toEqual(['ok', 'injected failure', 'ok', 'ok']);
    expect(targets.map((t) => stored(t))).toEqual([4, 3, 4, 4].map((position) => ({ position })));
    expect(await store.get(targets[1]!, 'c', 'a')).toEqual({ v: 2 });
    expect(await store.get(targets[1]!, 'c', 'b')).toBeNull();
    expect(await store.get(targets[2]!, 'c', 'a')).toEqual({ v: 3 });
    raw.close();
    await store.close();
  });

  it('uses the partial index declared for a collection, and only for that collection', async () => {
    const file = join(dir, 'index.sqlite');
    const store = await openSqliteReadStore(file);
    await store.ensureIndexes({ projection: 'ix', generation: 1 }, [
      { collection: 'rows', fields: ['year'] },
    ]);
    await store.close();
    const raw = new Database(file, { readonly: true });
    const plan = (collection: string): string => {
      const { sql, params } = buildFindSql('ix', 1, collection, normalizeQuery({ where: { year: 2024 } }));
      const rows = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      return rows.map((row) => row.detail).join(' ');
    };
    try {
      expect(plan('rows')).toContain('docs_ix_ix_rows_year');
      expect(plan('other')).not.toContain('docs_ix_ix_rows_year');
    } finally {
      raw.close();
    }
  });

  it('empties a file of another schema version (read models are rebuilt from the log)', async () => {
    const file = join(dir, 'old-schema.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE docs (projection TEXT, generation INTEGER, collection TEXT, id TEXT, doc TEXT,
              position INTEGER, PRIMARY KEY (projection, generation, collection, id));
              CREATE TABLE checkpoints (projection TEXT, generation INTEGER, version INTEGER, position INTEGER,
              PRIMARY KEY (projection, generation));
              INSERT INTO checkpoints VALUES ('p', 1, 1, 42);
              INSERT INTO docs VALUES ('p', 1, 'c', 'a', '{"v":1}', 42);`);
    old.close();
    const store = await openSqliteReadStore(file);
    const target = { projection: 'p', generation: 1 };
    expect(await store.checkpoint(target)).toBeNull();
    expect(await store.get(target, 'c', 'a')).toBeNull();
    await store.applyBatch(target, 1, [{ op: 'put', collection: 'c', id: 'a', doc: { v: 2 } }], 1);
    await store.close();
    // Opened again at the current version: kept.
    const again = await openSqliteReadStore(file);
    expect(await again.get(target, 'c', 'a')).toEqual({ v: 2 });
    await again.close();
  });
});
