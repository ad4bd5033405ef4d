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
import { foldPeriod } from './fold.js';
import { rankPeriod } from './rank.js';

/**
 * THE evaluator (DESIGN.md §2): the ranking of a cluster-year period as a pure fold over that
 * cluster-year's events. The rankings projection, as-of, explain and what-if all call it.
 */
export function explainRanking(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions = {},
): ExplainedRanking {
  return rankPeriod(foldPeriod(events, requirePeriodCode(period), options), options);
}

export function stripExplain(ranking: ExplainedRanking): Ranking {
  return { ...ranking, rows: ranking.rows.map(({ explain: _explain, ...row }): RankingRow => row) };
}

export function evaluateRanking(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions = {},
): Ranking {
  return stripExplain(explainRanking(events, period, options));
}

/** The ranking as it stands (up to the same position/time) and as it would stand with the overrides/exclusions. */
export function whatIf(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions,
): WhatIfResult {
  const asOf = {
    ...(options.upToPosition !== undefined && { upToPosition: options.upToPosition }),
    ...(options.upToTime !== undefined && { upToTime: options.upToTime }),
  };
  const actual = evaluateRanking(events, period, asOf);
  const hypothetical = evaluateRanking(events, period, options);
  const after = new Map(hypothetical.rows.map((r) => [r.unitId, r]));
  const diff: WhatIfDiff[] = [];
  for (const before of [...actual.rows].sort((a, b) => (a.unitId < b.unitId ? -1 : 1))) {
    const a = after.get(before.unitId);
    if (!a) continue; // overrides never change membership
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
