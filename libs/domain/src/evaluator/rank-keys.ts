import type { TieBreak } from '../scheme/scheme.js';
import { workArray } from './rank-cells.js';

const [PENALTY, BONUS, GROUP, CRITERION] = [0, 1, 2, 3];

/**
 * The rows' sort keys: total first, then each tie-break, every component oriented "larger is better"; the
 * tie-breaks resolved to their group's or criterion's index once per ranking, the keys of all rows in one
 * work array (row i's at i × width).
 */
export class SortKeys {
  private readonly parts: [kind: number, index: number][];
  readonly width: number;
  private readonly values: Float64Array;

  constructor(
    rows: number,
    tieBreaks: readonly TieBreak[],
    scoreGroups: readonly string[],
    codes: ReadonlyMap<string, { column: number }>,
  ) {
    this.parts = tieBreaks.map((t): [number, number] => {
      if (t === 'penalty') return [PENALTY, 0];
      if (t === 'bonus') return [BONUS, 0];
      if (t.startsWith('group:')) return [GROUP, scoreGroups.indexOf(t.slice(6))];
      return [CRITERION, codes.get(t.slice(10))?.column ?? -1];
    });
    this.width = 1 + this.parts.length;
    this.values = workArray('keys', rows * this.width, 0);
  }

  set(
    row: number,
    total: number,
    groups: Float64Array,
    bonus: number,
    penalty: number,
    byColumn: Float64Array,
  ): void {
    const at = row * this.width;
    this.values[at] = total;
    for (let i = 0; i < this.parts.length; i++) {
      const [kind, index] = this.parts[i]!;
      this.values[at + 1 + i] =
        kind === PENALTY
          ? -penalty
          : kind === BONUS
            ? bonus
            : index < 0
              ? 0 // a group or criterion the scheme does not have
              : kind === GROUP
                ? groups[index]!
                : byColumn[index]!;
    }
  }

  /** Negative when row a's key sorts first (is larger), 0 when equal. */
  compare(a: number, b: number): number {
    const at = this.firstDifference(a, b);
    return at < 0 ? 0 : this.values[b * this.width + at]! - this.values[a * this.width + at]!;
  }

  /** The first component where the keys of rows a and b differ; -1 when none does. */
  firstDifference(a: number, b: number): number {
    for (let i = 0; i < this.width; i++)
      if (this.values[a * this.width + i] !== this.values[b * this.width + i]) return i;
    return -1;
  }
}
