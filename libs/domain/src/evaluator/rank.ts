import { notFound, rule } from '../errors.js';
import type { Criterion, ScoringScheme, TieBreak } from '../scheme/scheme.js';
import { requirePoints } from '../validation.js';
import type {
  CapRef,
  CriterionScore,
  EntryExplanation,
  EvaluateOptions,
  ExplainedCriterion,
  ExplainedRanking,
  ExplainedRow,
  IgnoredEntry,
  Placement,
  PlacedRanking,
  PlacedRow,
  Ranking,
  RankingRow,
} from './evaluator.types.js';
import { EntryColumns } from './entry-columns.js';
import type { FoldedEntry, FoldedPeriod } from './fold.js';
import { Cells, cents, passColumns, passObjects, workArray, type EntryPass } from './rank-cells.js';
import { SortKeys } from './rank-keys.js';
import { criteriaLayout, NO_CRITERIA } from './rank-layout.js';

/** What ranking a fold takes: what-if overrides and exclusions (the fold already fixed the as-of scope). */
export type RankOptions = Pick<EvaluateOptions, 'overrides' | 'exclude'>;

const NONE: readonly FoldedEntry[] = [];
const NO_CAPS: CapRef[] = [];
const NO_DETAILS: ExplainedCriterion[] = []; // never written: explain only pushes to its own
const INCOMPLETE = 'chưa đủ điểm' as const;

// All arithmetic in hundredths (cents): exact, so replays agree to the byte.
const fromCents = (c: number): number => c / 100;
/** Sort order of ids, which are distinct wherever it sorts (members, entries): never equal. */
const byCode = (a: string, b: string): number => (a < b ? -1 : 1);

/**
 * A row's criterion score, made by `new` rather than as an object literal, for the reason OwnedEntry is
 * (folded-entry.ts): V8 pretenured the literal's site (the as-of API's first request folds the year from 0 and
 * its scores survive), so the ≈ 1,600 scores of each later 20,000-event as-of died in the old generation
 * (≈ 100 KB a request). The keys are assigned in CriterionScore's order: the documents' bytes follow it.
 */
class Score implements CriterionScore {
  constructor(
    public code: string,
    public points: number,
    public source: CriterionScore['source'],
    public entryId: string,
  ) {}
}

/**
 * A row, its classification, its group points and its place in the sort, made by `new` for the reason
 * Score is: V8 tenured the object literals' allocation sites when a ranking of 320 rows outlasted young
 * collections, and from then on every row was made in the old generation pointing at young objects, which
 * every scavenge had to keep and promote (at 100,000 events GC was 2.6 ms of a 4.2 ms ranking). The fixed
 * keys are assigned in RankingRow's order; the optional ones after, as the literal's spreads did.
 */
class Row implements RankingRow {
  declare unitId: string;
  declare total: number;
  declare groups: Record<string, number>;
  declare bonus: number;
  declare penalty: number;
  declare rank: number;
  declare classification: Classification | null;
  declare criteria: CriterionScore[];
  declare missingCriteria: string[];
  declare unclassified?: typeof INCOMPLETE;
  declare cappedBy?: CapRef[];

  constructor(
    unitId: string,
    total: number,
    groups: Record<string, number>,
    bonus: number,
    penalty: number,
    classification: Classification | null,
    criteria: CriterionScore[],
    missingCriteria: string[],
  ) {
    this.unitId = unitId;
    this.total = total;
    this.groups = groups;
    this.bonus = bonus;
    this.penalty = penalty;
    this.rank = 0;
    this.classification = classification;
    this.criteria = criteria;
    this.missingCriteria = missingCriteria;
  }
}

class Classification {
  constructor(
    public code: string,
    public label: string,
  ) {}
}

class Points {
  [group: string]: number;
}

