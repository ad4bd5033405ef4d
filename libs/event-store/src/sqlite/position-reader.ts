import Database from 'better-sqlite3';

import { BUSY_TIMEOUT_MS } from './schema.js';

type Row = [number, string, string, number, string, string, string, string | null];

export interface PositionReader {
  /** The rows at the positions of a JSON array, ascending by position, each once. */
  all(positionsJson: string): Row[];
  close(): void;
}

/**
 * A read-only connection of its own for readPositions (history pages): one statement for the page's
 * positions, where a statement per position paid the WAL read lock and set-up each time. Not mapped
 * (`mmap_size`): mapping saved ≈ 0.18 ms of a page's ≈ 2 ms but made the process's RSS grow towards the
 * log's size and turns an I/O error under a mapped page into SIGBUS instead of a failed read.
 */
export function openPositionReader(file: string): PositionReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
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
