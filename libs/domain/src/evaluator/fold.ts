import { DomainError, rule } from '../errors.js';
import type {
  Assessment,
  DisputeFiledData,
  DisputeResolvedData,
  PeriodClosedData,
  ScoreCorrectedData,
  ScoreRecordedData,
  ScoreWithdrawnData,
  ScoringSchemePublishedData,
  UnitAdmittedData,
  UnitWithdrawnData,
} from '../events/emulation-year.events.js';
import type { PeriodCode } from '../periods.js';
import type { ScoringScheme } from '../scheme/scheme.js';
import { parseStreamId } from '../streams.js';
import { requireIsoTime } from '../validation.js';
import type { ChainLink, EvaluateOptions, EvaluatorEvent, EventRef } from './evaluator.types.js';

/** One score entry of the period, with its history. */
export interface FoldedEntry {
  entryId: string;
  unitId: string;
  criterion: string;
  assessment: Assessment;
  points: number;
  withdrawn: boolean;
  chain: ChainLink[];
}

/** Everything the ranking of one period needs, folded from a cluster-year's events. */
export interface FoldedPeriod {
  clusterId: string;
  year: number;
  period: PeriodCode;
  status: 'not-opened' | 'open' | 'closed';
  scheme: ScoringScheme | null;
  sealedDigest?: string;
  /** Member units that the ranking lists (sealed at close while closed). */
  members: string[];
  entries: FoldedEntry[];
  revisedBy: EventRef[];
  position: number;
}

const ENTRY_TYPES = new Set(['ScoreRecorded', 'ScoreCorrected', 'ScoreWithdrawn', 'DisputeResolved']);

function link(e: EvaluatorEvent, kind: ChainLink['kind'], extra: Partial<ChainLink>): ChainLink {
  return {
    kind,
    eventId: e.eventId,
    position: e.position,
    revision: e.revision,
    actor: e.metadata.actor,
    at: e.metadata.occurredAt,
    ...extra,
  };
}

/** Picks the events in scope (one stream, up to a position or time), in position order. */
export function selectEvents(
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
    .sort((a, b) => a.position - b.position);
  return { clusterId: parsed.clusterId, year: parsed.year, selected };
}

/** Folds the selected events into what the ranking of `period` needs. */
export function foldPeriod(
  events: ReadonlyArray<EvaluatorEvent>,
  period: PeriodCode,
  options: EvaluateOptions,
): FoldedPeriod {
  const { clusterId, year, selected } = selectEvents(events, options);
  const members = new Set<string>();
  const schemes = new Map<number, ScoringScheme>();
  let latest: number | null = null;
  let status: FoldedPeriod['status'] = 'not-opened';
  let sealed: { digest: string; schemeVersion: number; members: string[] } | undefined;
  let revisedBy: EventRef[] = [];
  const entries = new Map<string, FoldedEntry>();
  const disputeEntry = new Map<string, string>();
  let position = 0;

  for (const e of selected) {
    position = e.position;
    const d = e.data as Record<string, unknown>;
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
        sealed = { digest: c.rankingDigest, schemeVersion: c.schemeVersion, members: [...members] };
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
    revisedBy,
    position,
  };
}
