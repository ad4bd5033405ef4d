import type { Integer } from '@thidua/domain';

/** One error style for the whole code base: Error subclasses carrying a machine-readable code. */
export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not at the expected revision. Mapped from each store's own conflict error. */
export class RevisionConflictError extends StoreError {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number | 'no-stream',
  ) {
    super('REVISION_CONFLICT', `stream ${streamId}: expected ${expected}, actual ${actual}`);
  }
}

/** Some, not all, of the event ids of an append were already stored: a caller bug, never a retry. */
export class PartialDuplicateError extends StoreError {
  constructor(readonly streamId: string) {
    super('PARTIAL_DUPLICATE_APPEND', `stream ${streamId}: some but not all event ids already exist`);
  }
}

/** Why an append is refused before it reaches a store. */
export type InvalidAppendCode =
  /** No events, an event id twice, a bad expected revision, an empty stream id or type. */
  | 'INVALID_APPEND'
  /** A stream id or event type beginning with `$`: EventStoreDB's own namespace, hidden from $all readers. */
  | 'RESERVED_NAME'
  /** An event id that is not a lower-case UUID (EventStoreDB keeps a GUID and answers it lower-case). */
  | 'INVALID_EVENT_ID';

/** The append itself is malformed; `code` says how. */
export class InvalidAppendError extends StoreError {
  constructor(
    readonly streamId: string,
    reason: string,
    code: InvalidAppendCode = 'INVALID_APPEND',
  ) {
    super(code, `stream ${streamId}: ${reason}`);
  }
}

/** The append is larger than a store accepts in one append (EventStoreDB's MaxAppendSize). */
export class AppendTooLargeError extends StoreError {
  constructor(
    readonly streamId: string,
    /** Bytes as the server counts them (data + metadata + 2 × type length), when known. */
    readonly size: number | undefined,
    readonly limit: number,
  ) {
    super(
      'APPEND_TOO_LARGE',
      `stream ${streamId}: the append is ${size === undefined ? 'over' : `${size} bytes, over`} the limit of ${limit} bytes`,
    );
  }
}

/** A read or subscription was asked to start after a position that is not an event's (see ReadAllOptions). */
export class InvalidPositionError extends StoreError {
  constructor(readonly position: number) {
    super(
      'INVALID_POSITION',
      `position ${position} is not the position of an event: start after 0 or after a position the store returned`,
    );
  }
}

/** Every event id of the append is already stored, but in another stream: never a retry. */
export class EventIdConflictError extends StoreError {
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    readonly storedInStream: string,
  ) {
    super(
      'EVENT_ID_CONFLICT',
      `stream ${streamId}: event ${eventId} is already stored in stream ${storedInStream}`,
    );
  }
}

/** The store was closed; the operation did not run. */
export class StoreClosedError extends StoreError {
  constructor() {
    super('STORE_CLOSED', 'the event store is closed');
  }
}

/** Where a read found the log broken: the first event (or position) that fails, and why. */
export interface IntegrityFailure {
  problem: 'altered' | 'removed' | 'reordered' | 'gap' | 'rewritten' | 'truncated';
  /**
   * `stream`: that stream's chain is broken (its appends are refused); `log`: the log as a whole (a
   * missing position, a broken log chain, a truncation): every append is refused.
   */
  scope: 'stream' | 'log';
  streamId?: string;
  revision?: Integer;
  position?: Integer;
  eventId?: string;
  detail: string;
}

/**
 * A read met an event that does not match its hash or its predecessor's (or a missing position), or an
 * append was refused because its stream (or the log) is known to be broken: nothing was written.
 */
export class IntegrityError extends StoreError {
  constructor(
    readonly failure: IntegrityFailure,
    readonly refusedAppend?: string,
  ) {
    super(
      'INTEGRITY_FAILURE',
      refusedAppend === undefined
        ? `integrity failure: ${failure.detail}`
        : `append to ${refusedAppend} refused, nothing was written: ${failure.scope === 'log' ? 'the log' : `stream ${failure.streamId}`} is broken (${failure.detail})`,
    );
  }
}

/** SQLite result codes that mean the storage, not the request, failed (better-sqlite3's `code`, by prefix). */
const STORAGE_CODES: Array<[prefix: string, code: StorageErrorCode, cause: string]> = [
  ['SQLITE_FULL', 'STORAGE_FULL', 'the disk (or the file size limit) is full'],
  ['SQLITE_READONLY', 'STORAGE_READ_ONLY', 'the file or its directory is read-only'],
  ['SQLITE_CANTOPEN', 'STORAGE_UNAVAILABLE', 'the file cannot be opened'],
  ['SQLITE_IOERR', 'STORAGE_UNAVAILABLE', 'an I/O error'],
  ['SQLITE_BUSY', 'STORAGE_BUSY', 'another process holds the write lock'],
];

export type StorageErrorCode = 'STORAGE_FULL' | 'STORAGE_READ_ONLY' | 'STORAGE_UNAVAILABLE' | 'STORAGE_BUSY';

/**
 * The storage under a store failed (disk full, read-only, I/O error, busy): nothing of the operation was
 * kept, and the same operation may succeed once the storage is back (the HTTP answer is 503 with
 * Retry-After; projections retry with back-off).
 */
export class StorageError extends StoreError {
  constructor(
    code: StorageErrorCode,
    readonly file: string,
    readonly sqliteCode: string,
    /** What failed, without the file (for answers that must not show server paths). */
    readonly reason: string,
  ) {
    super(code, `${file}: ${reason} (${sqliteCode})`);
  }
}

/** The StorageError for a SQLite error of the storage kind (by shape: native errors may come from another realm), else null. */
export function storageErrorOf(error: unknown, file: string): StorageError | null {
  if (error instanceof StorageError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if ((error as { name?: unknown } | null)?.name !== 'SqliteError' || typeof code !== 'string') return null;
  const match = STORAGE_CODES.find(([prefix]) => code.startsWith(prefix));
  return match ? new StorageError(match[1], file, code, match[2]) : null;
}

/** True for an error a retry may get past: the storage failed, not the operation. */
export function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('STORAGE_');
}
