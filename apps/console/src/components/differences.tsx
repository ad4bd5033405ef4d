import { num, signed } from '../format';
import type { Row } from './ranking-table';

export interface UnitChange {
  unitId: string;
  unitName: string | null;
  totalBefore: number;
  totalAfter: number;
  rankBefore: number;
  rankAfter: number;
  classificationBefore: string | null;
  classificationAfter: string | null;
}

/** Units whose total, rank or classification differ between two rankings of the same period. */
export function unitChanges(before: readonly Row[], after: readonly Row[]): UnitChange[] {
  const was = new Map(before.map((r) => [r.unitId, r]));
  return after.flatMap((r) => {
    const b = was.get(r.unitId);
    if (!b) return [];
    const change: UnitChange = {
      unitId: r.unitId,
      unitName: r.unitName,
      totalBefore: b.total,
      totalAfter: r.total,
      rankBefore: b.rank,
      rankAfter: r.rank,
      classificationBefore: b.classification?.code ?? null,
      classificationAfter: r.classification?.code ?? null,
    };
    const same =
      b.total === r.total && b.rank === r.rank && change.classificationBefore === change.classificationAfter;
    return same ? [] : [change];
  });
}

/** A unit's criterion points in two rankings, where they differ. */
function criterionChanges(
  before?: Row,
  after?: Row,
): Array<{ code: string; before?: number; after?: number }> {
  const b = new Map(before?.criteria.map((c) => [c.code, c.points]));
  const a = new Map(after?.criteria.map((c) => [c.code, c.points]));
  return [...new Set([...b.keys(), ...a.keys()])]
    .filter((code) => b.get(code) !== a.get(code))
    .map((code) => ({ code, before: b.get(code), after: a.get(code) }));
}

interface Props {
  changes: readonly UnitChange[];
  before: readonly Row[];
  after: readonly Row[];
  beforeLabel: string;
  afterLabel: string;
  title: (code: string) => string;
}

/** What differs, unit by unit: total, rank, classification, and the criteria whose points differ. */
export function Differences({ changes, before, after, beforeLabel, afterLabel, title }: Props) {
  if (changes.length === 0)
    return <p class="same">Không có khác biệt về tổng điểm, thứ hạng hay xếp loại.</p>;
  const b = new Map(before.map((r) => [r.unitId, r]));
  const a = new Map(after.map((r) => [r.unitId, r]));
  // The API's what-if diff names classifications by code: shown by their label.
  const labels = new Map(
    [...before, ...after].flatMap((r) =>
      r.classification ? [[r.classification.code, r.classification.label]] : [],
    ),
  );
  const label = (c: string | null) => (c === null ? '—' : (labels.get(c) ?? c));
  return (
    <ul class="differences" aria-label="Khác biệt">
      {changes.map((c) => (
        <li key={c.unitId} data-unit={c.unitId}>
          <strong>{c.unitName ?? c.unitId}</strong>: tổng điểm {num(c.totalBefore)} ({beforeLabel}) →{' '}
          <strong>{num(c.totalAfter)}</strong> ({afterLabel}), {signed(c.totalAfter - c.totalBefore)}
          {c.rankBefore !== c.rankAfter && (
            <>
              ; hạng {c.rankBefore} → <strong>{c.rankAfter}</strong>
            </>
          )}
          {c.classificationBefore !== c.classificationAfter && (
            <>
              ; xếp loại {label(c.classificationBefore)} → <strong>{label(c.classificationAfter)}</strong>
            </>
          )}
          <ul>
            {criterionChanges(b.get(c.unitId), a.get(c.unitId)).map((d) => (
              <li key={d.code} data-criterion={d.code}>
                {title(d.code)}: {d.before === undefined ? '—' : num(d.before)} →{' '}
                {d.after === undefined ? '—' : num(d.after)}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
