/**
 * The evaluator as it was before the incremental fold (whole-array fold per call), kept verbatim as a
 * reference: the tests compare the evaluator against it byte for byte. Test support only.
 */
import { businessDateOf, upcastData } from '../events/upcast.js';
import { DomainError, notFound, rule } from '../errors.js';
import type { ComplaintFiledData } from '../events/complaint.events.js';
import type {
  Assessment,
  DisputeFiledData,
  DisputeResolvedData,
  FindingClearedData,
  FindingRecordedData,
  PeriodClosedData,
  ScoreCorrectedData,
  ScoreRecordedData,
  ScoreWithdrawnData,
  ScoringSchemePublishedData,
  UnitAdmittedData,
  UnitWithdrawnData,
} from '../events/emulation-year.events.js';
import { requirePeriodCode, type PeriodCode } from '../periods.js';
import type { Criterion, ScoringScheme, TieBreak } from '../scheme/scheme.js';
import { parseStreamId } from '../streams.js';
import { requireIsoTime, requirePoints } from '../validation.js';
import type {
  CapRef,
  ChainLink,
  CriterionScore,
  EntryExplanation,
  EvaluateOptions,
  EvaluatorEvent,
  EventRef,
  ExplainedCriterion,
  ExplainedRanking,
  ExplainedRow,
  IgnoredEntry,
  PlacedRanking,
  PlacedRow,
  Placement,
  Ranking,
  RankingRow,
  WhatIfDiff,
  WhatIfResult,
} from '../evaluator/evaluator.types.js';

/** One score entry of the period, with its history. */
interface FoldedEntry {
  entryId: string;
  unitId: string;
  criterion: string;
  assessment: Assessment;
  points: number;
  withdrawn: boolean;
  chain: ChainLink[];
}

/** Everything the ranking of one period needs, folded from a cluster-year's events. */
interface FoldedPeriod {
  clusterId: string;
  year: number;
  period: PeriodCode;
  status: 'not-opened' | 'open' | 'closed';
  scheme: ScoringScheme | null;
  sealedDigest?: string;
  /** Member units that the ranking lists (sealed at close while closed). */
  members: string[];
  entries: FoldedEntry[];
  findings: Array<{
    findingId: string;
    unitId: string;
    knockOut: string;
    evidence: string;
    cleared: boolean;
  }>;
  disputedBy: string[];
  acceptedIncomplete?: { reason: string; unitIds: string[] };
  revisedBy: EventRef[];
  position: number;
}

const ENTRY_TYPES = new Set([
  'ScoreRecorded',
  'ScoreCorrected',
  'ScoreWithdrawn',
  'DisputeResolved',
  'FindingRecorded',
  'FindingCleared',
]);

function link(e: EvaluatorEvent, kind: ChainLink['kind'], extra: Partial<ChainLink>): ChainLink {
  return {
    kind,
    eventId: e.eventId,
    position: e.position,
    revision: e.revision,
    actor: e.metadata.actor,
    at: e.metadata.occurredAt,
    effectiveDate: (upcastData(e)['effectiveDate'] as string | undefined) ?? null,
    ...extra,
  };
}

/** Picks the events in scope (one stream, up to a position or time), in position order. */
function selectEvents(
  events: ReadonlyArray<EvaluatorEvent>,
  options: EvaluateOptions,
): { clusterId: string; year: number; selected: EvaluatorEvent[] } {
  const first = events[0];
  if (!first) throw new DomainError('NO_EVENTS', 'the cluster-year has no events', 'not-found');
  const parsed = parseStreamId(first.streamId);
  if (parsed?.category !== 'emulation')
    throw rule('NOT_AN_EMULATION_STREAM', `${first.streamId} is not a cluster-year stream`);
  if (events.some((e) => e.streamId !== first.streamId))
    throw rule('MIXED_STREAMS', 'the evaluator folds the events of one cluster-year stream');
  const { upToPosition, upToTime } = options;
  if (upToPosition !== undefined && (!Number.isInteger(upToPosition) || upToPosition < 0))
    throw rule('INVALID_POSITION', 'upToPosition must be a non-negative integer', 'upToPosition');
  const limit = upToTime === undefined ? undefined : Date.parse(requireIsoTime(upToTime, 'upToTime'));
  const selected = events
    .filter((e) => upToPosition === undefined || e.position <= upToPosition)
    .filter((e) => limit === undefined || Date.parse(e.metadata.occurredAt) <= limit)
    .filter(
      (e) =>
        options.upToEffectiveDate === undefined || (businessDateOf(e) ?? '') <= options.upToEffectiveDate,
    )
    .sort((a, b) => a.position - b.position);
  return { clusterId: parsed.clusterId, year: parsed.year, selected };
}

