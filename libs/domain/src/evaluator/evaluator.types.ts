import type { Integer } from '../integer.js';
import type { Actor } from '../actor.js';
import type { Assessment } from '../events/emulation-year.events.js';
import type { PeriodCode } from '../periods.js';
import type { CriterionKind, TieBreak } from '../scheme/scheme.js';

/** The part of a stored event the evaluator reads: a structural subset of the event store's StoredEvent. */
export interface EvaluatorEvent {
  eventId: string;
  type: string;
  /** `emulation-{clusterId}-{year}`: all events given to one evaluation come from one such stream. */
  streamId: string;
  data: unknown;
  position: Integer;
  revision: Integer;
  /** `schemaVersion` of the data (absent counts as 1): older versions are upcast as they are folded. */
  metadata: { actor: Actor; occurredAt: string; schemaVersion?: number };
}

export interface EvaluateOptions {
  /** Only events with position ≤ upToPosition ("as of position"). */
  upToPosition?: number;
  /** Only events that occurred at or before this ISO time ("as of time"). */
  upToTime?: string;
  /**
   * Only events whose business date is on or before this date, `YYYY-MM-DD` ("as of business date":
   * what had been signed, scored, decided by that day, however late it was recorded). Events without a
   * business date are kept.
   */
  upToEffectiveDate?: string;
  /** What-if: these entries count with these points instead. */
  overrides?: ReadonlyArray<{ entryId: string; points: number }>;
  /** What-if: these entries count nothing. */
  exclude?: ReadonlyArray<string>;
}

/** not-opened: never opened; open: provisional; closed: sealed; revised: changed by a dispute after sealing. */
export type RankingStatus = 'open' | 'closed' | 'revised' | 'not-opened';

export interface CriterionScore {
  code: string;
  points: number;
  /**
   * Which assessment the points came from: the appraisal of the organizer's emulation office wins over
   * the cluster's verified score, which wins over the unit's self score.
   */
  source: Assessment;
  entryId: string;
}

/** A knock-out condition that capped a row or barred it from rank 1, and the finding that raised it. */
export interface CapRef {
  findingId: string;
  knockOut: string;
  label: string;
  effect: 'cap-classification' | 'bar-rank-1';
  /** cap-classification: the threshold code the classification is capped at. */
  capTo?: string;
  evidence: string;
}

export interface RankingRow {
  unitId: string;
  total: number;
  /** Score criteria points per group (every group of the scheme, 0 when nothing was entered). */
  groups: Record<string, number>;
  bonus: number;
  penalty: number;
  /** Standard competition ranking (1, 2, 2, 4) after the scheme's tie-breaks. */
  rank: Integer;
  classification: { code: string; label: string } | null;
  criteria: CriterionScore[];
  /** Score criteria with no entry from either assessment, in scheme order. */
  missingCriteria: string[];
  /**
   * Set when the row gets no classification because criteria are missing (schemes recorded since the
   * rule; absent otherwise).
   */
  unclassified?: 'chưa đủ điểm';
  /** Knock-outs raised for the unit in the period (absent when none): what capped the row. */
  cappedBy?: CapRef[];
}

export interface EventRef {
  eventId: string;
  position: Integer;
  type: string;
}

export interface IgnoredEntry {
  entryId: string;
  unitId: string;
  criterion: string;
  reason: 'criterion-not-in-scheme' | 'points-above-max' | 'unit-not-member';
}

export interface Ranking {
  clusterId: string;
  year: Integer;
  period: PeriodCode;
  status: RankingStatus;
  /** The scheme judging the period: sealed at close, else the latest; null before any is published. */
  schemeVersion: Integer | null;
  /** The digest recorded by the last PeriodClosed, while the period is closed. */
  sealedDigest?: string;
  /** Position of the last event considered (0 when none). */
  position: Integer;
  /** Events after the seal that changed the period (upheld disputes): non-empty iff status is 'revised'. */
  revisedBy: EventRef[];
  /** True when overrides or exclusions were applied (a what-if). */
  hypothetical: boolean;
  ignoredEntries: IgnoredEntry[];
  /**
   * Open complaints (khiếu nại) on this ranking — on it, on a classification, or (Y) on a proposal made on
   * it: while any is open the ranking is disputed. Absent when none.
   */
  disputedBy?: string[];
  /** Sealed with rows missing criteria: the organizer's reasoned acceptance (absent otherwise). */
  acceptedIncomplete?: { reason: string; unitIds: string[] };
  rows: RankingRow[];
}

export interface ChainLink {
  kind: 'recorded' | 'corrected' | 'withdrawn' | 'dispute-filed' | 'dispute-resolved';
  eventId: string;
  position: Integer;
  revision: Integer;
  actor: Actor;
  /** When it was recorded (ISO instant). */
  at: string;
  /** The act's business date (YYYY-MM-DD), null when its event carries none. */
  effectiveDate: string | null;
  points?: number;
  previousPoints?: number;
  reason?: string;
  evidence?: string;
  disputeId?: string;
  outcome?: 'upheld' | 'rejected';
}

export interface EntryExplanation {
  entryId: string;
  assessment: Assessment;
  status: 'active' | 'withdrawn' | 'excluded' | 'ignored';
  /** Points as recorded and corrected. */
  points: number;
  /** Set by a what-if override: the points that counted instead. */
  overriddenTo?: number;
  /** Whether these points are the ones in the row. */
  used: boolean;
  chain: ChainLink[];
}

export interface ExplainedCriterion {
  code: string;
  title: string;
  group: string;
  kind: CriterionKind;
  maxPoints: number;
  points: number | null;
  source: Assessment | null;
  entryId: string | null;
  entries: EntryExplanation[];
}

/** How a row's place was decided against the row listed just above it (explain and what-if answers). */
export interface Placement {
  /** The unit listed just above. */
  aboveUnitId: string;
  /**
   * `total`: a lower total; a tie-break of the scheme (`group:…`, `penalty`, `bonus`, `criterion:…`): the same
   * total, and this is the first tie-break that differs; `tied`: every key equal, so the same rank (listed
   * by unit id); `barred-from-rank-1`: the row above holds rank 1 and this row, whose points would have
   * put it level or ahead, is barred from rank 1 by a recorded finding (its `cappedBy` names the knock-out
   * with effect `bar-rank-1`). A knock-out that caps the classification never moves a row: `cappedBy`
   * says what capped it, the placement stays the points'.
   */
  by: 'total' | TieBreak | 'tied' | 'barred-from-rank-1';
}

/** A row that says how its place was decided: what an inspector asks of two equal totals. */
export interface PlacedRow extends RankingRow {
  /** How this row's place was decided against the row above it; null for the first row. */
  placedBy: Placement | null;
}

export interface PlacedRanking extends Omit<Ranking, 'rows'> {
  rows: PlacedRow[];
}

export interface ExplainedRow extends PlacedRow {
  explain: ExplainedCriterion[];
}

export interface ExplainedRanking extends Omit<Ranking, 'rows'> {
  rows: ExplainedRow[];
}

export interface WhatIfDiff {
  unitId: string;
  totalBefore: number;
  totalAfter: number;
  rankBefore: Integer;
  rankAfter: Integer;
  classificationBefore: string | null;
  classificationAfter: string | null;
}

export interface WhatIfResult {
  actual: PlacedRanking;
  hypothetical: PlacedRanking;
  /** Units whose total, rank or classification differ, by unit id. */
  diff: WhatIfDiff[];
}
