import { bucketDelete, bucketGet, bucketSet, type Bucketed } from '../bucketed.js';
import type {
  Assessment,
  ChairRole,
  ElectionOutcome,
  EmulationYearEvent,
} from '../events/emulation-year.events.js';
import { evolveComplaints, type Complaints } from '../complaints/complaints.js';
import type { PeriodCode } from '../periods.js';
import type { CriterionKind } from '../scheme/scheme.js';

/**
 * What the deciders need of a cluster-year, and no more: small, plain JSON (the handler caches it by
 * stream revision instead of re-reading 20,000 events). The evaluator keeps its own, richer fold.
 */
export interface EntrySummary {
  unitId: string;
  period: PeriodCode;
  criterion: string;
  assessment: Assessment;
  points: number;
  withdrawn: boolean;
  /** Business date of the entry (scored on). */
  on?: string;
}

export interface SchemeSummary {
  version: number;
  publishedOn?: string;
  criteria: Readonly<Record<string, { maxPoints: number; kind: CriterionKind }>>;
  /** Codes of its knock-out conditions. */
  knockOuts: readonly string[];
}

export interface FindingSummary {
  unitId: string;
  period: PeriodCode;
  knockOut: string;
  cleared: boolean;
}

export interface PeriodSummary {
  status: 'open' | 'closed';
  /** While closed: the scheme version and digest sealed by PeriodClosed. */
  schemeVersion?: number;
  digest?: string;
  /** Business dates of the last opening (or reopening) and of the close. */
  openedOn?: string;
  closedOn?: string;
  /** Latest business date among the period's score entries and their changes. */
  lastEntryOn?: string;
}

export interface DisputeSummary {
  entryId: string;
  unitId: string;
  status: 'open' | 'upheld' | 'rejected';
  filedOn?: string;
}

export interface ElectionSummary {
  role: ChairRole;
  forYear: number;
  round: number;
  candidates: string[];
  status: 'open' | 'closed';
  /** voter unit → candidate unit (open ballot) */
  ballots: Readonly<Record<string, string>>;
  /** A secret round: the units that voted (whom they chose is never recorded). */
  secret?: boolean;
  receipts?: Readonly<Record<string, true>>;
  runOffOf?: string;
  outcome?: ElectionOutcome;
  /** Set at closing when nobody was elected: the next round is a run-off between them. */
  runOffCandidates?: readonly string[];
  openedOn?: string;
  closedOn?: string;
}

export interface EmulationYearState {
  /** Current member units (admitted and not withdrawn). */
  members: Readonly<Record<string, true>>;
  /** Business date of each member's admission. */
  admittedOn: Readonly<Record<string, string>>;
  /** Latest business date of an act every ranking reads (admission, withdrawal, scheme). */
  generalOn?: string;
  chair?: string;
  viceChair?: string;
  /** Organizer policy in force; DESIGN.md §4 default: consecutive terms forbidden. */
  forbidConsecutiveTerms: boolean;
  /** Every published version, oldest first; the last one is in force. */
  schemes: ReadonlyArray<SchemeSummary>;
  /** unit → pledge version */
  pledges: Readonly<Record<string, number>>;
  /** The cluster's recorded pledge rules (none recorded: any number of key tasks, titles optional). */
  pledgeRules: { keyTasks: number | null; titleRequired: boolean };
  /** unit → business date of its last pledge signature or amendment */
  pledgedOn: Readonly<Record<string, string>>;
  periods: Readonly<Partial<Record<PeriodCode, PeriodSummary>>>;
  entries: Bucketed<EntrySummary>;
  /** `unit|period|criterion|assessment` → id of the active (not withdrawn) entry. */
  activeKeys: Bucketed<string>;
  entryCount: number;
  disputes: Readonly<Record<string, DisputeSummary>>;
  elections: Readonly<Record<string, ElectionSummary>>;
  /** Units elected in this stream for next year, by role. */
  elected: Readonly<Partial<Record<ChairRole, string>>>;
  /** `period|inspectedUnit` → the unit assigned to inspect it (kiểm tra chéo). */
  inspections: Readonly<Record<string, string>>;
  findings: Readonly<Record<string, FindingSummary>>;
  complaints: Complaints;
  /** Ids of the conferences and plans recorded (ids are not reused). */
  conferences: readonly string[];
  /** conference id → kind (the title review needs a tổng kết); review ids taken. */
  conferenceKinds?: Readonly<Record<string, string>>;
  titleReviews?: readonly string[];
  plans: readonly string[];
}

