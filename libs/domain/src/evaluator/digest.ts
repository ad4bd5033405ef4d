import { canonicalJson } from '../canonical-json.js';
import type { ExplainedRanking, Ranking, RankingRow } from './evaluator.types.js';

/**
 * The stable part of a ranking, sealed by PeriodClosed: what the units are ranked on, without the
 * status, position, revisions or explain detail (those change while the sealed result does not).
 * The handler stores `sha256(canonicalJson(rankingForDigest(ranking)))` as the `rankingDigest`.
 */
export interface RankingForDigest {
  clusterId: string;
  year: number;
  period: string;
  schemeVersion: number | null;
  rows: RankingRow[];
}

export function rankingForDigest(ranking: Ranking | ExplainedRanking): RankingForDigest {
  return {
    clusterId: ranking.clusterId,
    year: ranking.year,
    period: ranking.period,
    schemeVersion: ranking.schemeVersion,
    rows: ranking.rows.map((r) => ({
      unitId: r.unitId,
      total: r.total,
      groups: r.groups,
      bonus: r.bonus,
      penalty: r.penalty,
      rank: r.rank,
      classification: r.classification,
      criteria: r.criteria,
      missingCriteria: r.missingCriteria,
      // Absent on rankings without them, so earlier seals keep their digests.
      ...(r.unclassified !== undefined && { unclassified: r.unclassified }),
      ...(r.cappedBy !== undefined && { cappedBy: r.cappedBy }),
    })),
  };
}

/** The exact string to hash for a ranking's digest. */
export function rankingDigestInput(ranking: Ranking | ExplainedRanking): string {
  return canonicalJson(rankingForDigest(ranking));
}
