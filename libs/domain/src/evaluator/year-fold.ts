import { DomainError, rule } from '../errors.js';
import type {
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
import { PERIODS, type PeriodCode } from '../periods.js';
import type { ScoringScheme } from '../scheme/scheme.js';
import { disputesRanking } from '../complaints/complaints.js';
import type {
  ComplaintEscalatedData,
  ComplaintFiledData,
  ComplaintResolvedData,
} from '../events/complaint.events.js';
import { upcastData } from '../events/upcast.js';
import { parseStreamId } from '../streams.js';
import type { ChainLink, EvaluatorEvent, EventRef } from './evaluator.types.js';
import { intern } from './intern.js';
import type { EntryColumns } from './entry-columns.js';
import { OwnedEntry, UNTRACED, type FoldedEntry } from './folded-entry.js';

export type { FoldedEntry };

/**
 * The evaluator's state of one cluster-year stream, folded event by event (DESIGN.md §2: one
 * evaluator; evaluateRanking is this fold over an array, then rankYearFold).
 *
 * Ownership: a YearFold belongs to the caller that created it with `initialYearFold`. `foldYearEvent`
 * changes it in place — that is what keeps a 20,000-event stream linear — so a caller that needs an
 * earlier state folds again from the start (it cannot rewind). Everything the evaluator returns from a
 * fold (rankings, explain chains, revisedBy) is copied out: a ranking taken earlier never changes when
 * more events are folded. The fields below are read-only to the caller; the rest is private.
 */
export interface YearFold {
  readonly streamId: string;
  readonly clusterId: string;
  readonly year: number;
  /** Events folded. */
  readonly count: number;
  /** Revision of the last event folded (-1 when none). */
  readonly revision: number;
  /** Position of the last event folded (0 when none). */
  readonly position: number;
  /** Id of the last event folded. */
  readonly lastEventId: string | undefined;
  /** Whether the fold keeps each entry's chain of events (what explain shows). */
  readonly traced: boolean;
  /**
   * Events folded whose state the fold still holds: `count` less the score entries given up by
   * releasePeriod. A measure of the fold's memory, for a caller that keeps many folds.
   */
  readonly held: number;
}

export interface YearFoldOptions {
  /**
   * Keep each score entry's chain of events (who entered, corrected, disputed it, when), which only
   * explain shows. Default true. A ranking does not depend on it: without it the fold ranks the same
   * bytes with less memory and work (the rankings projection, as-of, what-if).
   */
  trace?: boolean;
  /**
   * Fold the state of this period only: events naming another period are counted (position, revision)
   * but not folded. A period's ranking reads nothing of the other periods (their handlers change their
   * own PeriodFold only), so it is the same bytes at a fraction of the work — what a one-period query
   * (as-of, explain, what-if) needs. Ranking another period of such a fold is refused.
   */
  only?: PeriodCode;
}

/** A finding of the period: the knock-out it raised for a unit, with its evidence. */
export interface FoldedFinding {
  findingId: string;
  unitId: string;
  knockOut: string;
  evidence: string;
  cleared: boolean;
}

/** What one period of the year has folded. */
export interface PeriodFold {
  status: 'not-opened' | 'open' | 'closed';
  /** Set by PeriodClosed: what the seal fixed (members as they stood, scheme version, digest). */
  sealed:
    | {
        digest: string;
        schemeVersion: number;
        members: ReadonlySet<string>;
        acceptedIncomplete?: { reason: string; unitIds: string[] };
      }
    | undefined;
  /** Findings raising knock-out conditions, by id, in recording order. */
  findings: Map<string, FoldedFinding>;
  /** Complaints on the period's ranking (a classification, a proposal for Y): id → open. */
  disputes: Map<string, boolean>;
  /** Upheld changes after the seal (cleared by a reopen or a new close). */
  revisedBy: EventRef[];
  /** Score entries by id, in recording order. */
  entries: Map<string, FoldedEntry>;
  /** Set by a year log's fold instead of `entries` (left empty then): its entries as columns. */
  columns: EntryColumns | undefined;
  /** Position of the last event naming this period. */
  lastNamed: number;
  /** The fold's tick at the last event naming this period that may have changed its ranking (see rankingStamp). */
  stamp: number;
  /** Closed, and its entries given up (releasePeriod): it can be neither ranked nor changed any more. */
  released: boolean;
}

/** The private state behind a YearFold. */
export interface YearFoldState extends YearFold {
  count: number;
  revision: number;
  position: number;
  lastEventId: string | undefined;
  held: number;
  /** Position of the last event naming no period (it concerns every period). */
  lastGeneral: number;
  /** Counts the folded events that may have changed a ranking: every stamp below is a value it took. */
  tick: number;
  /** Tick of the last year event that may have changed the ranking of a period not closed: membership, scheme. */
  generalStamp: number;
  /** Tick of the last scheme event that replaced a version already folded or a sealed one (closedMayRead). */
  replacedSchemeStamp: number;
  /** Periods released (releasePeriod). */
  released: number;
  /** YearFoldOptions.only. */
  only: PeriodCode | undefined;
  members: Set<string>;
  schemes: Map<number, ScoringScheme>;
  latestScheme: number | null;
  periods: Map<PeriodCode, PeriodFold>;
}

/** An empty fold of a cluster-year stream (`emulation-{clusterId}-{year}`). */
export function initialYearFold(streamId: string, options: YearFoldOptions = {}): YearFold {
  const parsed = parseStreamId(streamId);
  if (parsed?.category !== 'emulation')
    throw rule('NOT_AN_EMULATION_STREAM', `${streamId} is not a cluster-year stream`);
  const state: YearFoldState = {
    streamId,
    clusterId: parsed.clusterId,
    year: parsed.year,
    count: 0,
    revision: -1,
    position: 0,
    lastEventId: undefined,
    traced: options.trace ?? true,
    only: options.only,
    held: 0,
    lastGeneral: 0,
    tick: 0,
    generalStamp: 0,
    replacedSchemeStamp: 0,
    released: 0,
    members: new Set(),
    schemes: new Map(),
    latestScheme: null,
    periods: new Map(),
  };
  return state;
}

/** The private state of a fold made by initialYearFold (evaluator-internal). */
export const stateOf = (fold: YearFold): YearFoldState => fold as YearFoldState;

/**
 * Folds one more event of the fold's stream into it, in place (see YearFold for the ownership rule).
 * Events come in stream order; one from another stream or from before the last one is refused. An
 * event that would change a released period is refused with FOLD_RELEASED, the fold left as it was:
 * the caller folds the stream again from the start.
 */
export function foldYearEvent(fold: YearFold, e: EvaluatorEvent): void {
  const s = stateOf(fold);
  if (e.streamId !== s.streamId)
    throw rule('MIXED_STREAMS', 'the evaluator folds the events of one cluster-year stream');
  if (e.position < s.position)
    throw rule('EVENT_OUT_OF_ORDER', `event #${e.position} comes after #${s.position} in the fold`);
  if (s.only !== undefined && outOfScope(e.data, s.only)) return advance(s, e);
  const d = upcastData(e);
  const named = d['period'];
  if (named === undefined) {
    const handler = YEAR_HANDLERS.get(e.type);
    if (handler === foldScheme && s.released > 0 && closedMayRead(s, d))
      throw releasedError(s, `a closed period reads scheme version ${String(d['version'])}`);
    advance(s, e);
    s.lastGeneral = e.position;
    if (!handler) return; // pledges, chair, elections: no ranking reads them
    s.tick += 1;
    s.generalStamp = s.tick;
    handler(s, d);
    return;
  }
  // An event naming a period concerns that period only (one naming no known period concerns none).
  if (!PERIOD_CODES.has(named as string) || (s.only !== undefined && named !== s.only)) return advance(s, e);
  const handler = PERIOD_HANDLERS.get(e.type);
  let p = s.periods.get(named as PeriodCode);
  if (p?.released && handler) throw releasedError(s, `${e.type} #${e.position} names released ${named}`);
  advance(s, e);
  p ??= periodFold(s, named as PeriodCode);
  p.lastNamed = e.position;
  if (!handler) return;
  if (handler.ranked) p.stamp = s.tick += 1;
  if (p.status === 'closed' && handler.changesEntries) {
    // After the seal, a change to an entry revises the period (a rejected dispute does not).
    if (e.type !== 'DisputeResolved' || (d as unknown as DisputeResolvedData).outcome === 'upheld')
      p.revisedBy.push({ eventId: e.eventId, position: e.position, type: e.type });
  }
  handler.fold(s, p, e, d);
}

/**
 * Whether the event names a period other than `only` (one the scoped fold counts without folding), read
 * before upcasting: upcasting never changes `period`, and skipping it spares reading the event's metadata
 * and type — most events of a scoped fold are skipped, so what each reads is most of its cost.
 */
function outOfScope(data: unknown, only: PeriodCode): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const named = (data as Record<string, unknown>)['period'];
  return named !== undefined && named !== only;
}

