import { emulationYearDecider } from '../../../../../../libs/domain/src/emulation-year/emulation-year.decider.js';
import { evaluateRanking } from '../../../../../../libs/domain/src/evaluator/evaluate.js';
import type { PeriodCode } from '../../../../../../libs/domain/src/periods.js';
import type { StoredEvent } from '../../../../../../libs/event-store/src/event-store.port.js';
import { rankingDigest } from '../../../../../../projections/src/rankings/ranking-document.js';
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
