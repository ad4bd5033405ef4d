import type Database from 'better-sqlite3';

import { StoreError } from '../errors.js';

/**
 * `events.position` is assigned explicitly (max + 1 inside the write transaction), never by
 * AUTOINCREMENT, so positions are 1, 2, 3, … with no gap. A stream's head (revision, hash) is read
 * through the UNIQUE (stream_id, revision) index: no separate heads table to keep in step (one page
 * less per commit).
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
  UNIQUE (stream_id, revision)
);
`;

export const BUSY_TIMEOUT_MS = 5000;

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
  db.transaction(() => db.exec(DDL)).immediate();
}
