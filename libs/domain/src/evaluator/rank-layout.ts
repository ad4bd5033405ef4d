import type { Criterion } from '../scheme/scheme.js';

/** What ranking needs of a scheme's criteria: the same for every ranking under that scheme. */
export interface CriteriaLayout {
  /**
   * Per criterion code: the scheme's criterion of that code (the last, should codes repeat) and its column
   * (the first) — one lookup per entry for both.
   */
  codes: ReadonlyMap<string, { criterion: Criterion; column: number }>;
  /** Each criterion's column, by position in the scheme. */
  columnOf: readonly number[];
  /** The score groups, in the scheme's order. */
  scoreGroups: readonly string[];
  /** Each criterion's score group (-1: not a score criterion), by position in the scheme. */
  groupOf: readonly number[];
}

export const NO_CRITERIA: readonly Criterion[] = [];
// Keyed by the criteria array itself: the scheme's, from its event's data, which nothing changes (events
// are immutable), and which every fold of the same log shares. Worked out once, not at each as-of.
const layouts = new WeakMap<readonly Criterion[], CriteriaLayout>();

export function criteriaLayout(criteria: readonly Criterion[]): CriteriaLayout {
  let layout = layouts.get(criteria);
  if (layout !== undefined) return layout;
  const codes = new Map<string, { criterion: Criterion; column: number }>();
  for (const c of criteria) {
    const known = codes.get(c.code);
    if (known) known.criterion = c;
    else codes.set(c.code, { criterion: c, column: codes.size });
  }
  const scoreGroups = [...new Set(criteria.filter((c) => c.kind === 'score').map((c) => c.group))];
  layout = {
    codes,
    columnOf: criteria.map((c) => codes.get(c.code)!.column),
    scoreGroups,
    groupOf: criteria.map((c) => scoreGroups.indexOf(c.group)),
  };
  layouts.set(criteria, layout);
  return layout;
}
