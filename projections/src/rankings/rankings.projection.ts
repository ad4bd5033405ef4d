import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import {
  COMPLAINT_EVENT_TYPES,
  EMULATION_YEAR_EVENT_TYPES,
  openedPeriods,
  parseStreamId,
  PERIODS,
  rankingStamp,
  rankYearFold,
  isReleased,
  type PeriodCode,
  type Ranking,
  type YearFold,
} from '@thidua/domain';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { BYTES_PER_EVENT, FoldCache, type FoldCacheLimits } from './fold-cache.js';
import {
  RANKINGS_COLLECTION,
  RANKINGS_PROJECTION,
  rankingDigest,
  rankingDocId,
  rankingDocument,
} from './ranking-document.js';

export const RANKINGS_VERSION = 1;

const PERIOD_CODES: ReadonlySet<string> = new Set(PERIODS.map((p) => p.code));
const COMPLAINT_TYPES: ReadonlySet<string> = new Set(COMPLAINT_EVENT_TYPES);

/** What evolve returns for every event (documents come from flush): one frozen array, not one per event. */
const NO_CHANGES = Object.freeze([]) as unknown as DocChange[];

function stateOfStream(streamId: string): { clusterId: string; year: number } {
  const stream = parseStreamId(streamId);
  if (stream?.category !== 'emulation') throw new Error(`${streamId} is not a cluster-year stream`);
  return stream;
}

/** The last ranking of a period, its digest and the stamp it was ranked at. */
interface Ranked {
  stamp: number;
  ranking: Ranking;
  digest: string;
}

/** About the memory of a ranking, in BYTES_PER_EVENT units: a criterion score and its entry id, a row's fields. */
const rankingWeight = (ranking: Ranking): number =>
  ranking.rows.reduce((sum, row) => sum + 120 * row.criteria.length + 400, 0) / BYTES_PER_EVENT;

/** What a batch changed on one stream: the fold after its last event there, and the periods it concerned. */
interface Touched {
  clusterId: string;
  year: number;
  fold: YearFold;
  /** The batch's last event on the stream (the fold must still be right after it when the batch flushes). */
  last: StoredEvent;
  /** Period → position of the batch's last event that concerned it. */
  periods: Map<PeriodCode, number>;
}

/**
 * `rankings`: one document per cluster × year × period that has been opened — the evaluator's ranking
 * of the cluster-year stream up to the last event that concerned the period (see RankingDocument):
 * `evaluateRanking(stream up to doc.position, period)`, byte for byte.
 *
 * Every event of a cluster-year stream is fed in. evolve folds it into the stream's year fold (kept in
 * a FoldCache, so a rebuild is linear: each event is folded once) and notes which periods it concerned:
 * the one it names, or every opened period when it names none (admission, scheme, pledge, ballot…).
 * flush, once per batch, ranks each noted period once from the fold and emits its document, at the
 * position of the batch's last event that concerned it — the events after that one name other periods
 * only, so the ranking there equals the ranking of the fold but for `position`, which is set to it.
 * A period whose `rankingStamp` has not moved since it was last ranked (only ballots, pledges… came
 * in) reuses that ranking and digest with the new position.
 *
 * Memory: a closed period's ranking is kept and, once a later period has closed too, the fold gives up
 * its score entries (releaseClosed), so a fold holds about its open and last closed periods' entries; the
 * cache bounds the rest (FoldCache: least recently used cluster-years, years gone by first).
 *
 * Per-batch state is keyed on the batch's view: a rebuild runs a second generation through this same
 * object at the same time. The folds are shared, so at flush a fold is used only if it still stands right
 * after the batch's last event on its stream; if another generation moved it on meanwhile, the fold is
 * made again from the stream up to that event.
 */
