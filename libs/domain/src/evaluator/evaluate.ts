import { DomainError } from '../errors.js';
import { requirePeriodCode, type PeriodCode } from '../periods.js';
import type {
  EvaluateOptions,
  EvaluatorEvent,
  ExplainedRanking,
  Ranking,
  RankingRow,
  WhatIfDiff,
  WhatIfResult,
} from './evaluator.types.js';
import { foldedPeriod, foldEvents } from './fold.js';
import { rankPeriod, type RankOptions } from './rank.js';
import type { YearFold } from './year-fold.js';

export type { RankOptions } from './rank.js';
export {
  foldYearEvent,
  initialYearFold,
  isReleased,
  openedPeriods,
  periodPosition,
  rankingStamp,
  releasePeriod,
  type YearFold,
  type YearFoldOptions,
} from './year-fold.js';

/**
 * THE evaluator (DESIGN.md §2): the ranking of a cluster-year period as a pure fold over that
 * cluster-year's events — `initialYearFold`, `foldYearEvent` for each event in stream order, then
 * `rankYearFold` (or `explainYearFold`, on a fold that keeps the chains: `trace`, the default). The rankings projection folds event by event and ranks a period when it changed;
 * as-of, explain and what-if fold the array of events in scope (evaluateRanking and its siblings
 * below are exactly that composition, on a fold scoped to the one period asked: YearFoldOptions.only),
 * so every caller gets the same bytes for the same events.
 */
export function rankYearFold(fold: YearFold, period: PeriodCode, options: RankOptions = {}): Ranking {
  return rankPeriod(foldedPeriod(fold, requirePeriodCode(period)), options, 'points');
}

/** rankYearFold with each row's points traced to the events that gave them (a traced fold only). */
export function explainYearFold(
  fold: YearFold,
  period: PeriodCode,
  options: RankOptions = {},
): ExplainedRanking {
  if (!fold.traced)
    throw new DomainError(
      'FOLD_NOT_TRACED',
      'explain needs a fold that keeps the chain of events',
      'unprocessable',
    );
  return rankPeriod(foldedPeriod(fold, requirePeriodCode(period)), options, 'explained');
}

/**
 * The ranking as the fold stands and as it would stand with the overrides/exclusions, and the diff. Both
 * rankings' rows say how they were placed: a what-if often makes two totals equal.
 */
export function whatIfYearFold(fold: YearFold, period: PeriodCode, options: RankOptions): WhatIfResult {
  const checked = requirePeriodCode(period);
  const actual = rankPeriod(foldedPeriod(fold, checked), {}, 'placed');
  const hypothetical = rankPeriod(foldedPeriod(fold, checked), options, 'placed');
  const after = new Map(hypothetical.rows.map((r) => [r.unitId, r]));
  const diff: WhatIfDiff[] = [];
  for (const before of [...actual.rows].sort((a, b) => (a.unitId < b.unitId ? -1 : 1))) {
    // The same fold ranks the same members: overrides and exclusions never change membership.
    const a = after.get(before.unitId) as RankingRow;
    const changed =
      a.total !== before.total ||
      a.rank !== before.rank ||
      a.classification?.code !== before.classification?.code;
    if (changed)
      diff.push({
        unitId: before.unitId,
        totalBefore: before.total,
        totalAfter: a.total,
        rankBefore: before.rank,
        rankAfter: a.rank,
        classificationBefore: before.classification?.code ?? null,
        classificationAfter: a.classification?.code ?? null,
      });
  }
  return { actual, hypothetical, diff };
}

export function explainRanking(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions = {},
): ExplainedRanking {
  const checked = requirePeriodCode(period);
  return explainYearFold(foldEvents(events, options, true, checked), checked, options);
}

export function stripExplain(ranking: ExplainedRanking): Ranking {
  return { ...ranking, rows: ranking.rows.map(({ explain: _e, placedBy: _p, ...row }): RankingRow => row) };
}

export function evaluateRanking(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions = {},
): Ranking {
  const checked = requirePeriodCode(period);
  return rankYearFold(foldEvents(events, options, false, checked), checked, options);
}

/** The ranking as it stands (up to the same position/time) and as it would stand with the overrides/exclusions. */
export function whatIf(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions,
): WhatIfResult {
  const checked = requirePeriodCode(period);
  return whatIfYearFold(foldEvents(events, options, false, checked), checked, options);
}
