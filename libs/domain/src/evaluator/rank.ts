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
  Ranking,
  RankingRow,
} from './evaluator.types.js';
import type { FoldedEntry, FoldedPeriod } from './fold.js';

/** What ranking a fold takes: what-if overrides and exclusions (the fold already fixed the as-of scope). */
export type RankOptions = Pick<EvaluateOptions, 'overrides' | 'exclude'>;

const NONE: readonly FoldedEntry[] = [];
const NO_CAPS: CapRef[] = [];
const INCOMPLETE = 'chưa đủ điểm' as const;

// All arithmetic in hundredths (points have at most two decimals): exact, so replays agree to the byte.
const cents = (points: number): number => Math.round(points * 100);
const fromCents = (c: number): number => c / 100;
/** Sort order of ids, which are distinct wherever it sorts (members, entries): never equal. */
const byCode = (a: string, b: string): number => (a < b ? -1 : 1);

/**
 * A row's criterion score, made by `new` rather than as an object literal, for the reason OwnedEntry is
 * (year-fold.ts): V8 pretenured the literal's site (the as-of API's first request folds the year from 0 and
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

/**
 * What put `row` below `above`: the bar from rank 1 when `row` is barred, `above` holds rank 1 and `row`'s
 * points would have put it level or ahead; else the first component of their sort keys that differs.
 */
