/**
 * The read-store port (DESIGN.md §5). Documents live in collections owned by one projection;
 * each projection may have several generations side by side (a rebuild fills a new one, then
 * the serving pointer switches). SQLite and MongoDB adapters satisfy `contract/read-store.contract.ts`.
 */

export type Doc = Record<string, unknown>;

/**
 * A change a projection asks for. `position` is the event position that produced it (the runner sets
 * it; when absent, the batch position is used). A change at or below the position already stored for
 * that document is ignored, which makes a partly applied batch safe to deliver again.
 */
export type DocChange =
  | { op: 'put'; collection: string; id: string; doc: Doc; position?: number }
  | { op: 'delete'; collection: string; id: string; position?: number };

/** A document with the position of the event that last changed it. */
export interface StoredDoc {
  doc: Doc;
  position: number;
}

/** A secondary index a projection declares on one of its collections (top-level fields, ascending). */
export interface IndexSpec {
  collection: string;
  fields: readonly string[];
}

/** Which generation of which projection a write or read goes to. */
export interface Target {
  projection: string;
  generation: number;
}

/**
 * `stalled`: stopped at an event it cannot handle (blocked), or by a storage error it retries with back-off
 * (not blocked); `integrity-failure`: stopped at an event that fails the log's integrity check (blocked).
 */
export type ProjectionStatus =
  'running' | 'catching-up' | 'stalled' | 'integrity-failure' | 'rebuilding' | 'stopped';

/** Persisted per projection generation: the checkpoint is written in the same unit as the documents. */
export interface Checkpoint {
  projection: string;
  generation: number;
  version: number;
  position: number;
}

/**
 * What the process that runs a projection last published about it, so processes that only read (API
 * replicas beside apps/projector) can report a stall (DESIGN.md §2). Written when the status changes,
 * never per batch: positions come from the checkpoints.
 */
export interface ProjectionRuntimeStatus {
  projection: string;
  status: ProjectionStatus;
  /** Generation served when the record was written. */
  generation: number;
  /** The served checkpoint cannot move until the projection is fixed and its runner restarted. */
  blocked: boolean;
  /**
   * The event the projection stopped at (status 'stalled' or 'integrity-failure'); the stream and revision
   * when the failure names them (integrity failures).
   */
  error?: {
    position: number;
    eventId: string;
    type: string;
    message: string;
    streamId?: string;
    revision?: number;
  };
  /** The subscription is cut off from the event store and resubscribing (since, failed attempts, last error). */
  outage?: { since: string; attempts: number; message: string };
  /** Generation being built beside the served one. */
  rebuildGeneration?: number;
  /** ISO-8601 time of the write. */
  updatedAt: string;
}

export interface ApplyOptions {
  /**
   * The batch may wait for the end of this turn of the event loop and be committed with the other `group`
   * batches issued in it: one transaction (SQLite), each batch still all or nothing and answered alone.
   * For the projections' live batches, which all come from one read of the log; a rebuild's large batches
   * are written one at a time. MongoDB writes each batch as it comes either way.
   */
  group?: boolean;
}

export interface FindQuery {
  /** Equality on top-level fields. Values are scalars only: operators are never passed through. */
  where?: Record<string, string | number | boolean | null>;
  /** Sort on one top-level field. */
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
  offset?: number;
}

export interface ReadStore {
  readonly kind: 'sqlite' | 'mongodb';

  /**
   * Applies the changes and moves the checkpoint to `position` atomically (SQLite: one transaction;
   * MongoDB: every document carries `_position` and writes are guarded on it, so a redelivered
   * batch changes nothing). A batch at or below the stored checkpoint is a no-op. When one batch changes
   * a document several times, the last change wins.
   */
  applyBatch(
    target: Target,
    version: number,
    changes: DocChange[],
    position: number,
    options?: ApplyOptions,
  ): Promise<void>;
  checkpoint(target: Target): Promise<Checkpoint | null>;

  /** Generation currently served for a projection, or null when it has none yet. */
  activeGeneration(projection: string): Promise<number | null>;
  activate(projection: string, generation: number): Promise<void>;
  /** Removes a generation's documents and checkpoint. */
  drop(target: Target): Promise<void>;
  /** All generations that have a checkpoint (for cleanup and status). */
  generations(projection: string): Promise<number[]>;

  get(target: Target, collection: string, id: string): Promise<Doc | null>;
  /** `get` plus the position stored with the document (the runner uses it to skip already applied events). */
  getWithPosition(target: Target, collection: string, id: string): Promise<StoredDoc | null>;
  find(target: Target, collection: string, query?: FindQuery): Promise<Doc[]>;
  /**
   * The document as JSON text, what `JSON.stringify(await get(…))` gives, without parsing it (the API
   * answers hot reads with it as is).
   */
  getText(target: Target, collection: string, id: string): Promise<string | null>;

  /** Creates the declared secondary indexes for a generation (idempotent). */
  ensureIndexes(target: Target, indexes: readonly IndexSpec[]): Promise<void>;

  /**
   * Replaces the runtime status record of a projection (one per projection, whatever the generation).
   */
  setStatus(status: ProjectionRuntimeStatus): Promise<void>;
  /** The record last written by `setStatus`, or null. */
  getStatus(projection: string): Promise<ProjectionRuntimeStatus | null>;

  close(): Promise<void>;
}

export const READ_STORE = Symbol('READ_STORE');