export const initialEmulationYearState: EmulationYearState = {
  members: {},
  admittedOn: {},
  forbidConsecutiveTerms: true,
  schemes: [],
  pledges: {},
  pledgeRules: { keyTasks: null, titleRequired: false },
  pledgedOn: {},
  periods: {},
  entries: {},
  activeKeys: {},
  entryCount: 0,
  disputes: {},
  elections: {},
  elected: {},
  inspections: {},
  findings: {},
  complaints: {},
  conferences: [],
  plans: [],
};

export const inspectionKey = (period: string, inspectedUnitId: string): string =>
  `${period}|${inspectedUnitId}`;

export const entryKey = (unitId: string, period: string, criterion: string, assessment: Assessment): string =>
  `${unitId}|${period}|${criterion}|${assessment}`;

export const getEntry = (state: EmulationYearState, entryId: string): EntrySummary | undefined =>
  bucketGet(state.entries, entryId);

export const activeEntryId = (state: EmulationYearState, key: string): string | undefined =>
  bucketGet(state.activeKeys, key);

export function latestScheme(state: EmulationYearState): SchemeSummary | undefined {
  return state.schemes[state.schemes.length - 1];
}

/**
 * The scheme a period is judged by: the sealed version while closed, else the one in force. A period has
 * a sealed version only while closed (PeriodClosed sets it; opening and reopening replace the summary).
 */
export function schemeForPeriod(state: EmulationYearState, period: PeriodCode): SchemeSummary | undefined {
  const sealed = state.periods[period]?.schemeVersion;
  return sealed !== undefined ? state.schemes.find((s) => s.version === sealed) : latestScheme(state);
}

/** `{ [key]: date }` when the event carries a date (hand-written test events may not). */
const dated = <K extends string>(key: K, date: string | undefined): Partial<Record<K, string>> =>
  date === undefined ? {} : ({ [key]: date } as Record<K, string>);

const withDate = (
  map: Readonly<Record<string, string>>,
  key: string,
  date: string | undefined,
): Readonly<Record<string, string>> => (date === undefined ? map : { ...map, [key]: date });

const later = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined || a >= b ? a : b;

/** The latest business date of the acts a period's ranking reads (what its close must not precede). */
export const sealsUpTo = (state: EmulationYearState, period: PeriodCode): string | undefined =>
  later(state.generalOn, state.periods[period]?.lastEntryOn);

/** Pure: returns a new state, never mutates the one given (a cached state stays valid). */
export function evolveEmulationYear(
  state: EmulationYearState,
  event: EmulationYearEvent,
): EmulationYearState {
  const next = evolveFacts(state, event);
  const on = (event.data as { effectiveDate?: string }).effectiveDate;
  if (on === undefined) return next;
  switch (event.type) {
    case 'UnitAdmitted':
    case 'UnitWithdrawn':
    case 'ScoringSchemePublished':
    case 'ScoringSchemeAmended':
      return { ...next, generalOn: later(next.generalOn, on) };
    case 'ScoreRecorded':
    case 'ScoreCorrected':
    case 'ScoreWithdrawn': {
      const p = next.periods[event.data.period];
      if (!p) return next;
      return {
        ...next,
        periods: { ...next.periods, [event.data.period]: { ...p, lastEntryOn: later(p.lastEntryOn, on) } },
      };
    }
    default:
      return next;
  }
}