function placement(
  above: { key: number[]; row: RankingRow; barred: boolean },
  row: { key: number[]; barred: boolean },
  tieBreaks: readonly TieBreak[],
): Placement {
  if (row.barred && !above.barred && above.row.rank === 1 && compareKeys(above.key, row.key) >= 0)
    return { aboveUnitId: above.row.unitId, by: 'barred-from-rank-1' };
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
  const memberSet = folded.members;
  const members = [...memberSet]; // ordered below, with the keys
  const ignored: IgnoredEntry[] = [];

  // One cell per (member, criterion code): the latest usable entry of each assessment, found in one pass over
  // the entries in recording order (what the choice below needs: no arrays of entries per cell), and, for
  // explain only, every entry of the cell.
  const memberIndex = new Map<string, number>();
  members.forEach((unitId, i) => memberIndex.set(unitId, i));
  // Per criterion code: the scheme's criterion of that code (the last, should codes repeat) and its column
  // (the first) — one lookup per entry for both.
  const codes = new Map<string, { criterion: Criterion; column: number }>();
  for (const c of criteria) {
    const known = codes.get(c.code);
    if (known) known.criterion = c;
    else codes.set(c.code, { criterion: c, column: codes.size });
  }
  const width = codes.size;
  const columnOf = criteria.map((c) => codes.get(c.code)!.column); // by position in the scheme
  const cellCount = members.length * width;
  const lastAppraisal = new Array<FoldedEntry | undefined>(cellCount);
  const lastCluster = new Array<FoldedEntry | undefined>(cellCount);
  const lastSelf = new Array<FoldedEntry | undefined>(cellCount);
  const cellEntries = explain ? new Array<FoldedEntry[] | undefined>(cellCount) : undefined;
  // Most rankings are no what-if: the exclusion and override lookups are skipped then (hot in a rebuild).
  const excluding = excluded.size > 0;
  const overriding = overrides.size > 0;
  for (const entry of folded.entries.values()) {
    let reason: IgnoredEntry['reason'] | undefined;
    let usable = false;
    const code = codes.get(entry.criterion);
    const criterion = code?.criterion;
    // Members are exactly memberIndex's keys.
    const row = memberIndex.get(entry.unitId);
    if (entry.withdrawn || (excluding && excluded.has(entry.entryId))) {
      // counts nothing, still shown in explain
    } else if (row === undefined) reason = 'unit-not-member';
    else if (criterion === undefined) reason = 'criterion-not-in-scheme';
    else if (
      cents((overriding ? overrides.get(entry.entryId) : undefined) ?? entry.points) >
      cents(criterion.maxPoints)
    )
      reason = 'points-above-max';
    else usable = true;
    if (reason !== undefined)
      ignored.push({ entryId: entry.entryId, unitId: entry.unitId, criterion: entry.criterion, reason });
    const column = code?.column;
    if (row === undefined || column === undefined) continue; // no member's cell shows it
    const k = row * width + column;
    if (cellEntries) (cellEntries[k] ??= []).push(entry);
    if (!usable) continue;
    if (entry.assessment === 'cluster') lastCluster[k] = entry;
    else if (entry.assessment === 'self') lastSelf[k] = entry;
    else if (entry.assessment === 'appraisal') lastAppraisal[k] = entry;
  }
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

  const scoreGroups = [...new Set(criteria.filter((c) => c.kind === 'score').map((c) => c.group))];
  const tieBreaks = scheme?.tieBreaks ?? [];
  const computed = members.map((unitId, i) => {
    const groups = new Map(scoreGroups.map((g) => [g, 0]));
    const byCriterion = new Map<string, number>();
    let bonus = 0;
    let penalty = 0;
    const scores: CriterionScore[] = [];
    const missing: string[] = [];
    const details: ExplainedCriterion[] = [];
    const base = i * width;
    for (let j = 0; j < criteria.length; j++) {
      const c = criteria[j]!;
      const k = base + columnOf[j]!;
      // The appraisal of the organizer's emulation office outranks the cluster's verified score, which
      // outranks the unit's self score (DESIGN.md §4); within one assessment the latest recorded entry
      // (the decider allows only one active).
      const chosen = lastAppraisal[k] ?? lastCluster[k] ?? lastSelf[k];
      const points = chosen ? (overrides.get(chosen.entryId) ?? chosen.points) : null;
      if (chosen && points !== null) {
        const p = cents(points);
        byCriterion.set(c.code, p);
        if (c.kind === 'score') groups.set(c.group, (groups.get(c.group) ?? 0) + p);
        else if (c.kind === 'bonus') bonus += p;
        else penalty += p;
        scores.push(new Score(c.code, points, chosen.assessment, chosen.entryId));
      } else if (c.kind === 'score') missing.push(c.code);
      if (explain)
        details.push({
          code: c.code,
          title: c.title,
          group: c.group,
          kind: c.kind,
          maxPoints: c.maxPoints,
          points,
          source: chosen ? chosen.assessment : null,
          entryId: chosen ? chosen.entryId : null,
          entries: (cellEntries?.[k] ?? NONE).map((e): EntryExplanation => ({
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
            used: chosen?.entryId === e.entryId,
            // A copy: the fold goes on growing the chain after this ranking was taken.
            chain: e.chain.slice(),
          })),
        });
    }
    let scored = 0;
    for (const p of groups.values()) scored += p;
    const total = scored + bonus - penalty;
    const key = sortKey(total, tieBreaks, { groups, bonus, penalty, byCriterion });
    const thresholds = scheme?.thresholds ?? [];
    let level = thresholds.findIndex((t) => total >= cents(t.minTotal));
    const caps = capsOf(unitId);
    // Rows missing criteria get no classification ("chưa đủ điểm"), unless the scheme predates the rule.
    const unclassified = missing.length > 0 && scheme !== null && scheme.classifyIncomplete !== true;
    if (unclassified) level = -1;
    for (const cap of caps) {
      const capped = thresholds.findIndex((t) => t.code === cap.capTo); // -1: no cap (bar-rank-1)
      if (level >= 0 && capped > level) level = capped; // a lower classification (thresholds highest first)
    }
    const threshold = thresholds[level]; // none at -1
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
      ...(unclassified && { unclassified: INCOMPLETE }),
      ...(caps.length > 0 && { cappedBy: caps }),
    };
    if (explain) Object.assign(row, { placedBy: null, explain: details }); // placedBy is set once ranked
    return { key, row, barred: caps.some((c) => c.effect === 'bar-rank-1') };
  });

  // Standard competition ranking: 1 + the number of rows strictly ahead; equal keys share a rank and are
  // listed by unit id (ids are lowercase ASCII, so code-unit order is deterministic everywhere).
  computed.sort((a, b) => compareKeys(a.key, b.key) || byCode(a.row.unitId, b.row.unitId));
  // A row barred from rank 1 (a knock-out) yields it: the best rows not barred come first — all of them,
  // also when a barred row level with them sorts between by id — and the rows that were ahead of them or
  // level with them follow, in their order. A barred row never shares rank 1; below it, equal keys share
  // a rank whatever the bars (the bar is about rank 1 only).
  const firstFree = computed.findIndex((c) => !c.barred);
  if (firstFree >= 0) {
    const lead = computed.filter((c) => !c.barred && compareKeys(c.key, computed[firstFree]!.key) === 0);
    computed.splice(0, computed.length, ...lead, ...computed.filter((c) => !lead.includes(c)));
  }
  computed.forEach((c, i) => {
    const prev = computed[i - 1];
    const tied =
      prev && compareKeys(prev.key, c.key) === 0 && !(c.barred && !prev.barred && prev.row.rank === 1);
    c.row.rank = tied ? prev.row.rank : i + 1;
    if (explain) (c.row as ExplainedRow).placedBy = prev ? placement(prev, c, tieBreaks) : null;
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