/** The period's fold, made empty on the first event naming it. */
export function periodFold(s: YearFoldState, code: PeriodCode): PeriodFold {
  let p = s.periods.get(code);
  if (!p) {
    p = {
      status: 'not-opened',
      sealed: undefined,
      findings: new Map(),
      disputes: new Map(),
      revisedBy: [],
      entries: new Map(),
      columns: undefined,
      lastNamed: 0,
      stamp: 0,
      released: false,
    };
    s.periods.set(code, p);
  }
  return p;
}

/** Counts the event as folded (every event folded passes here once). */
export function advance(s: YearFoldState, e: EvaluatorEvent): void {
  s.count += 1;
  s.held += 1;
  s.revision = e.revision;
  s.position = e.position;
  s.lastEventId = e.eventId;
}

const releasedError = (s: YearFoldState, why: string): DomainError =>
  new DomainError('FOLD_RELEASED', `${s.streamId}: ${why}; fold the stream again`, 'conflict');

const PERIOD_CODES: ReadonlySet<string> = new Set(PERIODS.map((p) => p.code));

/** Events that name no period: membership and the scheme, for every period. */
const YEAR_HANDLERS = new Map<string, (s: YearFoldState, d: Record<string, unknown>) => void>([
  ['UnitAdmitted', (s, d) => void s.members.add((d as unknown as UnitAdmittedData).unitId)],
  ['UnitWithdrawn', (s, d) => void s.members.delete((d as unknown as UnitWithdrawnData).unitId)],
  ['ScoringSchemePublished', foldScheme],
  ['ScoringSchemeAmended', foldScheme],
]);

