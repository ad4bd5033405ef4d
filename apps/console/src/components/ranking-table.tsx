import { useLocation } from 'preact-iso';
import { useId } from 'preact/hooks';
import type { Schemas } from '@thidua/api-client';
import { num } from '../format';
import { capEffectLabel, UNCLASSIFIED } from '../labels';
import { Badge } from './common';
import { nameOf, placementNote, type PlaceableRow } from './placement';
import { TableFrame } from './table-frame';

export type Row = Schemas['NamedRankingRow'];

/** The score groups of a ranking, in the order of its rows (every row lists every group of the scheme). */
export const groupsOf = (rows: readonly Row[]): string[] => Object.keys(rows[0]?.groups ?? {});

/** Whether a row differs from another ranking's row of the same unit, and in which cells. */
export function differences(row: Row, other: Row | undefined): Set<string> {
  const out = new Set<string>();
  if (!other) return out.add('row');
  if (row.total !== other.total) out.add('total');
  if (row.rank !== other.rank) out.add('rank');
  if ((row.classification?.code ?? null) !== (other.classification?.code ?? null)) out.add('classification');
  if (row.bonus !== other.bonus) out.add('bonus');
  if (row.penalty !== other.penalty) out.add('penalty');
  for (const g of Object.keys(row.groups)) if (row.groups[g] !== other.groups[g]) out.add(`group:${g}`);
  return out;
}

interface Props {
  /** Rows that say how they were placed (explain, what-if) get a note where a tie-break decided. */
  rows: readonly PlaceableRow[];
  caption: string;
  /** A criterion's title by its code, for the notes on tie-breaks by a criterion. */
  title?: (code: string) => string;
  /** The explain page of a row (rows are then links, and clicking a row opens it). */
  explainHref?: (unitId: string) => string;
  /** Another ranking to compare with: cells that differ are highlighted, with the other value. */
  compareWith?: readonly Row[];
  compareLabel?: string;
  /** Rows just changed by a live update. */
  flashed?: ReadonlySet<string>;
  /** Rank, unit, total and classification only (two tables side by side). */
  compact?: boolean;
}

/** The ranking: rank, unit, total, each group, bonus, penalty, classification; long names wrap. */
export function RankingTable(props: Props) {
  const {
    rows,
    caption,
    title,
    explainHref,
    compareWith,
    compareLabel = 'trước',
    flashed,
    compact = false,
  } = props;
  const { route } = useLocation();
  const groups = compact ? [] : groupsOf(rows);
  const other = new Map(compareWith?.map((r) => [r.unitId, r]));
  const tableId = useId();
  return (
    <TableFrame>
      <table class="grid ranking">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              Hạng
            </th>
            <th scope="col" class="name">
              Đơn vị
            </th>
            <th scope="col" class="num">
              Tổng điểm
            </th>
            {groups.map((g) => (
              <th scope="col" class="num" key={g}>
                {g}
              </th>
            ))}
            {!compact && (
              <>
                <th scope="col" class="num">
                  Điểm thưởng
                </th>
                <th scope="col" class="num">
                  Điểm trừ
                </th>
              </>
            )}
            <th scope="col" class="nowrap">
              Xếp loại
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const was = other.get(r.unitId);
            const diff = compareWith ? differences(r, was) : new Set<string>();
            const cell = (key: string, value: string, before?: string) => (
              <td class={`num${diff.has(key) ? ' changed' : ''}`}>
                {value}
                {diff.has(key) && before !== undefined && (
                  <span class="was">
                    {' '}
                    ({compareLabel}: {before})
                  </span>
                )}
              </td>
            );
            const href = explainHref?.(r.unitId);
            // The note describes the unit's name without becoming part of it (the row header names the unit).
            const note = placementNote(r, rows, title);
            const noteId = note && `${tableId}-placed-${r.unitId}`;
            return (
              <tr
                key={r.unitId}
                data-unit={r.unitId}
                class={[
                  href ? 'clickable' : '',
                  flashed?.has(r.unitId) ? 'flash' : '',
                  diff.size > 0 ? 'differs' : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
                onClick={
                  href ? (e) => (e.target as HTMLElement).closest('a') === null && route(href) : undefined
                }
              >
                {cell('rank', String(r.rank), was && String(was.rank))}
                <th scope="row" class="name" aria-describedby={href ? undefined : noteId}>
                  {href ? (
                    <a href={href} aria-describedby={noteId}>
                      {nameOf(r)}
                    </a>
                  ) : (
                    nameOf(r)
                  )}
                  {r.missingCriteria.length > 0 && (
                    <span class="muted small"> · thiếu {r.missingCriteria.length} tiêu chí</span>
                  )}
                  {note && (
                    <span class="placed" id={noteId} data-placed-by={note.by} aria-hidden="true">
                      {note.text}
                    </span>
                  )}
                </th>
                {cell('total', num(r.total), was && num(was.total))}
                {groups.map((g) => cell(`group:${g}`, num(r.groups[g] ?? 0), was && num(was.groups[g] ?? 0)))}
                {!compact && cell('bonus', num(r.bonus), was && num(was.bonus))}
                {!compact && cell('penalty', num(r.penalty), was && num(was.penalty))}
                <td class={diff.has('classification') ? 'nowrap changed' : 'nowrap'}>
                  <Classification row={r} />
                  {diff.has('classification') && was && (
                    <span class="was">
                      {' '}
                      ({compareLabel}: {was.classification?.label ?? (was.unclassified ? UNCLASSIFIED : '—')})
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableFrame>
  );
}

/**
 * A row's classification; "Chưa đủ điểm" when criteria are missing; and what a knock-out did to it (a
 * recorded finding capping it or barring it from rank 1: its label and evidence in the tooltip).
 */
export function Classification({ row }: { row: Row }) {
  return (
    <>
      {row.classification?.label ?? (row.unclassified ? <Badge tone="warn">{UNCLASSIFIED}</Badge> : '—')}
      {row.cappedBy?.map((c) => (
        <span key={c.findingId} class="cap" title={`${c.label} – kết luận ${c.findingId}: ${c.evidence}`}>
          {' '}
          <Badge tone="warn">{capEffectLabel(c, row.classification)}</Badge>
        </span>
      ))}
    </>
  );
}
