import type { StoredEvent } from '../../libs/event-store/src/event-store.port.js';
import type { Doc, DocChange, IndexSpec } from '../../libs/read-store/src/read-store.port.js';

/** What a projection sees while it handles an event: the documents as they stand, this batch included. */
export interface ProjectionView {
  get(collection: string, id: string): Promise<Doc | null>;
  /** Events of one stream up to and including `toPosition` (for projections that fold a whole stream). */
  readStream(streamId: string, toPosition: number): Promise<StoredEvent[]>;
}

/**
 * A projection: a name, a version, the event types it handles and an evolve function that turns
 * one event into document changes. Bumping `version` makes the runner rebuild it beside the old one.
 */
export interface ProjectionDefinition {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  readonly collections: readonly string[];
  /** Secondary indexes the read store creates for every generation (part of the documented schema). */
  readonly indexes?: readonly IndexSpec[];
  evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> | DocChange[];
}
