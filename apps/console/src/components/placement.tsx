import type { Schemas } from '@thidua/api-client';
import { num } from '../format';
import { tieBreakLabel } from '../labels';

/** Any ranking row: what the tie-breaks read. Explain and what-if rows also say how they were placed. */
export type PlaceableRow = Schemas['NamedRankingRow'] & { placedBy?: Schemas['Placement'] | null };

export const nameOf = (r: { unitId: string; unitName?: string | null }): string => r.unitName ?? r.unitId;

/**
 * Whether each row's total alone placed it: every total lower than the one above. Equal totals (a
 * tie-break or a shared rank) or a higher total below (barred from rank 1) need the rows' `placedBy`.
 */
export const placedByTotals = (rows: readonly PlaceableRow[]): boolean =>
  rows.every((r, i) => i === 0 || r.total < rows[i - 1]!.total);

/** The value a tie-break compares, read from a row (penalty: fewer is better, shown as it is). */
export function tieBreakValue(row: PlaceableRow, tieBreak: string): number {
  if (tieBreak === 'penalty') return row.penalty;
  if (tieBreak === 'bonus') return row.bonus;
  if (tieBreak.startsWith('group:')) return row.groups[tieBreak.slice(6)] ?? 0;
  return row.criteria.find((c) => c.code === tieBreak.slice(10))?.points ?? 0;
}

/**
 * What parted a row from the row above when a lower total did not (a tie-break of the scheme, every key
 * equal, or a bar from rank 1), said under the unit's name. Nothing for a row placed by its total, or whose
 * answer does not say how it was placed.
 */
export function placementNote(
  row: PlaceableRow,
  rows: readonly PlaceableRow[],
  title?: (code: string) => string,
): { by: string; text: string } | undefined {
  const placed = row.placedBy;
  const above = placed && rows.find((r) => r.unitId === placed.aboveUnitId);
  if (!placed || !above || placed.by === 'total') return undefined;
  const text =
    placed.by === 'tied'
      ? `đồng hạng với ${nameOf(above)}: bằng điểm ở mọi tiêu chí phân định`
      : placed.by === 'barred-from-rank-1'
        ? `xếp sau ${nameOf(above)}: không được xếp hạng nhất (điều kiện loại trừ)`
        : `bằng tổng điểm với ${nameOf(above)}, xếp sau theo tiêu chí phụ: ${tieBreakLabel(placed.by, title)} ` +
          `(${num(tieBreakValue(above, placed.by))} so với ${num(tieBreakValue(row, placed.by))} của đơn vị này)`;
  return { by: placed.by, text };
}