/** Whether a scheme event may change what a closed period reads: a version folded before, or one sealed. */
function closedMayRead(s: YearFoldState, d: Record<string, unknown>): boolean {
  const version = (d as unknown as ScoringSchemePublishedData).version;
  if (s.schemes.has(version)) return true;
  for (const p of s.periods.values()) if (p.sealed?.schemeVersion === version) return true;
  return false;
}

function foldScheme(s: YearFoldState, d: Record<string, unknown>): void {
  const scheme = d as unknown as ScoringSchemePublishedData;
  if (closedMayRead(s, d)) s.replacedSchemeStamp = s.tick;
  s.schemes.set(scheme.version, {
    version: scheme.version,
    criteria: scheme.criteria,
    thresholds: scheme.thresholds,
    tieBreaks: scheme.tieBreaks,
    ...(scheme.knockOuts && { knockOuts: scheme.knockOuts }),
    ...(scheme.classifyIncomplete === true && { classifyIncomplete: true }),
  });
  s.latestScheme = scheme.version;
}

function link(e: EvaluatorEvent, kind: ChainLink['kind'], d: Record<string, unknown>): ChainLink {
  const effectiveDate = d['effectiveDate'];
  return {
    kind,
    eventId: e.eventId,
    position: e.position,
    revision: e.revision,
    actor: e.metadata.actor,
    at: e.metadata.occurredAt,
    effectiveDate: typeof effectiveDate === 'string' ? effectiveDate : null,
  };
}

