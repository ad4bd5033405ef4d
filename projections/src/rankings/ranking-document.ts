import { createHash } from 'node:crypto';
import {
  type Integer,
  type ExplainedRanking,
  type ExplainedRow,
  type Ranking,
  type RankingRow,
  writeRankingDigestInput,
} from '@thidua/domain';

/**
 * How far a ranking can be relied on (DESIGN.md §5: provisional while open, final when closed).
 * `integrity-failure`: closed, nothing revised it, yet the ranking recomputed from the events no longer
 * gives the digest PeriodClosed sealed (the events it was sealed from were changed), or the log under it
 * failed its integrity check (said by the API when serving it).
 */
export type Finality = 'provisional' | 'final' | 'revised' | 'not-opened' | 'disputed' | 'integrity-failure';

/** A unit's current name, null until its registration has been seen. Never part of a digest. */
export type UnitNames = (unitId: string) => string | null;

/** A row with the unit's name beside its id. */
export interface NamedRankingRow extends RankingRow {
  unitName: string | null;
}

/** An explained row with the unit's name beside its id. */
export interface NamedExplainedRow extends ExplainedRow {
  unitName: string | null;
}

/**
 * A document of the `rankings` collection (and the body of GET …/rankings/{p}, with or without asOf):
 * exactly the evaluator's Ranking plus three derived fields, each row with the unit's current name
 * beside its id. `position` is the evaluator's: the event that produced the ranking (a rename changes
 * the names in the document, not its `position`).
 */
export type RankingDocument = Omit<Ranking, 'rows'> & RankingExtras & { rows: NamedRankingRow[] };

/** What GET …/explain answers: the explained ranking with the same three fields and the names. */
export type ExplainedRankingDocument = Omit<ExplainedRanking, 'rows'> &
  RankingExtras & { rows: NamedExplainedRow[] };

export interface RankingExtras {
  /** `emulation-{clusterId}-{year}`. */
  streamId: string;
  finality: Finality;
  /**
   * Hex sha256 of `rankingDigestInput(ranking)` as it stands: equal to `sealedDigest` while final; the
   * digest of the revised ranking beside the sealed one when revised; what a close would seal while open.
   */
  currentDigest: string;
  /**
   * Served with finality `integrity-failure` when the log under this ranking failed its integrity check
   * (said by the API when it serves the stored document): the first event that fails.
   */
  integrityFailure?: RankingIntegrityFailure;
}

/** The event of the cluster-year (or of the log) that failed the integrity check. */
export interface RankingIntegrityFailure {
  problem?: 'altered' | 'removed' | 'reordered' | 'gap' | 'rewritten' | 'truncated';
  /** `stream`: this cluster-year's chain; `log`: the log as a whole (a missing position, the log chain). */
  scope?: 'stream' | 'log';
  streamId?: string;
  revision?: Integer;
  position?: Integer;
  eventId?: string;
  detail: string;
}

export const RANKINGS_PROJECTION = 'rankings';
export const RANKINGS_COLLECTION = 'rankings';

/**
 * `units/{unitId}`: a unit's current name and the cluster-years it was admitted to, so a rename reaches
 * every ranking that shows it.
 */
export const RANKING_UNITS = 'units';

export interface RankingUnitDoc {
  unitId: string;
  name: string | null;
  /** `{clusterId}:{year}` of every cluster-year that admitted the unit, in log order. */
  clusterYears: string[];
}

export const rankingDocId = (clusterId: string, year: number, period: string): string =>
  `${clusterId}:${year}:${period}`;

const FINALITY: Record<Ranking['status'], Finality> = {
  open: 'provisional',
  closed: 'final',
  revised: 'revised',
  'not-opened': 'not-opened',
};

/**
 * The hex sha256 a PeriodClosed seals for this ranking: of `rankingDigestInput(ranking)`, given to the hash
 * a row at a time (no 170 KB string built and flattened for a 64-unit year).
 */
export function rankingDigest(ranking: Ranking | ExplainedRanking): string {
  const hash = createHash('sha256');
  writeRankingDigestInput(ranking, (piece) => hash.update(piece, 'utf8'));
  return hash.digest('hex');
}

/** The rows with each unit's name right after its id (names are never hashed: see rankingForDigest). */
export function withUnitNames<R extends RankingRow>(
  rows: readonly R[],
  names: UnitNames,
): Array<R & { unitName: string | null }> {
  return rows.map(
    ({ unitId, ...rest }) =>
      ({ unitId, unitName: names(unitId), ...rest }) as R & {
        unitName: string | null;
      },
  );
}

/**
 * The stored/served shape of a ranking: used by the projection and by the as-of query alike. `digest`
 * is `rankingDigest(ranking)`, given when the caller already has it (the digest leaves out `position`,
 * so the projection reuses it for a ranking that changed in nothing else).
 */
export function rankingDocument(
  ranking: ExplainedRanking,
  streamId: string,
  names: UnitNames,
  digest?: string,
): ExplainedRankingDocument;
export function rankingDocument(
  ranking: Ranking,
  streamId: string,
  names: UnitNames,
  digest?: string,
): RankingDocument;
export function rankingDocument(
  ranking: Ranking | ExplainedRanking,
  streamId: string,
  names: UnitNames,
  digest: string = rankingDigest(ranking),
): RankingDocument | ExplainedRankingDocument {
  const broken =
    ranking.status === 'closed' && ranking.sealedDigest !== undefined && ranking.sealedDigest !== digest;
  return {
    ...ranking,
    rows: withUnitNames<RankingRow | ExplainedRow>(ranking.rows, names),
    streamId,
    finality: broken
      ? 'integrity-failure'
      : ranking.disputedBy?.length
        ? 'disputed'
        : FINALITY[ranking.status],
    currentDigest: digest,
  } as RankingDocument | ExplainedRankingDocument;
}