function evolveFacts(state: EmulationYearState, event: EmulationYearEvent): EmulationYearState {
  switch (event.type) {
    case 'UnitAdmitted':
      return {
        ...state,
        members: { ...state.members, [event.data.unitId]: true },
        admittedOn: withDate(state.admittedOn, event.data.unitId, event.data.effectiveDate),
      };
    case 'UnitWithdrawn': {
      const { [event.data.unitId]: _gone, ...members } = state.members;
      const next: EmulationYearState = { ...state, members };
      // A withdrawn unit loses the chair's or vice-chair's seat with its membership.
      if (state.chair === event.data.unitId) delete (next as { chair?: string }).chair;
      if (state.viceChair === event.data.unitId) delete (next as { viceChair?: string }).viceChair;
      return next;
    }
    case 'ChairAssigned':
      return event.data.role === 'chair'
        ? { ...state, chair: event.data.unitId }
        : { ...state, viceChair: event.data.unitId };
    case 'ChairPolicySet':
      return { ...state, forbidConsecutiveTerms: event.data.forbidConsecutiveTerms };
    case 'ScoringSchemePublished':
    case 'ScoringSchemeAmended':
      return {
        ...state,
        schemes: [
          ...state.schemes,
          {
            version: event.data.version,
            ...dated('publishedOn', event.data.effectiveDate),
            criteria: Object.fromEntries(
              event.data.criteria.map((c) => [c.code, { maxPoints: c.maxPoints, kind: c.kind }]),
            ),
            knockOuts: (event.data.knockOuts ?? []).map((k) => k.code),
          },
        ],
      };
    case 'PledgeSigned':
    case 'PledgeAmended':
      return {
        ...state,
        pledges: { ...state.pledges, [event.data.unitId]: event.data.version },
        pledgedOn: withDate(state.pledgedOn, event.data.unitId, event.data.effectiveDate),
      };
    case 'PeriodOpened':
    case 'PeriodReopened':
      return {
        ...state,
        periods: {
          ...state.periods,
          [event.data.period]: { status: 'open', ...dated('openedOn', event.data.effectiveDate) },
        },
      };
    case 'PeriodClosed':
      return {
        ...state,
        periods: {
          ...state.periods,
          [event.data.period]: {
            ...state.periods[event.data.period],
            status: 'closed',
            schemeVersion: event.data.schemeVersion,
            digest: event.data.rankingDigest,
            ...dated('closedOn', event.data.effectiveDate),
          },
        },
      };
    case 'ScoreRecorded': {
      const d = event.data;
      return {
        ...state,
        entries: bucketSet(state.entries, d.entryId, {
          unitId: d.unitId,
          period: d.period,
          criterion: d.criterion,
          assessment: d.assessment,
          points: d.points,
          withdrawn: false,
          ...dated('on', d.effectiveDate),
        }),
        activeKeys: bucketSet(
          state.activeKeys,
          entryKey(d.unitId, d.period, d.criterion, d.assessment),
          d.entryId,
        ),
        entryCount: state.entryCount + 1,
      };
    }
    case 'ScoreCorrected': {
      const entry = getEntry(state, event.data.entryId);
      if (!entry) return state;
      return {
        ...state,
        entries: bucketSet(state.entries, event.data.entryId, { ...entry, points: event.data.points }),
      };
    }
    case 'ScoreWithdrawn': {
      const entry = getEntry(state, event.data.entryId);
      if (!entry) return state;
      return {
        ...state,
        entries: bucketSet(state.entries, event.data.entryId, { ...entry, withdrawn: true }),
        activeKeys: bucketDelete(
          state.activeKeys,
          entryKey(entry.unitId, entry.period, entry.criterion, entry.assessment),
        ),
      };
    }
    case 'DisputeFiled':
      return {
        ...state,
        disputes: {
          ...state.disputes,
          [event.data.disputeId]: {
            entryId: event.data.entryId,
            unitId: event.data.unitId,
            status: 'open',
            ...dated('filedOn', event.data.effectiveDate),
          },
        },
      };
    case 'DisputeResolved': {
      const dispute = state.disputes[event.data.disputeId];
      if (!dispute) return state;
      return {
        ...state,
        disputes: { ...state.disputes, [event.data.disputeId]: { ...dispute, status: event.data.outcome } },
      };
    }
    case 'ElectionOpened':
      return {
        ...state,
        elections: {
          ...state.elections,
          [event.data.electionId]: {
            role: event.data.role,
            forYear: event.data.forYear,
            round: event.data.round,
            candidates: event.data.candidates,
            status: 'open',
            ballots: {},
            ...(event.data.secret === true && { secret: true, receipts: {} }),
            ...(event.data.runOffOf !== undefined && { runOffOf: event.data.runOffOf }),
            ...dated('openedOn', event.data.effectiveDate),
          },
        },
      };
    case 'BallotCast': {
      const election = state.elections[event.data.electionId];
      if (!election) return state;
      return {
        ...state,
        elections: {
          ...state.elections,
          [event.data.electionId]: {
            ...election,
            ballots: { ...election.ballots, [event.data.voterUnitId]: event.data.candidateUnitId },
          },
        },
      };
    }
    case 'SecretBallotCast': {
      const election = state.elections[event.data.electionId];
      if (!election) return state;
      return {
        ...state,
        elections: {
          ...state.elections,
          [event.data.electionId]: {
            ...election,
            receipts: { ...election.receipts, [event.data.voterUnitId]: true },
          },
        },
      };
    }
    case 'ElectionClosed': {
      const election = state.elections[event.data.electionId];
      if (!election) return state;
      return {
        ...state,
        elections: {
          ...state.elections,
          [event.data.electionId]: {
            ...election,
            status: 'closed',
            outcome: event.data.outcome,
            ...(event.data.runOffCandidates !== undefined && {
              runOffCandidates: event.data.runOffCandidates,
            }),
            ...dated('closedOn', event.data.effectiveDate),
          },
        },
      };
    }
    case 'ChairElected':
      return { ...state, elected: { ...state.elected, [event.data.role]: event.data.unitId } };
    case 'ComplaintFiled':
    case 'ComplaintResolved':
    case 'ComplaintEscalated':
      return { ...state, complaints: evolveComplaints(state.complaints, event) };
    case 'ConferenceHeld':
      return {
        ...state,
        conferences: [...state.conferences, event.data.conferenceId],
        conferenceKinds: { ...state.conferenceKinds, [event.data.conferenceId]: event.data.kind },
      };
    case 'TitleReviewHeld':
      return { ...state, titleReviews: [...(state.titleReviews ?? []), event.data.reviewId] };
    case 'PlanIssued':
      return { ...state, plans: [...state.plans, event.data.planId] };
    case 'PledgeRulesSet':
      return {
        ...state,
        pledgeRules: { keyTasks: event.data.keyTasks, titleRequired: event.data.titleRequired },
      };
    case 'InspectionAssigned': {
      const { period, inspectedUnitId, inspectorUnitId } = event.data;
      return {
        ...state,
        inspections: { ...state.inspections, [inspectionKey(period, inspectedUnitId)]: inspectorUnitId },
      };
    }
    case 'FindingRecorded': {
      const { findingId, unitId, period, knockOut } = event.data;
      return {
        ...state,
        findings: { ...state.findings, [findingId]: { unitId, period, knockOut, cleared: false } },
      };
    }
    case 'FindingCleared': {
      const finding = state.findings[event.data.findingId];
      if (!finding) return state;
      return {
        ...state,
        findings: { ...state.findings, [event.data.findingId]: { ...finding, cleared: true } },
      };
    }
    default:
      return state;
  }
}
