import type { StoredEvent } from '../../../libs/event-store/src/event-store.port.js';
import type { DocChange } from '../../../libs/read-store/src/read-store.port.js';
import {
  EMULATION_YEAR_EVENT_TYPES,
  evaluateRanking,
  isPeriodCode,
  parseStreamId,
  PERIODS,
  type PeriodCode,
} from '../../../libs/domain/src/index.js';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import {
  RANKINGS_COLLECTION,
  RANKINGS_PROJECTION,
  rankingDocId,
  rankingDocument,
} from './ranking-document.js';
import { StreamCache, type StreamCacheLimits } from './stream-cache.js';

export const RANKINGS_VERSION = 1;

const ALL_PERIODS: readonly PeriodCode[] = PERIODS.map((p) => p.code);

/**
 * `rankings`: one document per cluster × year × period that has been opened — the evaluator's ranking
 * of the cluster-year stream up to the event that last concerned the period (see RankingDocument).
 *
 * Every event of a cluster-year stream is fed in (the stream cache must see them all). An event naming
 * a period re-evaluates that period only: the evaluator skips the events of other periods, so they
 * change nothing but its `position`. An event naming none (admission, scheme, pledge, election…)
 * re-evaluates every period. Evaluation folds the whole stream (libs/domain has no incremental fold
 * yet); the stream is read from the store at most once per run of events on it.
 */
export function rankingsProjection(options: { cache?: StreamCacheLimits } = {}): ProjectionDefinition & {
  readonly cache: StreamCache;
} {
  const cache = new StreamCache(options.cache);
  return {
    name: RANKINGS_PROJECTION,
    version: RANKINGS_VERSION,
    handles: EMULATION_YEAR_EVENT_TYPES,
    collections: [RANKINGS_COLLECTION],
    indexes: [{ collection: RANKINGS_COLLECTION, fields: ['clusterId', 'year'] }],
    cache,
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      const stream = parseStreamId(event.streamId);
      if (stream?.category !== 'emulation') {
        throw new Error(
          `${event.type} #${event.position} is not in a cluster-year stream (${event.streamId})`,
        );
      }
      const events = await cache.upTo(event, view);
      const named = event.data['period'];
      const periods = isPeriodCode(named) ? [named] : ALL_PERIODS;
      const changes: DocChange[] = [];
      for (const period of periods) {
        const ranking = evaluateRanking(events, period);
        if (ranking.status === 'not-opened') continue;
        changes.push({
          op: 'put',
          collection: RANKINGS_COLLECTION,
          id: rankingDocId(stream.clusterId, stream.year, period),
          doc: { ...rankingDocument(ranking, event.streamId) },
        });
      }
      return changes;
    },
  };
}
