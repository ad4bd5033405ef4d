import { notFound, rule } from '../errors.js';
import type { Criterion, ScoringScheme, TieBreak } from '../scheme/scheme.js';
import { requirePoints } from '../validation.js';
import type {
  CriterionScore,
  EntryExplanation,
  EvaluateOptions,
  ExplainedCriterion,
  ExplainedRanking,
  ExplainedRow,
  IgnoredEntry,
  Placement,
  Ranking,
  RankingRow,
} from './evaluator.types.js';
import type { FoldedEntry, FoldedPeriod } from './fold.js';

/** What ranking a fold takes: what-if overrides and exclusions (the fold already fixed the as-of scope). */
export type RankOptions = Pick<EvaluateOptions, 'overrides' | 'exclude'>;

const NONE: readonly FoldedEntry[] = [];

// All arithmetic in hundredths (points have at most two decimals): exact, so replays agree to the byte.
const cents = (points: number): number => Math.round(points * 100);
const fromCents = (c: number): number => c / 100;
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Chosen {
  entry: FoldedEntry;
  points: number;
}

/** Validates what-if options against the period's entries; returns override points by entry id. */
function prepareWhatIf(
  folded: FoldedPeriod,
  options: RankOptions,
): { overrides: Map<string, number>; excluded: Set<string> } {
  const byId = folded.entries;
  const excluded = new Set<string>();
  (options.exclude ?? []).forEach((id, i) => {
    if (!byId.has(id))
      throw notFound('ENTRY_NOT_FOUND', `entry ${id} is not an entry of ${folded.period}`, `exclude[${i}]`);
    excluded.add(id);
  });
  const overrides = new Map<string, number>();
  (options.overrides ?? []).forEach((o, i) => {
    const entry = byId.get(o.entryId);
    if (!entry)
      throw notFound(
        'ENTRY_NOT_FOUND',
        `entry ${o.entryId} is not an entry of ${folded.period}`,
        `overrides[${i}].entryId`,
      );
    if (entry.withdrawn)
      throw rule('ENTRY_WITHDRAWN', `entry ${o.entryId} is withdrawn`, `overrides[${i}].entryId`);
    if (excluded.has(o.entryId) || overrides.has(o.entryId))
      throw rule(
        'OVERRIDE_CONFLICT',
        `entry ${o.entryId} is overridden twice or also excluded`,
        `overrides[${i}].entryId`,
      );
    const max =
      folded.scheme?.criteria.find((c) => c.code === entry.criterion)?.maxPoints ?? Number.MAX_SAFE_INTEGER;
    overrides.set(o.entryId, requirePoints(o.points, max, `overrides[${i}].points`));
  });
  return { overrides, excluded };
}

/** The sort key of a row: total first, then each tie-break, every component oriented "larger is better". */
function sortKey(
  total: number,
  tieBreaks: readonly TieBreak[],
  parts: { groups: Map<string, number>; bonus: number; penalty: number; byCriterion: Map<string, number> },
): number[] {
  return [
    total,
    ...tieBreaks.map((t) => {
      if (t === 'penalty') return -parts.penalty;
      if (t === 'bonus') return parts.bonus;
      if (t.startsWith('group:')) return parts.groups.get(t.slice(6)) ?? 0;
      return parts.byCriterion.get(t.slice(10)) ?? 0;
    }),
  ];
}

/** What put `row` below `above`: the first component of their sort keys that differs. */
function placement(
  above: { key: number[]; row: RankingRow },
  row: { key: number[] },
  tieBreaks: readonly TieBreak[],
): Placement {
  const at = above.key.findIndex((k, i) => k !== row.key[i]);
  return { aboveUnitId: above.row.unitId, by: at < 0 ? 'tied' : at === 0 ? 'total' : tieBreaks[at - 1]! };
}

/** The row's points per group, in the scheme's group order. */
function groupsObject(groups: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [g, p] of groups) {
    // Assigning `__proto__` would set the prototype: such a group takes the slower, exact way.
    if (g === '__proto__') return Object.fromEntries([...groups].map(([k, c]) => [k, fromCents(c)]));
    out[g] = fromCents(p);
  }
  return out;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

/**
 * Ranks the folded period: O(entries of the period + members × criteria), whatever the length of the
 * stream. `explain` adds each row's criterion detail; the rest of the ranking is the same either way
 * (the detail is only added, never consulted). Nothing returned shares mutable state with the fold.
 */
