import type { StoredEvent } from '@thidua/event-store';
import type { Doc, DocChange, IndexSpec } from '@thidua/read-store';

/** What a projection sees while it handles an event: the documents as they stand, this batch included. */
export interface ProjectionView {
  get(collection: string, id: string): Promise<Doc | null>;
  /**
   * Like `get` without the copy, for a lookup the projection only reads: the document must not be changed
   * (it is the view's own). Optional; where absent, `get` serves.
   */
  peek?(collection: string, id: string): Promise<Readonly<Doc> | null>;
  /**
   * Like `get`, for a document the projection keeps itself for the rest of the batch and puts back (one
   * change at flush): the view keeps no copy of what it read from the store, so the batch holds one copy,
   * not two. The store's guard on positions still applies to the put; a projection using it compares
   * positions itself where it must. Optional; where absent, `get` serves.
   */
  take?(collection: string, id: string): Promise<Doc | null>;
  /** Events of one stream up to and including `toPosition` (for projections that fold a whole stream). */
  readStream(streamId: string, toPosition: number): Promise<StoredEvent[]>;
}

/**
 * A projection: a name, a version, the event types it handles and an evolve function that turns
 * one event into document changes. Bumping `version` makes the runner rebuild it beside the old one.
 * The events it is given are shared with the other projections of the runner: read-only.
 */
export interface ProjectionDefinition {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  readonly collections: readonly string[];
  /** Secondary indexes the read store creates for every generation (part of the documented schema). */
  readonly indexes?: readonly IndexSpec[];
  /**
   * Optional: collections whose documents the runner keeps as it wrote them (at most `docs`, the least
   * recently written dropped first), to serve the projection's next reads of them in later batches without
   * the store. For documents read back batch after batch (unit-history's heads and index pages, the
   * rankings' units): a rebuild read each from the store (a lookup and a parse) hundreds of thousands of
   * times. The projection must not change a document after it put it (nor what `peek` gave it).
   */
  readonly keep?: {
    readonly collections: readonly string[];
    readonly docs: number;
    /** Whether a put of those collections is worth keeping (default: all): one never read again is not. */
    readonly keeps?: (change: DocChange) => boolean;
  };
  evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> | DocChange[];
  /**
   * Optional: the changes a batch of events adds once all of them are evolved, for a projection that
   * computes a document once per batch rather than once per event (rankings: a period is ranked once
   * however many of the batch's events changed it). The runner calls it once per batch in which evolve
   * handled at least one event, after those evolves and before the write, with the batch's view (the
   * same object evolve got: a projection keys its per-batch state on it, since a rebuild runs a second
   * generation through the same definition at the same time). Its changes are written in the same
   * `applyBatch` as the evolves' changes and the batch's checkpoint.
   *
   * Positions (the read store's guard: a change at or below the position stored with the document is
   * skipped, which makes a redelivered batch harmless): a change's `position`, when given, must be the
   * position of an event of this batch that evolve handled — the event that produced the document;
   * when absent it is the position of the last event of the batch that evolve handled.
   *
   * The guard skips whole changes, so a flushed document should be a function of what the projection
   * folded (as the rankings are of their stream), not a read-modify-write of the stored document: a
   * batch redelivered in part would count its old events twice in the latter.
   *
   * If flush throws (or returns an invalid change), the projection stalls at the batch: nothing of the
   * batch is written and the checkpoint stays where it was. When evolve throws at an event, flush is
   * called for the events before it, which are written as usual (if that flush throws, none are).
   */
  flush?(view: ProjectionView): Promise<DocChange[]> | DocChange[];
  /**
   * Optional: true when the batch evolved into `view` should be written now, before `batchSize` events,
   * because what its flush would produce (and hold in memory until the write) has grown large — rankings:
   * one document per period touched. The runner then flushes and writes it, and starts the next batch.
   */
  batchFull?(view: ProjectionView): boolean;
}