export function rankingsProjection(options: { cache?: FoldCacheLimits } = {}): ProjectionDefinition & {
  readonly cache: FoldCache;
} {
  const cache = new FoldCache(options.cache);
  const batches = new WeakMap<ProjectionView, Map<string, Touched>>();
  /** The last ranking of each period of a fold, with its stamp and digest (gone with the fold). */
  const ranked = new WeakMap<YearFold, Map<PeriodCode, Ranked>>();
  /**
   * A closed period changes no more but by a late event naming it (a dispute, a reopening): its ranking
   * is kept in `memo` and the fold gives up its entries — once a later period (calendar order) has closed
   * too, since late events mostly concern the period closed last. An event naming a released period makes
   * the cache fold the stream again (one read), so this only trades memory for rare reads.
   */
  function releaseClosed(fold: YearFold, opened: readonly PeriodCode[], memo: Map<PeriodCode, Ranked>): void {
    let laterClosed = false;
    for (let i = opened.length - 1; i >= 0; i--) {
      const period = opened[i]!;
      const last = memo.get(period);
      // Closed, and its ranking at hand (ranked at the current stamp).
      if (!last || last.ranking.status === 'open' || last.stamp !== rankingStamp(fold, period)) continue;
      if (laterClosed && !isReleased(fold, period)) cache.release(fold, period, rankingWeight(last.ranking));
      laterClosed = true;
    }
  }

  /** Notes the fold and the periods the event concerned (flush ranks only opened periods: a period never opened has no document). */
  function note(
    touched: Map<string, Touched>,
    t: Touched | undefined,
    event: StoredEvent,
    fold: YearFold,
  ): DocChange[] {
    if (!t) {
      const { clusterId, year } = stateOfStream(event.streamId);
      touched.set(event.streamId, { clusterId, year, fold, last: event, periods: new Map() });
      t = touched.get(event.streamId)!;
    } else {
      t.fold = fold;
      t.last = event;
    }
    const named = event.data['period'];
    if (named === undefined) for (const period of openedPeriods(fold)) t.periods.set(period, event.position);
    else if (typeof named === 'string' && PERIOD_CODES.has(named))
      t.periods.set(named as PeriodCode, event.position);
    return NO_CHANGES;
  }

  return {
    name: RANKINGS_PROJECTION,
    version: RANKINGS_VERSION,
    handles: EMULATION_YEAR_EVENT_TYPES,
    collections: [RANKINGS_COLLECTION],
    indexes: [{ collection: RANKINGS_COLLECTION, fields: ['clusterId', 'year'] }],
    cache,
    evolve(event: StoredEvent, view: ProjectionView): DocChange[] | Promise<DocChange[]> {
      let touched = batches.get(view);
      if (!touched) batches.set(view, (touched = new Map()));
      const t = touched.get(event.streamId);
      const category = t ? 'emulation' : parseStreamId(event.streamId)?.category;
      // Complaints about award decisions share the complaint event types: they rank nothing.
      if (category === 'award-decision' && COMPLAINT_TYPES.has(event.type)) return NO_CHANGES;
      if (category !== 'emulation')
        throw new Error(
          `${event.type} #${event.position} is not in a cluster-year stream (${event.streamId})`,
        );
      // Without a promise when the cache extends a fold it keeps (nearly every event of a rebuild).
      const fold = cache.tryFoldUpTo(event);
      if (fold) return note(touched, t, event, fold);
      const batch = touched;
      return cache.foldUpTo(event, view).then((f) => note(batch, batch.get(event.streamId), event, f));
    },
    async flush(view: ProjectionView): Promise<DocChange[]> {
      const touched = batches.get(view);
      batches.delete(view);
      const changes: DocChange[] = [];
      for (const [streamId, t] of touched ?? []) {
        if (t.periods.size === 0) continue;
        let fold = t.fold;
        if (fold.revision !== t.last.revision || fold.lastEventId !== t.last.eventId)
          fold = await cache.foldUpTo(t.last, view); // moved on by another generation
        // No await from here on: the fold cannot change while this stream's periods are ranked.
        let memo = ranked.get(fold);
        if (!memo) ranked.set(fold, (memo = new Map()));
        const opened = openedPeriods(fold);
        for (const period of opened) {
          const position = t.periods.get(period);
          if (position === undefined) continue;
          // Ranked again only when an event that may change it came in (not for ballots, pledges…).
          const stamp = rankingStamp(fold, period);
          let last = memo.get(period);
          if (last?.stamp !== stamp) {
            const ranking = rankYearFold(fold, period);
            last = { stamp, ranking, digest: rankingDigest(ranking) };
            memo.set(period, last);
          }
          changes.push({
            op: 'put',
            collection: RANKINGS_COLLECTION,
            id: rankingDocId(t.clusterId, t.year, period),
            doc: { ...rankingDocument({ ...last.ranking, position }, streamId, last.digest) },
            position,
          });
        }
        releaseClosed(fold, opened, memo);
      }
      return changes;
    },
  };
}