export function rankPeriod(folded: FoldedPeriod, options: RankOptions, explain: true): ExplainedRanking;
export function rankPeriod(folded: FoldedPeriod, options: RankOptions, explain: false): Ranking;
export function rankPeriod(
  folded: FoldedPeriod,
  options: RankOptions,
  explain: boolean,
): Ranking | ExplainedRanking {
  const { overrides, excluded } = prepareWhatIf(folded, options);
  const scheme: ScoringScheme | null = folded.scheme;
  const criteria: Criterion[] = scheme?.criteria ?? [];
  const criterionOf = new Map(criteria.map((c) => [c.code, c]));
  const memberSet = folded.members;
  const members = [...memberSet].sort(byCode);
  const ignored: IgnoredEntry[] = [];
  const ignoredIds = new Set<string>();

  // Entries by unit, then criterion, in recording order.
  const grouped = new Map<string, Map<string, FoldedEntry[]>>();
  // Most rankings are no what-if: the exclusion and override lookups are skipped then (hot in a rebuild).
  const excluding = excluded.size > 0;
  const overriding = overrides.size > 0;
  for (const entry of folded.entries.values()) {
    let reason: IgnoredEntry['reason'] | undefined;
    const criterion = criterionOf.get(entry.criterion);
    if (entry.withdrawn || (excluding && excluded.has(entry.entryId))) {
      // counts nothing, still shown in explain
    } else if (!memberSet.has(entry.unitId)) reason = 'unit-not-member';
    else if (criterion === undefined) reason = 'criterion-not-in-scheme';
    else if (
      cents((overriding ? overrides.get(entry.entryId) : undefined) ?? entry.points) >
      cents(criterion.maxPoints)
    )
      reason = 'points-above-max';
    if (reason !== undefined) {
      ignored.push({ entryId: entry.entryId, unitId: entry.unitId, criterion: entry.criterion, reason });
      ignoredIds.add(entry.entryId);
    }
    let cells = grouped.get(entry.unitId);
    if (!cells) grouped.set(entry.unitId, (cells = new Map()));
    const cell = cells.get(entry.criterion);
    if (cell) cell.push(entry);
    else cells.set(entry.criterion, [entry]);
  }

  const scoreGroups = [...new Set(criteria.filter((c) => c.kind === 'score').map((c) => c.group))];
  const tieBreaks = scheme?.tieBreaks ?? [];
  const computed = members.map((unitId) => {
    const groups = new Map(scoreGroups.map((g) => [g, 0]));
    const byCriterion = new Map<string, number>();
    let bonus = 0;
    let penalty = 0;
    const scores: CriterionScore[] = [];
    const missing: string[] = [];
    const details: ExplainedCriterion[] = [];
    const cells = grouped.get(unitId);
    for (const c of criteria) {
      const all = cells?.get(c.code) ?? NONE;
      // The cluster's verified score takes precedence over the unit's self score (DESIGN.md §4); within
      // one assessment the latest recorded entry (the decider allows only one active).
      let lastCluster: FoldedEntry | undefined;
      let lastSelf: FoldedEntry | undefined;
      for (const e of all) {
        if (
          e.withdrawn ||
          (excluding && excluded.has(e.entryId)) ||
          (ignoredIds.size > 0 && ignoredIds.has(e.entryId))
        )
          continue;
        if (e.assessment === 'cluster') lastCluster = e;
        else if (e.assessment === 'self') lastSelf = e;
      }
      const entry = lastCluster ?? lastSelf;
      const chosen: Chosen | undefined = entry && {
        entry,
        points: overrides.get(entry.entryId) ?? entry.points,
      };
      if (chosen) {
        const p = cents(chosen.points);
        byCriterion.set(c.code, p);
        if (c.kind === 'score') groups.set(c.group, (groups.get(c.group) ?? 0) + p);
        else if (c.kind === 'bonus') bonus += p;
        else penalty += p;
        scores.push({
          code: c.code,
          points: chosen.points,
          source: chosen.entry.assessment,
          entryId: chosen.entry.entryId,
        });
      } else if (c.kind === 'score') missing.push(c.code);
      if (explain)
        details.push({
          code: c.code,
          title: c.title,
          group: c.group,
          kind: c.kind,
          maxPoints: c.maxPoints,
          points: chosen ? chosen.points : null,
          source: chosen ? chosen.entry.assessment : null,
          entryId: chosen ? chosen.entry.entryId : null,
          entries: all.map((e): EntryExplanation => ({
            entryId: e.entryId,
            assessment: e.assessment,
            status: e.withdrawn
              ? 'withdrawn'
              : excluded.has(e.entryId)
                ? 'excluded'
                : ignoredIds.has(e.entryId)
                  ? 'ignored'
                  : 'active',
            points: e.points,
            ...(overrides.has(e.entryId) && { overriddenTo: overrides.get(e.entryId)! }),
            used: chosen?.entry.entryId === e.entryId,
            // A copy: the fold goes on growing the chain after this ranking was taken.
            chain: e.chain.slice(),
          })),
        });
    }
    let scored = 0;
    for (const p of groups.values()) scored += p;
    const total = scored + bonus - penalty;
    const key = sortKey(total, tieBreaks, { groups, bonus, penalty, byCriterion });
    const threshold = scheme?.thresholds.find((t) => total >= cents(t.minTotal));
    const row: RankingRow = {
      unitId,
      total: fromCents(total),
      groups: groupsObject(groups),
      bonus: fromCents(bonus),
      penalty: fromCents(penalty),
      rank: 0,
      classification: threshold ? { code: threshold.code, label: threshold.label } : null,
      criteria: scores,
      missingCriteria: missing,
    };
    if (explain) Object.assign(row, { placedBy: null, explain: details }); // placedBy is set once ranked
    return { key, row };
  });

  // Standard competition ranking: 1 + the number of rows strictly ahead; equal keys share a rank and are
  // listed by unit id (ids are lowercase ASCII, so code-unit order is deterministic everywhere).
  computed.sort((a, b) => compareKeys(a.key, b.key) || byCode(a.row.unitId, b.row.unitId));
  computed.forEach((c, i) => {
    const prev = computed[i - 1];
    c.row.rank = prev && compareKeys(prev.key, c.key) === 0 ? prev.row.rank : i + 1;
    if (explain) (c.row as ExplainedRow).placedBy = prev ? placement(prev, c, tieBreaks) : null;
  });

  return {
    clusterId: folded.clusterId,
    year: folded.year,
    period: folded.period,
    status: folded.status === 'closed' && folded.revisedBy.length > 0 ? 'revised' : folded.status,
    schemeVersion: scheme?.version ?? null,
    ...(folded.sealedDigest !== undefined && { sealedDigest: folded.sealedDigest }),
    position: folded.position,
    revisedBy: folded.revisedBy.slice(),
    hypothetical: overrides.size > 0 || excluded.size > 0,
    ignoredEntries: ignored.sort((a, b) => byCode(a.entryId, b.entryId)),
    rows: computed.map((c) => c.row),
  };
}
