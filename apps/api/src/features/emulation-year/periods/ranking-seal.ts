import { emulationYearDecider, evaluateRanking, type PeriodCode } from '@thidua/domain';
import type { StoredEvent } from '@thidua/event-store';
import { rankingDigest } from '@thidua/projections';
import type { YearDecider } from '../emulation-year.writer.js';

/**
 * What a PeriodClosed seals, from one evaluation over the cluster-year's stored events: the digest (hex
 * sha256 of `rankingDigestInput(evaluateRanking(events, period))` — the function the rankings projection
 * shows as `currentDigest`, so a final ranking's digests are equal by construction) and the units whose
 * rows miss criteria (unclassified, "chưa đủ điểm"), which the close must accept with a reason.
 */
export function sealOf(
  events: ReadonlyArray<StoredEvent>,
  period: PeriodCode,
): { rankingDigest: string; incompleteUnits: string[] } {
  const ranking = evaluateRanking(events, period);
  return {
    rankingDigest: rankingDigest(ranking),
    incompleteUnits: ranking.rows.filter((r) => r.unclassified !== undefined).map((r) => r.unitId),
  };
}

/**
 * ClosePeriod with the digest computed in the stream's turn over exactly the events the close is
 * decided on (the context's `rankingDigest`), so no score can slip in between evaluating and sealing.
 */
export const sealingDecider: YearDecider = {
  ...emulationYearDecider,
  decide(command, state, context) {
    if (command.type !== 'ClosePeriod') return emulationYearDecider.decide(command, state, context);
    const rankingDigest = context.rankingDigest ?? '';
    return emulationYearDecider.decide(
      { ...command, data: { ...command.data, rankingDigest } },
      state,
      context,
    );
  },
};
