import type { StoredEvent } from '../../../libs/event-store/src/event-store.port.js';
import type { DocChange } from '../../../libs/read-store/src/read-store.port.js';
import {
  EMULATION_YEAR_EVENT_TYPES,
  openedPeriods,
  parseStreamId,
  PERIODS,
  rankingStamp,
  rankYearFold,
  type PeriodCode,
  type Ranking,
  type YearFold,
} from '../../../libs/domain/src/index.js';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { FoldCache, type FoldCacheLimits } from './fold-cache.js';
import {
  RANKINGS_COLLECTION,
  RANKINGS_PROJECTION,
  rankingDigest,
  rankingDocId,
  rankingDocument,
} from './ranking-document.js';

export const RANKINGS_VERSION = 1;

const PERIOD_CODES: ReadonlySet<string> = new Set(PERIODS.map((p) => p.code));

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
  const ranked = new WeakMap<
    YearFold,
    Map<PeriodCode, { stamp: number; ranking: Ranking; digest: string }>
  >();
  return {
    name: RANKINGS_PROJECTION,
    version: RANKINGS_VERSION,
    handles: EMULATION_YEAR_EVENT_TYPES,
    collections: [RANKINGS_COLLECTION],
    indexes: [{ collection: RANKINGS_COLLECTION, fields: ['clusterId', 'year'] }],
    cache,
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      let touched = batches.get(view);
      if (!touched) batches.set(view, (touched = new Map()));
      let t = touched.get(event.streamId);
      if (!t) {
        const stream = parseStreamId(event.streamId);
        if (stream?.category !== 'emulation') {
          throw new Error(
            `${event.type} #${event.position} is not in a cluster-year stream (${event.streamId})`,
          );
        }
        const fold = await cache.foldUpTo(event, view);
        t = { clusterId: stream.clusterId, year: stream.year, fold, last: event, periods: new Map() };
        touched.set(event.streamId, t);
      } else {
        t.fold = await cache.foldUpTo(event, view);
        t.last = event;
      }
      // Noted here; flush ranks only opened periods (a period never opened has no document).
      const named = event.data['period'];
      if (named === undefined)
        for (const period of openedPeriods(t.fold)) t.periods.set(period, event.position);
      else if (typeof named === 'string' && PERIOD_CODES.has(named))
        t.periods.set(named as PeriodCode, event.position);
      return [];
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
        for (const period of openedPeriods(fold)) {
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
      }
      return changes;
    },
  };
}
