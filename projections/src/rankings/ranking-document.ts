import { createHash } from 'node:crypto';
import { rankingDigestInput, type ExplainedRanking, type Ranking } from '@thidua/domain';

/**
 * How far a ranking can be relied on (DESIGN.md §5: provisional while open, final when closed).
 * `integrity-failure`: closed, nothing revised it, yet the ranking recomputed from the events no longer
 * gives the digest PeriodClosed sealed (the events it was sealed from were changed), or the log under it
 * failed its integrity check (said by the API when serving it).
 */
export type Finality = 'provisional' | 'final' | 'revised' | 'not-opened' | 'integrity-failure';

/**
 * A document of the `rankings` collection (and the body of GET …/rankings/{p}, with or without asOf):
 * exactly the evaluator's Ranking plus three derived fields. `position` is the evaluator's: the event
 * that produced the document.
 */
export type RankingDocument = Ranking & RankingExtras;

/** What GET …/explain answers: the explained ranking with the same three fields. */
export type ExplainedRankingDocument = ExplainedRanking & RankingExtras;

export interface RankingExtras {
  /** `emulation-{clusterId}-{year}`. */
  streamId: string;
  finality: Finality;
  /**
   * Hex sha256 of `rankingDigestInput(ranking)` as it stands: equal to `sealedDigest` while final; the
   * digest of the revised ranking beside the sealed one when revised; what a close would seal while open.
   */
  currentDigest: string;
}

export const RANKINGS_PROJECTION = 'rankings';
export const RANKINGS_COLLECTION = 'rankings';

export const rankingDocId = (clusterId: string, year: number, period: string): string =>
  `${clusterId}:${year}:${period}`;

const FINALITY: Record<Ranking['status'], Finality> = {
  open: 'provisional',
  closed: 'final',
  revised: 'revised',
  'not-opened': 'not-opened',
};

/** The hex sha256 a PeriodClosed seals for this ranking (the same input the close handler hashes). */
export function rankingDigest(ranking: Ranking | ExplainedRanking): string {
  return createHash('sha256').update(rankingDigestInput(ranking), 'utf8').digest('hex');
}

/**
 * The stored/served shape of a ranking: used by the projection and by the as-of query alike. `digest`
 * is `rankingDigest(ranking)`, given when the caller already has it (the digest leaves out `position`,
 * so the projection reuses it for a ranking that changed in nothing else).
 */
export function rankingDocument<R extends Ranking | ExplainedRanking>(
  ranking: R,
  streamId: string,
  digest: string = rankingDigest(ranking),
): R & RankingExtras {
  const broken =
    ranking.status === 'closed' && ranking.sealedDigest !== undefined && ranking.sealedDigest !== digest;
  return {
    ...ranking,
    streamId,
    finality: broken ? 'integrity-failure' : FINALITY[ranking.status],
    currentDigest: digest,
  };
}
