import type { Integer } from '@thidua/domain';
import type { ProjectionStatus, Target } from '@thidua/read-store';

export interface RunnerLogger {
  info(o: object, msg?: string): void;
  error(o: object, msg?: string): void;
}

export interface ProjectionRunnerOptions {
  /**
   * Most events evolved per read-store write (one transaction with the checkpoint, one flush). A
   * delivery is cut into batches of at most this many; while a generation catches up on SQLite,
   * consecutive deliveries are joined up to it (fewer, larger writes: a rebuild is much faster).
   * Default 5000.
   */
  batchSize?: number;
  /**
   * Documents a batch may hold before it is written, whatever its events (see BatchLimits): what bounds
   * a catching-up batch's memory where events touch many documents at once (a year's end). Default 1000.
   */
  batchDocs?: number;
  logger?: RunnerLogger;
  /**
   * How long a generation replaced by a rebuild stays readable before it is dropped, for queries that
   * took its target just before the switch and for followers (other processes) that have not seen the
   * switch yet. Default 0: dropped right after the switch. Pending drops are done at `stop()`.
   */
  retireAfterMs?: number;
  /**
   * A projection stopped by a storage error (disk full, I/O, busy) tries again after this delay, doubled
   * on each failure up to `retryMaxMs`. Defaults 500 and 30,000 ms. A poison event is never retried.
   */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface ProjectionFollowerOptions {
  /** How often the served generations, checkpoints and status records are re-read. Default 250 ms. */
  refreshMs?: number;
  /** Re-read interval while a `waitFor` is pending. Default 20 ms. */
  waitPollMs?: number;
  logger?: RunnerLogger;
}

/** The event a projection stopped at (or the batch whose write failed). */
export interface StallInfo {
  position: Integer;
  eventId: string;
  type: string;
  message: string;
  /** The stream and revision of the event, when the failure names them (integrity failures). */
  streamId?: string;
  revision?: Integer;
  /** Stopped by the log's integrity check (status integrity-failure): never retried. */
  integrity?: boolean;
  /** Stopped by a storage error: retried by itself with back-off (not blocked). */
  retrying?: boolean;
}

/** The projection's subscription lost its connection to the event store and is resubscribing. */
export interface OutageInfo {
  /** ISO-8601 time the outage began. */
  since: string;
  /** Failed attempts so far (1: the drop itself). */
  attempts: number;
  /** The last error, as the store's client reported it. */
  message: string;
}

export interface ProjectionStatusReport {
  name: string;
  version: Integer;
  /** Generation served to queries. */
  generation: Integer;
  status: ProjectionStatus;
  /** Checkpoint of the served generation. */
  position: Integer;
  head: Integer;
  lag: Integer;
  error?: StallInfo;
  /** Set while the subscription is cut off from the event store (it resubscribes by itself). */
  outage?: OutageInfo;
  /** A generation being built beside the served one (rebuild or version change). */
  rebuild?: { generation: Integer; position: Integer };
}

/**
 * What the API reads of the projections, whoever runs them: the ProjectionRunner of this process, or a
 * ProjectionFollower that reads what apps/projector records in the read store.
 */
export interface ProjectionReadView {
  /** Every projection: served generation, status, checkpoint, head, lag, stall. */
  status(): Promise<ProjectionStatusReport[]>;
  /**
   * True once every listed projection (default: all) has a served checkpoint >= `position`; false after
   * `timeoutMs`, or at once when one of them is stalled (it cannot get there without a fix).
   */
  waitFor(position: number, timeoutMs: number, projections?: string[]): Promise<boolean>;
  /** The generation queries must read for a projection. */
  target(name: string): Target;
  /**
   * The checkpoint of that generation as this process knows it (synchronous): read models do not change
   * while it stands still, so a reader may keep what it read under it.
   */
  servedPosition(name: string): number;
  /** The integrity failure the projection stopped at (synchronous, as last known), if any. */
  integrityFailure(name: string): StallInfo | undefined;
}

/** The name of a thread that runs the projections (at most 15 bytes): `top -H` and the bench find it by it. */
export const PROJECTION_THREAD_NAME = 'projections';