class Ranked {
  constructor(
    /** The row's key in SortKeys. */
    public key: number,
    public row: RankingRow,
    public barred: boolean,
  ) {}
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

/**
 * What put `row` below `above`: the bar from rank 1 when `row` is barred, `above` holds rank 1 and `row`'s
 * points would have put it level or ahead; else the first component of their sort keys that differs.
 */
function placement(above: Ranked, row: Ranked, keys: SortKeys, tieBreaks: readonly TieBreak[]): Placement {
  if (row.barred && !above.barred && above.row.rank === 1 && keys.compare(above.key, row.key) >= 0)
    return { aboveUnitId: above.row.unitId, by: 'barred-from-rank-1' };
  const at = keys.firstDifference(above.key, row.key);
  return { aboveUnitId: above.row.unitId, by: at < 0 ? 'tied' : at === 0 ? 'total' : tieBreaks[at - 1]! };
}

/** The row's points per group, in the scheme's group order. */
function groupsObject(names: readonly string[], cents: Float64Array): Record<string, number> {
  // Assigning `__proto__` would set the prototype: such a group takes the slower, exact way.
  if (names.includes('__proto__')) return Object.fromEntries(names.map((g, i) => [g, fromCents(cents[i]!)]));
  const out = new Points();
  names.forEach((g, i) => (out[g] = fromCents(cents[i]!)));
  return out;
}

/**
 * What a ranking's rows carry besides their points: nothing (`points`), how each was placed against the
 * row above (`placed`), or that and each criterion's detail (`explained`).
 */
export type RankDetail = 'points' | 'placed' | 'explained';

/**
 * Ranks the folded period: O(entries of the period + members × criteria), whatever the length of the
 * stream. `detail` only adds to the rows; the rest of the ranking is the same whatever it is (the detail
 * is never consulted). Nothing returned shares mutable state with the fold.
 */
export function rankPeriod(folded: FoldedPeriod, options: RankOptions, detail: 'explained'): ExplainedRanking;
export function rankPeriod(folded: FoldedPeriod, options: RankOptions, detail: 'placed'): PlacedRanking;
export function rankPeriod(folded: FoldedPeriod, options: RankOptions, detail: 'points'): Ranking;
export function rankPeriod(
  folded: FoldedPeriod,
  options: RankOptions,
  detail: RankDetail,
): Ranking | PlacedRanking | ExplainedRanking {
  const explain = detail === 'explained';
  const placed = detail !== 'points';
  const { overrides, excluded } = prepareWhatIf(folded, options);
  const scheme: ScoringScheme | null = folded.scheme;
  const criteria: readonly Criterion[] = scheme?.criteria ?? NO_CRITERIA;
  const memberSet = folded.members;
  const members = [...memberSet]; // ordered below, with the keys
  const ignored: IgnoredEntry[] = [];

  const memberIndex = new Map<string, number>();
  members.forEach((unitId, i) => memberIndex.set(unitId, i));
  const { codes, columnOf, scoreGroups, groupOf } = criteriaLayout(criteria);
  const width = codes.size;
  const cells = new Cells(members.length * width, explain);
  const pass: EntryPass = { overrides, excluded, memberIndex, codes, width, cells, ignored };
  if (folded.entries instanceof EntryColumns) passColumns(folded.entries, pass);
  else passObjects(folded.entries, pass);
  const ignoredIds = new Set(ignored.map((i) => i.entryId));

  // The knock-outs raised (findings not cleared) per unit, in recording order.
  const knockOuts = new Map((scheme?.knockOuts ?? []).map((k) => [k.code, k]));
  const raised = new Map<string, CapRef[]>();
  for (const f of folded.findings.values()) {
    const k = knockOuts.get(f.knockOut);
    if (f.cleared || !k || !memberSet.has(f.unitId)) continue;
    const ref: CapRef = {
      findingId: f.findingId,
      knockOut: k.code,
      label: k.label,
      effect: k.effect,
      ...(k.effect === 'cap-classification' && { capTo: k.capTo }),
      evidence: f.evidence,
    };
    raised.set(f.unitId, [...(raised.get(f.unitId) ?? []), ref]);
  }
  const capsOf = (unitId: string): CapRef[] => raised.get(unitId) ?? NO_CAPS;

  const tieBreaks = scheme?.tieBreaks ?? [];
  const keys = new SortKeys(members.length, tieBreaks, scoreGroups, codes);
  const thresholds = scheme?.thresholds ?? [];
  // A row's scores and missing codes are gathered here and sliced out (see Row on allocation sites).
  const scoresSeen: CriterionScore[] = [];
  const missingSeen: string[] = [];
  const computed = members.map((unitId, i) => {
    // Points in cents per score group (every group, in the scheme's order) and per criterion column.
    const groups = workArray('groups', scoreGroups.length, 0);
    const byColumn = workArray('byColumn', width, 0);
    let bonus = 0;
    let penalty = 0;
    scoresSeen.length = 0;
    missingSeen.length = 0;
    const details: ExplainedCriterion[] = explain ? [] : NO_DETAILS;
    const base = i * width;
    for (let j = 0; j < criteria.length; j++) {
      const c = criteria[j]!;
      const k = base + columnOf[j]!;
      const source = cells.source[k];
      const chosenId = cells.entryId[k];
      const points = source === undefined ? null : cells.points[k]!;
      if (source !== undefined && points !== null) {
        const p = cents(points);
        byColumn[columnOf[j]!] = p;
        if (c.kind === 'score') groups[groupOf[j]!]! += p;
        else if (c.kind === 'bonus') bonus += p;
        else penalty += p;
        scoresSeen.push(new Score(c.code, points, source, chosenId!));
      } else if (c.kind === 'score') missingSeen.push(c.code);
      if (explain)
        details.push({
          code: c.code,
          title: c.title,
          group: c.group,
          kind: c.kind,
          maxPoints: c.maxPoints,
          points,
          source: source ?? null,
          entryId: chosenId ?? null,
          entries: (cells.entries?.[k] ?? NONE).map((e): EntryExplanation => ({
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
            used: chosenId === e.entryId,
            // A copy: the fold goes on growing the chain after this ranking was taken.
            chain: e.chain.slice(),
          })),
        });
    }
    let scored = 0;
    for (let g = 0; g < scoreGroups.length; g++) scored += groups[g]!;
    const total = scored + bonus - penalty;
    keys.set(i, total, groups, bonus, penalty, byColumn);
    let level = thresholds.findIndex((t) => total >= cents(t.minTotal));
    const caps = capsOf(unitId);
    // Rows missing criteria get no classification ("chưa đủ điểm"), unless the scheme predates the rule.
    const unclassified = missingSeen.length > 0 && scheme !== null && scheme.classifyIncomplete !== true;
    if (unclassified) level = -1;
    for (const cap of caps) {
      const capped = thresholds.findIndex((t) => t.code === cap.capTo); // -1: no cap (bar-rank-1)
      if (level >= 0 && capped > level) level = capped; // a lower classification (thresholds highest first)
    }
    const threshold = thresholds[level]; // none at -1
    const row = new Row(
      unitId,
      fromCents(total),
      groupsObject(scoreGroups, groups),
      fromCents(bonus),
      fromCents(penalty),
      threshold ? new Classification(threshold.code, threshold.label) : null,
      scoresSeen.slice(),
      missingSeen.slice(),
    );
    if (unclassified) row.unclassified = INCOMPLETE;
    if (caps.length > 0) row.cappedBy = caps;
    if (placed) (row as PlacedRow).placedBy = null; // set once ranked
    if (explain) (row as ExplainedRow).explain = details;
    return new Ranked(
      i,
      row,
      caps.some((c) => c.effect === 'bar-rank-1'),
    );
  });

  // Standard competition ranking: 1 + the number of rows strictly ahead; equal keys share a rank and are
  // listed by unit id (ids are lowercase ASCII, so code-unit order is deterministic everywhere).
  computed.sort((a, b) => keys.compare(a.key, b.key) || byCode(a.row.unitId, b.row.unitId));
  // A row barred from rank 1 (a knock-out) yields it: the best rows not barred come first — all of them,
  // also when a barred row level with them sorts between by id — and the rows that were ahead of them or
  // level with them follow, in their order. A barred row never shares rank 1; below it, equal keys share
  // a rank whatever the bars (the bar is about rank 1 only).
  const firstFree = computed.findIndex((c) => !c.barred);
  if (firstFree >= 0) {
    const lead = computed.filter((c) => !c.barred && keys.compare(c.key, computed[firstFree]!.key) === 0);
    computed.splice(0, computed.length, ...lead, ...computed.filter((c) => !lead.includes(c)));
  }
  computed.forEach((c, i) => {
    const prev = computed[i - 1];
    const tied =
      prev && keys.compare(prev.key, c.key) === 0 && !(c.barred && !prev.barred && prev.row.rank === 1);
    c.row.rank = tied ? prev.row.rank : i + 1;
    if (placed) (c.row as PlacedRow).placedBy = prev ? placement(prev, c, keys, tieBreaks) : null;
  });

  return {
    clusterId: folded.clusterId,
    year: folded.year,
    period: folded.period,
    // A period is revised only while closed (a reopening or a new close clears revisedBy).
    status: folded.revisedBy.length > 0 ? 'revised' : folded.status,
    schemeVersion: scheme?.version ?? null,
    ...(folded.sealedDigest !== undefined && { sealedDigest: folded.sealedDigest }),
    position: folded.position,
    revisedBy: folded.revisedBy.slice(),
    hypothetical: overrides.size > 0 || excluded.size > 0,
    ignoredEntries: ignored.sort((a, b) => byCode(a.entryId, b.entryId)),
    ...(folded.disputedBy.length > 0 && { disputedBy: [...folded.disputedBy] }),
    ...(folded.acceptedIncomplete && {
      acceptedIncomplete: {
        reason: folded.acceptedIncomplete.reason,
        unitIds: [...folded.acceptedIncomplete.unitIds],
      },
    }),
    rows: computed.map((c) => c.row),
  };
}
