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
