import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  copyYearFold,
  foldYearEvent,
  initialYearFold,
  type EvaluatorEvent,
  type PeriodCode,
  type YearFold,
} from '@thidua/domain';

/** Events between two checkpoints of a stream: what an as-of folds at most beyond its checkpoint. */
export const CHECKPOINT_EVERY = 4096;
/** Overrides CHECKPOINT_EVERY (tests). */
export const FOLD_CHECKPOINT_EVERY = 'FOLD_CHECKPOINT_EVERY';
/**
 * Checkpoints kept in all, the (stream, period) pairs least recently used evicted first (the one just
 * asked is kept): each holds its period's entries up to it, so this bounds the memory (a 100,000-event
 * year has 24 per period).
 */
const KEPT_CHECKPOINTS = 64;

interface Checkpoint {
  /** The fold of events[0 … index): never folded into (copied first). */
  fold: YearFold;
  index: number;
  /** events[index - 1] as it was folded: the checkpoint serves an array holding this very object there. */
  last: EvaluatorEvent;
}

/**
 * One-period folds of the cluster-years kept parsed (ClusterYearEvents), checkpointed every
 * CHECKPOINT_EVERY events, so that an as-of or what-if folds only from the nearest checkpoint at or before
 * its position instead of from the start: the cost of a query no longer grows with how far into the
 * stream it asks. The folds are the evaluator's own (`initialYearFold` scoped to the period, untraced,
 * `foldYearEvent`), copied (`copyYearFold`) before folding on, so a ranking from here is the same bytes as
 * `evaluateRanking(events, period, { upToPosition })` (tested against it at every cut).
 *
 * Events are those of ClusterYearEvents: one stream, revisions 0, 1, 2…, hence positions increasing. A
 * checkpoint serves an array only if it holds the checkpoint's last event object at the same index (arrays
 * grow by concatenation, sharing the parsed events; a stream read again has new objects).
 */
@Injectable()
export class FoldCheckpoints {
  private readonly scopes = new Map<string, Checkpoint[]>();
  private readonly every: number;

  constructor(@Optional() @Inject(FOLD_CHECKPOINT_EVERY) every?: number) {
    this.every = every ?? CHECKPOINT_EVERY;
  }

  /** Checkpoints kept, over all (stream, period) pairs. */
  held(): number {
    let n = 0;
    for (const list of this.scopes.values()) n += list.length;
    return n;
  }

  /** The untraced fold of `period` over the events with position ≤ upToPosition (all when undefined). */
  foldAsOf(
    streamId: string,
    events: readonly EvaluatorEvent[],
    period: PeriodCode,
    upToPosition?: number,
  ): YearFold {
    const cut = upToPosition === undefined ? events.length : countUpTo(events, upToPosition);
    const key = `${streamId}\u0000${period}`;
    const before = this.scopes.get(key) ?? [];
    this.scopes.delete(key); // set again below: most recently used last
    // The checkpoints still true of this array (all, unless the stream was read again).
    let valid = 0;
    while (valid < before.length && events[before[valid]!.index - 1] === before[valid]!.last) valid++;
    const checkpoints = before.slice(0, valid);
    let base: Checkpoint | undefined;
    for (const c of checkpoints) {
      if (c.index > cut) break;
      base = c;
    }
    const fold = base ? copyYearFold(base.fold) : initialYearFold(streamId, { trace: false, only: period });
    // Checkpoints are every CHECKPOINT_EVERY events from the start, none missing: new ones only past the last.
    const lastKept = checkpoints.at(-1)?.index ?? 0;
    for (let index = base?.index ?? 0; index < cut; index++) {
      const e = events[index]!;
      foldYearEvent(fold, e);
      const at = index + 1;
      if (at % this.every === 0 && at > lastKept)
        checkpoints.push({ fold: copyYearFold(fold), index: at, last: e });
    }
    this.scopes.set(key, checkpoints);
    let kept = this.held();
    for (const [k, list] of this.scopes) {
      if (kept <= KEPT_CHECKPOINTS || k === key) break;
      this.scopes.delete(k);
      kept -= list.length;
    }
    return fold;
  }
}

/** How many events have position ≤ `position` (events in position order): a binary search. */
export function countUpTo(events: readonly EvaluatorEvent[], position: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.position <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
