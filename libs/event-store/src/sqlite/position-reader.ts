import Database from 'better-sqlite3';

import { BUSY_TIMEOUT_MS } from './schema.js';

/** How much of the file readPositions' connection maps (SQLite caps it at its own maximum, 2 GiB). */
export const POSITION_READER_MMAP_BYTES = 2 ** 31;

type Row = [number, string, string, number, string, string, string, string | null];

export interface PositionReader {
  /** The rows at the positions of a JSON array, ascending by position, each once. */
  all(positionsJson: string): Row[];
  close(): void;
}

/**
 * A read-only connection of its own for readPositions (history pages): a unit's events lie far apart in the
 * log, so each of a page's 50 rows is on a leaf page of its own. Mapped (`mmap_size`), SQLite reads those
 * pages in place instead of a pread and copy each into its page cache; the other readers of the log
 * (catch-up, a rebuild, the start-up checks) scan all of it and stay on the main connection, unmapped. The
 * mapped pages are the OS's cache of the file: they count in this process's RSS (file-backed, reclaimable)
 * as pages are served.
 */
export function openPositionReader(file: string): PositionReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma(`mmap_size = ${POSITION_READER_MMAP_BYTES}`);
    const select = db
      .prepare<[string], Row>(
        'SELECT position, event_id, stream_id, revision, type, data, metadata, log_hash FROM events ' +
          'WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position',
      )
      .raw();
    return { all: (positionsJson) => select.all(positionsJson), close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}