/** Folds the selected events into what the ranking of `period` needs. */
function foldPeriod(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions,
): FoldedPeriod {
  const { clusterId, year, selected } = selectEvents(events, options);
  const members = new Set<string>();
  const schemes = new Map<number, ScoringScheme>();
  let latest: number | null = null;
  let status: FoldedPeriod['status'] = 'not-opened';
  let sealed:
    | {
        digest: string;
        schemeVersion: number;
        members: string[];
        acceptedIncomplete?: { reason: string; unitIds: string[] };
      }
    | undefined;
  const findings: FoldedPeriod['findings'] = [];
  const disputes = new Map<string, boolean>();
  let revisedBy: EventRef[] = [];
  const entries = new Map<string, FoldedEntry>();
  const disputeEntry = new Map<string, string>();
  let position = 0;

  for (const e of selected) {
    position = e.position;
    const d = upcastData(e);
    if (d['period'] !== undefined && d['period'] !== period) continue;
    if (status === 'closed' && ENTRY_TYPES.has(e.type)) {
      const resolved = e.type === 'DisputeResolved' ? (d as unknown as DisputeResolvedData) : undefined;
      if (!resolved || resolved.outcome === 'upheld')
        revisedBy.push({ eventId: e.eventId, position: e.position, type: e.type });
    }
    switch (e.type) {
      case 'UnitAdmitted':
        members.add((d as unknown as UnitAdmittedData).unitId);
        break;
      case 'UnitWithdrawn':
        members.delete((d as unknown as UnitWithdrawnData).unitId);
        break;
      case 'ScoringSchemePublished':
      case 'ScoringSchemeAmended': {
        const s = d as unknown as ScoringSchemePublishedData;
        schemes.set(s.version, {
          version: s.version,
          criteria: s.criteria,
          thresholds: s.thresholds,
          tieBreaks: s.tieBreaks,
          ...(s.knockOuts && { knockOuts: s.knockOuts }),
          ...(s.classifyIncomplete === true && { classifyIncomplete: true }),
        });
        latest = s.version;
        break;
      }
      case 'PeriodOpened':
      case 'PeriodReopened':
        status = 'open';
        sealed = undefined;
        revisedBy = [];
        break;
      case 'PeriodClosed': {
        const c = d as unknown as PeriodClosedData;
        status = 'closed';
        sealed = {
          digest: c.rankingDigest,
          schemeVersion: c.schemeVersion,
          members: [...members],
          ...(c.acceptedIncomplete && { acceptedIncomplete: c.acceptedIncomplete }),
        };
        revisedBy = [];
        break;
      }
      case 'ScoreRecorded': {
        const s = d as unknown as ScoreRecordedData;
        entries.set(s.entryId, {
          entryId: s.entryId,
          unitId: s.unitId,
          criterion: s.criterion,
          assessment: s.assessment,
          points: s.points,
          withdrawn: false,
          chain: [
            link(e, 'recorded', {
              points: s.points,
              ...(s.evidence !== undefined && { evidence: s.evidence }),
            }),
          ],
        });
        break;
      }
      case 'ScoreCorrected': {
        const s = d as unknown as ScoreCorrectedData;
        const entry = entries.get(s.entryId);
        if (!entry) break;
        entry.points = s.points;
        entry.chain.push(
          link(e, 'corrected', {
            points: s.points,
            previousPoints: s.previousPoints,
            reason: s.reason,
            ...(s.disputeId !== undefined && { disputeId: s.disputeId }),
          }),
        );
        break;
      }
      case 'ScoreWithdrawn': {
        const s = d as unknown as ScoreWithdrawnData;
        const entry = entries.get(s.entryId);
        if (!entry) break;
        entry.withdrawn = true;
        entry.chain.push(
          link(e, 'withdrawn', {
            reason: s.reason,
            ...(s.disputeId !== undefined && { disputeId: s.disputeId }),
          }),
        );
        break;
      }
      case 'FindingRecorded': {
        const f = d as unknown as FindingRecordedData;
        findings.push({
          findingId: f.findingId,
          unitId: f.unitId,
          knockOut: f.knockOut,
          evidence: f.evidence,
          cleared: false,
        });
        break;
      }
      case 'FindingCleared': {
        const f = findings.find((x) => x.findingId === (d as unknown as FindingClearedData).findingId);
        if (f) f.cleared = true;
        break;
      }
      case 'ComplaintFiled': {
        const c = d as unknown as ComplaintFiledData;
        if (['ranking', 'classification', 'proposal'].includes(c.target.kind))
          disputes.set(c.complaintId, true);
        break;
      }
      case 'ComplaintResolved':
      case 'ComplaintEscalated': {
        const id = (d as { complaintId: string }).complaintId;
        if (disputes.has(id)) disputes.set(id, e.type === 'ComplaintEscalated');
        break;
      }
      case 'DisputeFiled': {
        const s = d as unknown as DisputeFiledData;
        disputeEntry.set(s.disputeId, s.entryId);
        entries.get(s.entryId)?.chain.push(
          link(e, 'dispute-filed', {
            disputeId: s.disputeId,
            reason: s.reason,
            ...(s.proposedPoints !== undefined && { points: s.proposedPoints }),
          }),
        );
        break;
      }
      case 'DisputeResolved': {
        const s = d as unknown as DisputeResolvedData;
        entries.get(s.entryId)?.chain.push(
          link(e, 'dispute-resolved', {
            disputeId: s.disputeId,
            outcome: s.outcome,
            reason: s.reason,
            ...(s.correctedPoints !== undefined && { points: s.correctedPoints }),
          }),
        );
        break;
      }
      default:
        break;
    }
  }

  const schemeVersion = status === 'closed' && sealed ? sealed.schemeVersion : latest;
  return {
    clusterId,
    year,
    period,
    status,
    scheme: schemeVersion === null ? null : (schemes.get(schemeVersion) ?? null),
    ...(status === 'closed' && sealed && { sealedDigest: sealed.digest }),
    members: status === 'closed' && sealed ? sealed.members : [...members],
    entries: [...entries.values()],
    findings,
    disputedBy: [...disputes.entries()]
      .filter(([, open]) => open)
      .map(([id]) => id)
      .sort(),
    ...(status === 'closed' &&
      sealed?.acceptedIncomplete && { acceptedIncomplete: sealed.acceptedIncomplete }),
    revisedBy,
    position,
  };
}

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
  options: EvaluateOptions,
): { overrides: Map<string, number>; excluded: Set<string> } {
  const byId = new Map(folded.entries.map((e) => [e.entryId, e]));
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

/** What put `row` below `above`, read from the rows' own fields (not from their sort keys). */
function placement(above: ExplainedRow, row: ExplainedRow, tieBreaks: readonly TieBreak[]): Placement {
  const value = (r: ExplainedRow, t: TieBreak): number =>
    t === 'penalty'
      ? -r.penalty
      : t === 'bonus'
        ? r.bonus
        : t.startsWith('group:')
          ? (r.groups[t.slice(6)] ?? 0)
          : (r.criteria.find((c) => c.code === t.slice(10))?.points ?? 0);
  const ahead = (t: 'total' | TieBreak): number =>
    t === 'total' ? row.total - above.total : value(row, t) - value(above, t);
  const barred = (r: ExplainedRow): boolean => r.cappedBy?.some((c) => c.effect === 'bar-rank-1') === true;
  const first = (['total', ...tieBreaks] as const).find((t) => ahead(t) !== 0);
  // Below the holder of rank 1 with points level or better: only its bar put it there.
  if (barred(row) && !barred(above) && above.rank === 1 && (first === undefined || ahead(first) > 0))
    return { aboveUnitId: above.unitId, by: 'barred-from-rank-1' };
  return { aboveUnitId: above.unitId, by: first ?? 'tied' };
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

/** Ranks the folded period. The explain detail is always built, so the plain ranking is exactly the explained one without it. */
function rankPeriod(folded: FoldedPeriod, options: EvaluateOptions): ExplainedRanking {
  const { overrides, excluded } = prepareWhatIf(folded, options);
  const scheme: ScoringScheme | null = folded.scheme;
  const criteria: Criterion[] = scheme?.criteria ?? [];
  const criterionOf = new Map(criteria.map((c) => [c.code, c]));
  const memberSet = new Set(folded.members);
  const members = [...memberSet].sort(byCode);
  const ignored: IgnoredEntry[] = [];
  const ignoredIds = new Set<string>();

  // Entries by unit and criterion, in recording order.
  const grouped = new Map<string, FoldedEntry[]>();
  for (const entry of folded.entries) {
    if (entry.withdrawn || excluded.has(entry.entryId)) {
      // counts nothing, still shown in explain
    } else if (!memberSet.has(entry.unitId)) {
      ignored.push({
        entryId: entry.entryId,
        unitId: entry.unitId,
        criterion: entry.criterion,
        reason: 'unit-not-member',
      });
      ignoredIds.add(entry.entryId);
    } else if (!criterionOf.has(entry.criterion)) {
      ignored.push({
        entryId: entry.entryId,
        unitId: entry.unitId,
        criterion: entry.criterion,
        reason: 'criterion-not-in-scheme',
      });
      ignoredIds.add(entry.entryId);
    } else if (
      cents(overrides.get(entry.entryId) ?? entry.points) > cents(criterionOf.get(entry.criterion)!.maxPoints)
    ) {
      ignored.push({
        entryId: entry.entryId,
        unitId: entry.unitId,
        criterion: entry.criterion,
        reason: 'points-above-max',
      });
      ignoredIds.add(entry.entryId);
    }
    const k = `${entry.unitId}|${entry.criterion}`;
    grouped.set(k, [...(grouped.get(k) ?? []), entry]);
  }

  const scoreGroups = [...new Set(criteria.filter((c) => c.kind === 'score').map((c) => c.group))];
  const computed = members.map((unitId) => {
    const groups = new Map(scoreGroups.map((g) => [g, 0]));
    const byCriterion = new Map<string, number>();
    let bonus = 0;
    let penalty = 0;
    const scores: CriterionScore[] = [];
    const missing: string[] = [];
    const explain: ExplainedCriterion[] = [];
    for (const c of criteria) {
      const all = grouped.get(`${unitId}|${c.code}`) ?? [];
      const counting = all.filter(
        (e) => !e.withdrawn && !excluded.has(e.entryId) && !ignoredIds.has(e.entryId),
      );
      // The cluster's verified score takes precedence over the unit's self score (DESIGN.md §4); within
      // one assessment the latest recorded entry (the decider allows only one active).
      const pick = (a: Assessment): FoldedEntry | undefined =>
        counting.filter((e) => e.assessment === a).at(-1);
      const entry = pick('appraisal') ?? pick('cluster') ?? pick('self');
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
      explain.push({
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
          chain: e.chain,
        })),
      });
    }
    const total = [...groups.values()].reduce((a, b) => a + b, 0) + bonus - penalty;
    const key = sortKey(total, scheme?.tieBreaks ?? [], { groups, bonus, penalty, byCriterion });
    const thresholds = scheme?.thresholds ?? [];
    const caps: CapRef[] = [];
    for (const f of folded.findings) {
      const k = scheme?.knockOuts?.find((x) => x.code === f.knockOut);
      if (f.cleared || !k || !memberSet.has(f.unitId) || f.unitId !== unitId) continue;
      caps.push({
        findingId: f.findingId,
        knockOut: k.code,
        label: k.label,
        effect: k.effect,
        ...(k.effect === 'cap-classification' && { capTo: k.capTo }),
        evidence: f.evidence,
      });
    }
    const unclassified = missing.length > 0 && scheme !== null && scheme.classifyIncomplete !== true;
    // Thresholds are listed highest first: a cap keeps the lower of the two.
    const reached = unclassified ? -1 : thresholds.findIndex((t) => total >= cents(t.minTotal));
    const capIndexes = caps.map((c) => thresholds.findIndex((t) => t.code === c.capTo)).filter((i) => i >= 0);
    const index = reached < 0 ? -1 : Math.max(reached, ...capIndexes);
    const threshold = index >= 0 ? thresholds[index] : undefined;
    return {
      key,
      barred: caps.some((c) => c.effect === 'bar-rank-1'),
      row: {
        unitId,
        total: fromCents(total),
        groups: Object.fromEntries([...groups].map(([g, p]) => [g, fromCents(p)])),
        bonus: fromCents(bonus),
        penalty: fromCents(penalty),
        rank: 0,
        classification: threshold ? { code: threshold.code, label: threshold.label } : null,
        criteria: scores,
        missingCriteria: missing,
        ...(unclassified && { unclassified: 'chưa đủ điểm' as const }),
        ...(caps.length > 0 && { cappedBy: caps }),
        placedBy: null as Placement | null,
        explain,
      } satisfies ExplainedRow,
    };
  });

  // Standard competition ranking: 1 + the number of rows strictly ahead; equal keys share a rank and are
  // listed by unit id (ids are lowercase ASCII, so code-unit order is deterministic everywhere).
  computed.sort((a, b) => compareKeys(a.key, b.key) || byCode(a.row.unitId, b.row.unitId));
  // Rows barred from rank 1 step behind the best rows that are not (when the top is barred).
  const best = computed.find((c) => !c.barred);
  const ordered =
    best && computed[0]!.barred
      ? [
          ...computed.filter((c) => !c.barred && compareKeys(c.key, best.key) === 0),
          ...computed.filter((c) => c.barred || compareKeys(c.key, best.key) !== 0),
        ]
      : computed;
  ordered.forEach((c, i) => {
    const prev = ordered[i - 1];
    // Equal keys share a rank, except rank 1 with a row barred from it.
    const sharesRank1WithBarred = prev?.row.rank === 1 && c.barred && !prev.barred;
    c.row.rank = prev && compareKeys(prev.key, c.key) === 0 && !sharesRank1WithBarred ? prev.row.rank : i + 1;
    if (prev) c.row.placedBy = placement(prev.row, c.row, scheme?.tieBreaks ?? []);
  });

  const { entries: _entries, members: _members, scheme: _scheme, findings: _findings, ...meta } = folded;
  return {
    clusterId: meta.clusterId,
    year: meta.year,
    period: meta.period,
    status: meta.status === 'closed' && meta.revisedBy.length > 0 ? 'revised' : meta.status,
    schemeVersion: scheme?.version ?? null,
    ...(meta.sealedDigest !== undefined && { sealedDigest: meta.sealedDigest }),
    position: meta.position,
    revisedBy: meta.revisedBy,
    hypothetical: overrides.size > 0 || excluded.size > 0,
    ignoredEntries: ignored.sort((a, b) => byCode(a.entryId, b.entryId)),
    ...(meta.disputedBy.length > 0 && { disputedBy: meta.disputedBy }),
    ...(meta.acceptedIncomplete && { acceptedIncomplete: meta.acceptedIncomplete }),
    rows: ordered.map((c) => c.row),
  };
}

export function referenceExplainRanking(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions = {},
): ExplainedRanking {
  return rankPeriod(foldPeriod(events, requirePeriodCode(period), options), options);
}

function stripExplain(ranking: ExplainedRanking): Ranking {
  return { ...ranking, rows: ranking.rows.map(({ explain: _e, placedBy: _p, ...row }): RankingRow => row) };
}

/** What-if rows say how they were placed, without the criterion detail. */
function placedOnly(ranking: ExplainedRanking): PlacedRanking {
  return { ...ranking, rows: ranking.rows.map(({ explain: _e, ...row }): PlacedRow => row) };
}

export function referenceEvaluateRanking(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions = {},
): Ranking {
  return stripExplain(referenceExplainRanking(events, period, options));
}

/** The ranking as it stands (up to the same position/time) and as it would stand with the overrides/exclusions. */
export function referenceWhatIf(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions,
): WhatIfResult {
  const asOf = {
    ...(options.upToPosition !== undefined && { upToPosition: options.upToPosition }),
    ...(options.upToTime !== undefined && { upToTime: options.upToTime }),
  };
  const actual = placedOnly(referenceExplainRanking(events, period, asOf));
  const hypothetical = placedOnly(referenceExplainRanking(events, period, options));
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
