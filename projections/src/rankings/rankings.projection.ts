import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import {
  COMPLAINT_EVENT_TYPES,
  EMULATION_YEAR_EVENT_TYPES,
  emulationStream,
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
import { FoldCache, type FoldCacheLimits } from './fold-cache.js';
import {
  RANKING_UNITS,
  RANKINGS_COLLECTION,
  RANKINGS_PROJECTION,
  rankingDigest,
  rankingDocId,
  rankingDocument,
  type RankingDocument,
  type RankingUnitDoc,
} from './ranking-document.js';

/** 2: rows carry the unit's name (`unitName`); the `units` collection keeps names and where they appear. */
export const RANKINGS_VERSION = 2;

/** The unit events that name a unit (the others change no name). */
const NAMING_EVENTS: ReadonlySet<string> = new Set(['UnitRegistered', 'UnitRenamed']);

const PERIOD_CODES: ReadonlySet<string> = new Set(PERIODS.map((p) => p.code));
const COMPLAINT_TYPES: ReadonlySet<string> = new Set(COMPLAINT_EVENT_TYPES);

/** What evolve returns for every event (documents come from flush): one frozen array, not one per event. */
const NO_CHANGES = Object.freeze([]) as unknown as DocChange[];

function stateOfStream(streamId: string): { clusterId: string; year: number } {
  const stream = parseStreamId(streamId);
  if (stream?.category !== 'emulation') throw new Error(`${streamId} is not a cluster-year stream`);
  return stream;
}

/**
 * What is kept of a period's last ranking: the stamp it was ranked at, and what identifies it in its stored
 * document — `digest` (the rows) and `rest` (everything else but `position`). No ranking object is kept
 * between batches (its rows were ≈ 3 MB of a 1M rebuild's live heap at a year's end): when a period must
 * be written again unchanged (a ballot, a pledge), flush reads its document back and checks it. `released`:
 * the fold gave up the period's entries too.
 */
interface Ranked {
  stamp: number;
  digest: string;
  rest: string;
  status: Ranking['status'];
  released: boolean;
}

/** Positions of the log after which a stream not seen since gives up its last closed period too. */
const IDLE_RELEASE = 50_000;

/** What a released period keeps, in BYTES_PER_EVENT units (its stamp, digest and `rest`). */
const RELEASED_WEIGHT = 2;

/** The ranking but for its rows and position, as JSON: with the digest of the rows, what identifies it. */
const restOf = (ranking: Ranking): string =>
  JSON.stringify({ ...ranking, rows: undefined, position: undefined });

/** A period ranked in a batch, waiting for its units' names. */
interface Pending {
  id: string;
  streamId: string;
  ranking: Ranking;
  digest: string;
  position: number;
}

/** A unit (re)named in a batch: its new name and the position of the naming event. */
interface Named {
  name: string;
  position: number;
}

/** Per batch: the streams touched, and the units (re)named. */
interface Batch {
  streams: Map<string, Touched>;
  named: Map<string, Named>;
  /** Periods noted over all streams: the documents flush will write. */
  periods: number;
  /** Cluster-year streams whose first event is in the batch: their cluster's year before is over. */
  started: string[];
}

/**
 * Documents a batch may hold before it asks to be written (batchFull): a ballot concerns every period,
 * so the end of a year touches every period of every cluster-year at once, and each document (≈ 10 KB of
 * JSON, ≈ 40 KB as objects) is held with its text until the write. At 256 the year's end held ≈ 20 MB at
 * once, and a full collection that fell there set the heap's limit for the rest of a rebuild (the 1M
 * rebuild's peak); at 64 a year's end is ≈ 30 writes instead of ≈ 8. Scores touch one period each, so an
 * ordinary batch stays far below.
 */
const MAX_DOCS_PER_BATCH = 256;

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
 * in) is its stored document at the new position, once checked against the digest and `rest` kept (a
 * document that fails the check — another generation's fold — is ranked again, or, released, folded again).
 *
 * Memory: no ranking object is kept between batches; once a closed period is ranked, the fold gives up its
 * score entries too (releaseClosed); its stored document stands for it. A fold holds about its open periods'
 * entries; the cache bounds the rest (FoldCache: least recently used cluster-years, years gone by first).
 *
 * Per-batch state is keyed on the batch's view: a rebuild runs a second generation through this same
 * object at the same time. The folds are shared, so at flush a fold is used only if it still stands right
 * after the batch's last event on its stream; if another generation moved it on meanwhile, the fold is
 * made again from the stream up to that event.
 */
export function rankingsProjection(options: { cache?: FoldCacheLimits } = {}): ProjectionDefinition & {
  readonly cache: FoldCache;
  /** Rankings of released periods written again from their stored documents (for tests and measurements). */
  readonly stats: { fromDocuments: number };
} {
  const cache = new FoldCache(options.cache);
  const stats = { fromDocuments: 0 };
  const batches = new WeakMap<ProjectionView, Batch>();
  /** The last ranking of each period of a fold, with its stamp and digest (gone with the fold). */
  const ranked = new WeakMap<YearFold, Map<PeriodCode, Ranked>>();
  /** Folds whose last closed period is still held, by the position of their last event, oldest first. */
  const holding = new Map<YearFold, number>();

  /**
   * A closed period changes no more but by a late event naming it (a dispute, a reopening): once a later
   * period (calendar order) has closed too — late events mostly concern the period closed last — or once
   * the stream has been idle for IDLE_RELEASE positions of the log (a year gone by), the fold gives up its
   * entries (`memo` keeps what identifies the ranking in its stored document, which flush reads back to
   * move its position on an event concerning every period: a ballot, a pledge). An event naming a
   * released period makes the cache fold the stream again (one read), so this only trades memory for rare
   * reads: what a fold holds stays flat as the log grows.
   */
  function releaseClosed(
    fold: YearFold,
    opened: readonly PeriodCode[],
    memo: Map<PeriodCode, Ranked>,
    idle = false,
  ): void {
    let laterClosed = idle;
    let held = false;
    for (let i = opened.length - 1; i >= 0; i--) {
      const period = opened[i]!;
      const last = memo.get(period);
      if (last?.released) {
        laterClosed = true; // released before
        continue;
      }
      // Closed, and ranked at the current stamp.
      if (!last || last.status === 'open' || last.stamp !== rankingStamp(fold, period)) continue;
      if (laterClosed && (isReleased(fold, period) || cache.release(fold, period, RELEASED_WEIGHT)))
        memo.set(period, { ...last, released: true });
      else held = true;
      laterClosed = true;
    }
    holding.delete(fold);
    if (held) holding.set(fold, fold.position);
  }

  /** Releases the last closed period of the folds idle since before `position` - IDLE_RELEASE. */
  function releaseIdle(position: number): void {
    for (const [fold, last] of holding) {
      if (last > position - IDLE_RELEASE) return;
      const memo = ranked.get(fold);
      if (memo) releaseClosed(fold, openedPeriods(fold), memo, true);
      holding.delete(fold);
    }
  }

  /**
   * A cluster's new year has begun: its year before gives up its closed periods now, not after IDLE_RELEASE
   * (the year's last period has no later one to close). Otherwise, for 50,000 positions after every new
   * year, the folds kept the entries of the year's last period while the new year's came in (≈ 12 MB at
   * the 1M bench log, a third more than it holds otherwise). A late event on it reads the stream again.
   */
  function releaseYearBefore(streamId: string): void {
    const stream = parseStreamId(streamId);
    if (stream?.category !== 'emulation') return;
    let before: string;
    try {
      before = emulationStream(stream.clusterId, stream.year - 1);
    } catch {
      return; // no such year
    }
    for (const fold of cache.foldsOf(before)) {
      const memo = ranked.get(fold);
      if (memo) releaseClosed(fold, openedPeriods(fold), memo, true);
    }
  }

  /**
   * The rankings of the stream's periods the batch concerned, from the fold as it stands after the
   * batch's last event on the stream: the released ones from their stored documents. Undefined when a
   * released period cannot be taken from its document (another generation sharing the fold, a document
   * that is not the ranking kept): the caller folds the stream again.
   */
  async function rankStream(streamId: string, t: Touched, fold: YearFold, view: ProjectionView) {
    let memo = ranked.get(fold);
    if (!memo) ranked.set(fold, (memo = new Map()));
    const opened = openedPeriods(fold);
    const out: Pending[] = [];
    const fromDocs: Array<{ id: string; position: number; period: PeriodCode; last: Ranked }> = [];
    // No await until the loop is done: the fold cannot change while this stream's periods are ranked.
    for (const period of opened) {
      const position = t.periods.get(period);
      if (position === undefined) continue;
      // Ranked again only when an event that may change it came in (not for ballots, pledges…).
      const stamp = rankingStamp(fold, period);
      const last = memo.get(period);
      const id = rankingDocId(t.clusterId, t.year, period);
      if (last?.stamp === stamp) fromDocs.push({ id, position, period, last });
      else if (isReleased(fold, period))
        return undefined; // nothing kept of it at this stamp
      else out.push(rank(fold, period, memo, stamp, { id, streamId, position }));
    }
    const again: typeof fromDocs = [];
    for (const entry of fromDocs) {
      const { id, position, last } = entry;
      // Read for this check only: `take` keeps no copy in the batch's view until the write.
      const doc = (
        view.take ? await view.take(RANKINGS_COLLECTION, id) : await view.get(RANKINGS_COLLECTION, id)
      ) as RankingDocument | null;
      const ranking = doc && rankingOfDocument(doc);
      // The document must be the ranking kept: its rows (digest) and the rest (status, seal, disputes…).
      if (
        !ranking ||
        doc.streamId !== streamId ||
        restOf(ranking) !== last.rest ||
        rankingDigest(ranking) !== last.digest
      ) {
        if (last.released) return undefined;
        again.push(entry); // not this generation's document (a rebuild beside the live one): ranked again
        continue;
      }
      stats.fromDocuments += 1;
      out.push({ id, streamId, ranking: { ...ranking, position }, digest: last.digest, position });
    }
    // After the reads: the fold must still stand right after the batch's last event on the stream.
    if (fold.revision !== t.last.revision || fold.lastEventId !== t.last.eventId) return undefined;
    for (const { id, position, period } of again)
      out.push(rank(fold, period, memo, rankingStamp(fold, period), { id, streamId, position }));
    releaseClosed(fold, opened, memo);
    return out;
  }

  /** Ranks a period from the fold, notes what identifies the ranking (memo), and gives it to write. */
  function rank(
    fold: YearFold,
    period: PeriodCode,
    memo: Map<PeriodCode, Ranked>,
    stamp: number,
    at: { id: string; streamId: string; position: number },
  ): Pending {
    const ranking = rankYearFold(fold, period);
    const digest = rankingDigest(ranking);
    memo.set(period, { stamp, digest, rest: restOf(ranking), status: ranking.status, released: false });
    return { ...at, ranking: { ...ranking, position: at.position }, digest };
  }

  /** Notes the fold and the periods the event concerned (flush ranks only opened periods: a period never opened has no document). */
  function note(batch: Batch, t: Touched | undefined, event: StoredEvent, fold: YearFold): DocChange[] {
    if (!t) {
      const { clusterId, year } = stateOfStream(event.streamId);
      batch.streams.set(event.streamId, { clusterId, year, fold, last: event, periods: new Map() });
      t = batch.streams.get(event.streamId)!;
    } else {
      t.fold = fold;
      t.last = event;
    }
    const before = t.periods.size;
    const named = event.data['period'];
    if (named === undefined) for (const period of openedPeriods(fold)) t.periods.set(period, event.position);
    else if (typeof named === 'string' && PERIOD_CODES.has(named))
      t.periods.set(named as PeriodCode, event.position);
    batch.periods += t.periods.size - before;
    return NO_CHANGES;
  }

  /** UnitRegistered / UnitRenamed: the unit's name; flush writes it into the rankings that show it. */
  async function nameUnit(event: StoredEvent, view: ProjectionView, batch: Batch): Promise<DocChange[]> {
    const unitId = event.data['unitId'];
    const name = event.data['name'];
    if (typeof unitId !== 'string' || typeof name !== 'string')
      throw new Error(`${event.type} #${event.position} has no unitId or name`);
    const doc = ((await view.get(RANKING_UNITS, unitId)) as RankingUnitDoc | null) ?? newUnit(unitId);
    doc.name = name;
    batch.named.set(unitId, { name, position: event.position });
    return [{ op: 'put', collection: RANKING_UNITS, id: unitId, doc: { ...doc }, position: event.position }];
  }

  /** UnitAdmitted: the unit's rankings in this cluster-year will show it, so a rename must reach them. */
  async function admitUnit(event: StoredEvent, view: ProjectionView, t: Touched): Promise<DocChange[]> {
    const unitId = event.data['unitId'];
    if (typeof unitId !== 'string') throw new Error(`UnitAdmitted #${event.position} has no unitId`);
    const doc = ((await view.get(RANKING_UNITS, unitId)) as RankingUnitDoc | null) ?? newUnit(unitId);
    const year = clusterYearId(t.clusterId, t.year);
    if (doc.clusterYears.includes(year)) return NO_CHANGES;
    doc.clusterYears.push(year);
    return [{ op: 'put', collection: RANKING_UNITS, id: unitId, doc: { ...doc }, position: event.position }];
  }

  return {
    name: RANKINGS_PROJECTION,
    version: RANKINGS_VERSION,
    handles: [...EMULATION_YEAR_EVENT_TYPES, ...NAMING_EVENTS],
    collections: [RANKINGS_COLLECTION, RANKING_UNITS],
    indexes: [{ collection: RANKINGS_COLLECTION, fields: ['clusterId', 'year'] }],
    // Every ranking written reads its units' names back: ≈ 75,000 reads of the 1M rebuild.
    keep: { collections: [RANKING_UNITS], docs: 8192 },
    cache,
    stats,
    evolve(event: StoredEvent, view: ProjectionView): DocChange[] | Promise<DocChange[]> {
      let batch = batches.get(view);
      if (!batch)
        batches.set(view, (batch = { streams: new Map(), named: new Map(), periods: 0, started: [] }));
      if (NAMING_EVENTS.has(event.type)) return nameUnit(event, view, batch);
      const touched = batch.streams;
      const t = touched.get(event.streamId);
      const category = t ? 'emulation' : parseStreamId(event.streamId)?.category;
      // Complaints about award decisions share the complaint event types: they rank nothing.
      if (category === 'award-decision' && COMPLAINT_TYPES.has(event.type)) return NO_CHANGES;
      if (category !== 'emulation')
        throw new Error(
          `${event.type} #${event.position} is not in a cluster-year stream (${event.streamId})`,
        );
      if (event.revision === 0) batch.started.push(event.streamId);
      // Without a promise when the cache extends a fold it keeps (nearly every event of a rebuild).
      const fold = cache.tryFoldUpTo(event);
      if (fold && event.type !== 'UnitAdmitted') return note(batch, t, event, fold);
      return (fold ? Promise.resolve(fold) : cache.foldUpTo(event, view)).then(async (f) => {
        note(batch, touched.get(event.streamId), event, f);
        return event.type === 'UnitAdmitted'
          ? admitUnit(event, view, touched.get(event.streamId)!)
          : NO_CHANGES;
      });
    },
    batchFull(view: ProjectionView): boolean {
      return (batches.get(view)?.periods ?? 0) >= MAX_DOCS_PER_BATCH;
    },
    async flush(view: ProjectionView): Promise<DocChange[]> {
      const batch = batches.get(view);
      batches.delete(view);
      if (!batch) return [];
      const pending: Pending[] = [];
      for (const [streamId, t] of batch.streams) {
        if (t.periods.size === 0) continue;
        let fold = t.fold;
        if (fold.revision !== t.last.revision || fold.lastEventId !== t.last.eventId)
          fold = await cache.foldUpTo(t.last, view); // moved on by another generation
        let rankings = await rankStream(streamId, t, fold, view);
        // A fresh fold has every period's entries: it ranks them all.
        rankings ??= (await rankStream(streamId, t, await cache.refold(t.last, view), view))!;
        pending.push(...rankings);
      }
      let latest = 0;
      for (const t of batch.streams.values()) latest = Math.max(latest, t.last.position);
      releaseIdle(latest);
      for (const streamId of batch.started) releaseYearBefore(streamId);
      return nameRankings(view, pending, batch.named);
    },
  };
}

const newUnit = (unitId: string): RankingUnitDoc => ({ unitId, name: null, clusterYears: [] });

/** The evaluator's ranking a stored document was made from (rankingDocument undone: the names and extras out). */
function rankingOfDocument(doc: RankingDocument): Ranking {
  const { streamId: _s, finality: _f, currentDigest: _d, integrityFailure: _i, ...ranking } = doc;
  return { ...ranking, rows: doc.rows.map(({ unitName: _n, ...row }) => row) };
}

const clusterYearId = (clusterId: string, year: number): string => `${clusterId}:${year}`;

/**
 * The batch's ranking documents with their units' names, and the documents a rename of this batch
 * reaches that were not ranked again. A ranking is recorded at the latest batch event it reflects: the
 * period's, or a later rename of one of its units.
 */
async function nameRankings(
  view: ProjectionView,
  pending: readonly Pending[],
  named: ReadonlyMap<string, Named>,
): Promise<DocChange[]> {
  const units = new Map<string, RankingUnitDoc>();
  const unit = async (unitId: string): Promise<RankingUnitDoc> => {
    let doc = units.get(unitId);
    if (!doc) {
      doc = ((await view.get(RANKING_UNITS, unitId)) as RankingUnitDoc | null) ?? newUnit(unitId);
      // The batch's own naming wins (evolve's changes need not be visible to flush's reads).
      doc.name = named.get(unitId)?.name ?? doc.name;
      units.set(unitId, doc);
    }
    return doc;
  };
  const changes: DocChange[] = [];
  const ranked = new Set<string>();
  for (const p of pending) {
    let position = p.position;
    for (const row of p.ranking.rows) {
      await unit(row.unitId);
      position = Math.max(position, named.get(row.unitId)?.position ?? 0);
    }
    const names = (unitId: string): string | null => units.get(unitId)?.name ?? null;
    const doc = rankingDocument(p.ranking, p.streamId, names, p.digest);
    changes.push({ op: 'put', collection: RANKINGS_COLLECTION, id: p.id, doc: { ...doc }, position });
    ranked.add(p.id);
  }
  for (const [unitId, { name, position }] of named) {
    for (const year of (await unit(unitId)).clusterYears) {
      for (const { code } of PERIODS) {
        const id = `${year}:${code}`;
        if (ranked.has(id)) continue;
        const doc = (await view.get(RANKINGS_COLLECTION, id)) as RankingDocument | null;
        if (!doc?.rows.some((r) => r.unitId === unitId)) continue;
        const rows = doc.rows.map((row) => (row.unitId === unitId ? { ...row, unitName: name } : row));
        changes.push({ op: 'put', collection: RANKINGS_COLLECTION, id, doc: { ...doc, rows }, position });
      }
    }
  }
  return changes;
}