interface PeriodHandler {
  /** A score entry change: revises the period when it comes after the seal. */
  changesEntries: boolean;
  /** May change the ranking (all but a filed dispute, which only adds to an entry's chain). */
  ranked: boolean;
  fold(s: YearFoldState, p: PeriodFold, e: EvaluatorEvent, d: Record<string, unknown>): void;
}

/** Events that name a period: its lifecycle and its score entries with their history. */
const PERIOD_HANDLERS = new Map<string, PeriodHandler>([
  ['PeriodOpened', { changesEntries: false, ranked: true, fold: reopen }],
  ['PeriodReopened', { changesEntries: false, ranked: true, fold: reopen }],
  [
    'PeriodClosed',
    {
      changesEntries: false,
      ranked: true,
      fold(s, p, _e, d) {
        const c = d as unknown as PeriodClosedData;
        p.status = 'closed';
        p.sealed = {
          digest: c.rankingDigest,
          schemeVersion: c.schemeVersion,
          members: new Set(s.members),
          ...(c.acceptedIncomplete && { acceptedIncomplete: c.acceptedIncomplete }),
        };
        p.revisedBy = [];
      },
    },
  ],
  [
    'ScoreRecorded',
    {
      changesEntries: true,
      ranked: true,
      fold(s, p, e, d) {
        const r = d as unknown as ScoreRecordedData;
        let chain = UNTRACED;
        if (s.traced) {
          const l = link(e, 'recorded', d);
          l.points = r.points;
          if (r.evidence !== undefined) l.evidence = r.evidence;
          chain = [l];
        }
        const entry = new OwnedEntry(
          r.entryId,
          intern(r.unitId),
          intern(r.criterion),
          r.assessment,
          r.points,
          false,
          chain,
        );
        p.entries.set(r.entryId, entry);
      },
    },
  ],
  [
    'ScoreCorrected',
    {
      changesEntries: true,
      ranked: true,
      fold(s, p, e, d) {
        const c = d as unknown as ScoreCorrectedData;
        const entry = p.entries.get(c.entryId);
        if (!entry) return;
        entry.points = c.points;
        if (!s.traced) return;
        const l = link(e, 'corrected', d);
        l.points = c.points;
        l.previousPoints = c.previousPoints;
        l.reason = c.reason;
        if (c.disputeId !== undefined) l.disputeId = c.disputeId;
        entry.chain.push(l);
      },
    },
  ],
  [
    'ScoreWithdrawn',
    {
      changesEntries: true,
      ranked: true,
      fold(s, p, e, d) {
        const w = d as unknown as ScoreWithdrawnData;
        const entry = p.entries.get(w.entryId);
        if (!entry) return;
        entry.withdrawn = true;
        if (!s.traced) return;
        const l = link(e, 'withdrawn', d);
        l.reason = w.reason;
        if (w.disputeId !== undefined) l.disputeId = w.disputeId;
        entry.chain.push(l);
      },
    },
  ],
  [
    'FindingRecorded',
    {
      changesEntries: true,
      ranked: true,
      fold(_s, p, _e, d) {
        const f = d as unknown as FindingRecordedData;
        p.findings.set(f.findingId, {
          findingId: f.findingId,
          unitId: intern(f.unitId),
          knockOut: f.knockOut,
          evidence: f.evidence,
          cleared: false,
        });
      },
    },
  ],
  [
    'FindingCleared',
    {
      changesEntries: true,
      ranked: true,
      fold(_s, p, _e, d) {
        const finding = p.findings.get((d as unknown as FindingClearedData).findingId);
        if (finding) finding.cleared = true;
      },
    },
  ],
  [
    'ComplaintFiled',
    {
      changesEntries: false,
      ranked: true,
      fold(_s, p, _e, d) {
        const c = d as unknown as ComplaintFiledData;
        if (disputesRanking(c.target)) p.disputes.set(c.complaintId, true);
      },
    },
  ],
  [
    'ComplaintResolved',
    {
      changesEntries: false,
      ranked: true,
      fold(_s, p, _e, d) {
        const id = (d as unknown as ComplaintResolvedData).complaintId;
        if (p.disputes.has(id)) p.disputes.set(id, false);
      },
    },
  ],
  [
    'ComplaintEscalated',
    {
      changesEntries: false,
      ranked: true,
      fold(_s, p, _e, d) {
        const id = (d as unknown as ComplaintEscalatedData).complaintId;
        if (p.disputes.has(id)) p.disputes.set(id, true);
      },
    },
  ],
  [
    'DisputeFiled',
    {
      changesEntries: false,
      ranked: false,
      fold(s, p, e, d) {
        const f = d as unknown as DisputeFiledData;
        const entry = s.traced ? p.entries.get(f.entryId) : undefined;
        if (!entry) return;
        const l = link(e, 'dispute-filed', d);
        l.disputeId = f.disputeId;
        l.reason = f.reason;
        if (f.proposedPoints !== undefined) l.points = f.proposedPoints;
        entry.chain.push(l);
      },
    },
  ],
  [
    'DisputeResolved',
    {
      changesEntries: true,
      ranked: true,
      fold(s, p, e, d) {
        const r = d as unknown as DisputeResolvedData;
        const entry = s.traced ? p.entries.get(r.entryId) : undefined;
        if (!entry) return;
        const l = link(e, 'dispute-resolved', d);
        l.disputeId = r.disputeId;
        l.outcome = r.outcome;
        l.reason = r.reason;
        if (r.correctedPoints !== undefined) l.points = r.correctedPoints;
        entry.chain.push(l);
      },
    },
  ],
]);

