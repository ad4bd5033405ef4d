import type Database from 'better-sqlite3';

import { StoreError } from '../errors.js';
import { GENESIS_HASH, logChainHash } from '../integrity/hash-chain.js';

/**
 * `events.position` is assigned explicitly (max + 1 inside the write transaction), never by
 * AUTOINCREMENT, so positions are 1, 2, 3, … with no gap. A stream's head (revision, hash) is read
 * through the UNIQUE (stream_id, revision) index: no separate heads table to keep in step (one page
 * less per commit). `log_hash` chains the whole log in position order (integrity/hash-chain.ts
 * `logChainHash`), computed inside the append transaction. `meta` holds facts about the file (when the
 * log chain was added to it) and is what a storage probe writes.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  log_hash TEXT,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export const BUSY_TIMEOUT_MS = 5000;

/** `meta` key: the head position when the log chain was added to a file written before it existed. */
export const LOG_CHAIN_MIGRATED_AT = 'log_chain_migrated_at';

/** SQLite's page cache of an event store connection, in KiB. */
export const EVENT_STORE_CACHE_KIB = 4096;

/**
 * WAL + synchronous=FULL: in WAL mode SQLite defaults to NORMAL, where an acknowledged commit can be
 * lost on power failure. Both settings are read back and the open fails if either did not take.
 */
export function configureDatabase(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (String(mode).toLowerCase() !== 'wal') {
    throw new StoreError('SQLITE_PRAGMA', `journal_mode=WAL did not take effect (got ${String(mode)})`);
  }
  db.pragma('synchronous = FULL');
  const sync = db.pragma('synchronous', { simple: true });
  if (sync !== 2)
    throw new StoreError('SQLITE_PRAGMA', `synchronous=FULL did not take effect (got ${String(sync)})`);
  // better-sqlite3 builds SQLite with a 16 MB page cache per connection. The log is read in position
  // order (catch-up, rebuild) and appended at its end: a scan never reads a cached page again, yet
  // filled the whole cache (≈ 12 MB of a rebuild's peak RSS, measured); indexes' inner pages fit in 4 MiB,
  // and the rest comes from the OS's cache of the file.
  db.pragma(`cache_size = ${-EVENT_STORE_CACHE_KIB}`);
  db.transaction(() => {
    db.exec(DDL);
    addLogChain(db);
  }).immediate();
}

/**
 * A file written before the log chain existed gets the column, filled in position order from the
 * hashes stored in each row's metadata: deterministic (the same file always gets the same values) and
 * done once, under the write lock. It covers the order the rows had at that moment; `meta` records the
 * head it was computed up to.
 */
function addLogChain(db: Database.Database): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all() as string[];
  if (columns.includes('log_hash')) return;
  db.exec('ALTER TABLE events ADD COLUMN log_hash TEXT');
  const page = db
    .prepare<[number], [number, string]>(
      'SELECT position, metadata FROM events WHERE position > ? ORDER BY position LIMIT 10000',
    )
    .raw();
  const update = db.prepare('UPDATE events SET log_hash = ? WHERE position = ?');
  let logHash = GENESIS_HASH;
  let head = 0;
  // Page by page: better-sqlite3 refuses an UPDATE while a SELECT on the connection is being iterated.
  for (let rows = page.all(0); rows.length > 0; rows = page.all(head)) {
    for (const [position, metadata] of rows) {
      const hash = (JSON.parse(metadata) as { hash?: unknown }).hash;
      logHash = logChainHash(logHash, typeof hash === 'string' ? hash : '');
      update.run(logHash, position);
      head = position;
    }
  }
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
    LOG_CHAIN_MIGRATED_AT,
    String(head),
  );
}
