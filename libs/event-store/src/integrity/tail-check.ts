/**
 * The start-up check: the log read through the verifying store from the last position verified before
 * (the anchor, kept signed beside the digests) to the head, so a process never serves a tail it has not
 * checked. The anchor event itself must still be the one verified (same hash, same log hash), so history
 * up to it cannot have been truncated, or rewritten and re-chained, since. The full check stays
 * `verifyLog` (`npm run cli -- verify`).
 */
import { IntegrityError, type IntegrityFailure } from '../errors.js';
import type { StoredEvent } from '../event-store.port.js';
import type { VerifyingEventStore } from './verifying-event-store.js';

/** The last position verified, and what was there. Position 0: nothing verified yet. */
export interface VerifiedAnchor {
  position: number;
  /** Hash of the event at `position`. */
  hash?: string;
  /** Its log hash (stores with a log chain). */
  logHash?: string;
}

export interface TailCheckResult {
  /** The anchor to keep for the next start: the last event verified (the old one when a check failed). */
  anchor: VerifiedAnchor;
  checkedEvents: number;
  failure?: IntegrityFailure;
}

const BATCH = 2000;

function anchorOf(e: StoredEvent): VerifiedAnchor {
  return {
    position: e.position,
    hash: e.metadata.hash,
    ...(e.logHash === undefined ? {} : { logHash: e.logHash }),
  };
}

/** Checks the anchor event, then the log after it; a failure is recorded in the store (readiness, appends). */
export async function verifyTail(
  store: VerifyingEventStore,
  anchor: VerifiedAnchor = { position: 0 },
  onProgress?: (position: number, head: number) => void,
): Promise<TailCheckResult> {
  const head = await store.headPosition();
  const fail = (failure: IntegrityFailure): TailCheckResult => {
    store.record(failure);
    return { anchor, checkedEvents: 0, failure };
  };
  if (anchor.position > 0) {
    const [there] = await store.unverified.readAll({
      after: anchor.position - 1,
      to: anchor.position,
      batchSize: 1,
    });
    if (!there || there.position !== anchor.position) {
      return fail({
        problem: 'truncated',
        scope: 'log',
        position: anchor.position,
        detail: `position ${anchor.position}, verified at an earlier start, is no longer in the log (head ${head})`,
      });
    }
    if (there.metadata.hash !== anchor.hash || there.logHash !== anchor.logHash) {
      return fail({
        problem: 'rewritten',
        scope: 'log',
        position: anchor.position,
        streamId: there.streamId,
        revision: there.revision,
        eventId: there.eventId,
        detail:
          `the event at position ${anchor.position} (stream ${there.streamId} revision ${there.revision}) is not ` +
          'the one verified at an earlier start: history up to it was rewritten',
      });
    }
  }
  let after = anchor.position;
  let last = anchor;
  let checkedEvents = 0;
  try {
    for (;;) {
      const batch = await store.readAll({ after, batchSize: BATCH });
      const tail = batch[batch.length - 1];
      if (!tail) break;
      checkedEvents += batch.length;
      after = tail.position;
      last = anchorOf(tail);
      onProgress?.(after, head);
    }
  } catch (error) {
    if (error instanceof IntegrityError) return { anchor: last, checkedEvents, failure: error.failure };
    throw error;
  }
  return { anchor: last, checkedEvents };
}
