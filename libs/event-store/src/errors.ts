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