function reopen(_s: YearFoldState, p: PeriodFold): void {
  p.status = 'open';
  p.sealed = undefined;
  p.revisedBy = [];
}

/** Periods opened at least once, in calendar-code order (PERIODS): the ones that have a ranking. */
export function openedPeriods(fold: YearFold): PeriodCode[] {
  const s = stateOf(fold);
  const opened: PeriodCode[] = [];
  for (const { code } of PERIODS) {
    const p = s.periods.get(code);
    if (p && p.status !== 'not-opened') opened.push(code);
  }
  return opened;
}

/**
 * A number that changes whenever an event folded since may have changed the ranking of `period` (the
 * same fold object only): while it stays the same, rankYearFold gives the same ranking but for
 * `position`. Lets a caller reuse a ranking (and its digest) when only, say, ballots came in. A closed
 * period reads the members and the scheme version it sealed, so membership and new scheme versions do
 * not move its stamp. It only grows (every change takes a new, larger tick of the fold).
 */
export function rankingStamp(fold: YearFold, period: PeriodCode): number {
  const s = stateOf(fold);
  const p = s.periods.get(period);
  if (p?.status === 'closed') return Math.max(p.stamp, s.replacedSchemeStamp);
  return Math.max(p?.stamp ?? 0, s.generalStamp);
}

/**
 * Gives up the score entries of a closed period, to keep a fold small once the caller has ranked the
 * period (the rankings projection keeps the ranking, which no event but one naming this period or
 * replacing its scheme version can change: see rankingStamp). The period can no longer be ranked, and
 * an event that would change it is refused (FOLD_RELEASED): the caller then folds the stream again.
 * Returns false, changing nothing, for a period not closed or already released.
 */
export function releasePeriod(fold: YearFold, period: PeriodCode): boolean {
  const s = stateOf(fold);
  const p = s.periods.get(period);
  if (p?.status !== 'closed' || p.released) return false;
  s.held -= p.entries.size;
  s.released += 1;
  p.entries = new Map();
  p.released = true;
  return true;
}

/** Whether releasePeriod gave up the period's entries. */
export function isReleased(fold: YearFold, period: PeriodCode): boolean {
  return stateOf(fold).periods.get(period)?.released ?? false;
}

/**
 * Position of the last folded event that concerned `period`: one naming it or one naming no period
 * (0 when none). The events after it name other periods only, so the ranking of `period` over the
 * stream up to this position equals its ranking over the whole fold but for `position`.
 */
export function periodPosition(fold: YearFold, period: PeriodCode): number {
  const s = stateOf(fold);
  return Math.max(s.lastGeneral, s.periods.get(period)?.lastNamed ?? 0);
}
