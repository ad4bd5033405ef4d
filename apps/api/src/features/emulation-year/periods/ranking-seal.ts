import { emulationYearDecider, evaluateRanking, type PeriodCode } from '@thidua/domain';
import type { StoredEvent } from '@thidua/event-store';
import { rankingDigest } from '@thidua/projections';
import type { YearDecider } from '../emulation-year.writer.js';

/**
 * The digest a PeriodClosed seals: hex sha256 of `rankingDigestInput(evaluateRanking(events, period))`
 * over the cluster-year's stored events — the same function the rankings projection shows as
 * `currentDigest`, so a final ranking's digests are equal by construction.
 */
export function sealedDigest(events: ReadonlyArray<StoredEvent>, period: PeriodCode): string {
  return rankingDigest(evaluateRanking(events, period));
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
