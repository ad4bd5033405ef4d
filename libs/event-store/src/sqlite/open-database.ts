import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { StorageError, storageErrorOf } from '../errors.js';

/** SQLite's default cap (pages), restored when a cap set by `setMaxPageCount` is lifted. */
const DEFAULT_MAX_PAGE_COUNT = 4294967294;

/**
 * Opens a SQLite file and configures it; an open that fails for a storage reason throws a StorageError
 * naming the file and the cause (a read-only directory or file, a full disk) instead of SQLite's bare
 * "unable to open database file". Shared by the event store and the read store.
 */
export function openDatabase(
  file: string,
  configure: (db: Database.Database) => void,
  options: Database.Options = {},
): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, options);
  } catch (error) {
    throw explainOpenFailure(error, file);
  }
  try {
    configure(db);
  } catch (error) {
    db.close();
    throw explainOpenFailure(error, file);
  }
  return db;
}

/** Caps the file (see SqliteEventStore.setMaxPageCount); returns the cap in force. */
export function setMaxPageCount(db: Database.Database, pages: number | undefined): number {
  const value = pages === undefined ? DEFAULT_MAX_PAGE_COUNT : Math.max(1, Math.floor(pages));
  return db.pragma(`max_page_count = ${value}`, { simple: true }) as number;
}

function explainOpenFailure(error: unknown, file: string): unknown {
  const storage = storageErrorOf(error, file);
  if (!storage) return error;
  const directory = dirname(file);
  const writable = (path: string): string | null => {
    try {
      accessSync(path, constants.W_OK);
      return null;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code ?? 'EACCES';
    }
  };
  const dirProblem = writable(directory);
  if (dirProblem) {
    return new StorageError(
      'STORAGE_READ_ONLY',
      file,
      storage.sqliteCode,
      `cannot open: the directory ${directory} is not writable (${dirProblem}); SQLite needs to create the file and its -wal and -shm files there`,
    );
  }
  const fileProblem = existsSync(file) ? writable(file) : null;
  if (fileProblem) {
    return new StorageError(
      'STORAGE_READ_ONLY',
      file,
      storage.sqliteCode,
      `cannot open: the file is not writable (${fileProblem})`,
    );
  }
  return storage;
}
