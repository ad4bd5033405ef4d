import type { FlagBasis } from '../events/award-decision.events.js';
import { evaluateRanking } from '../evaluator/evaluate.js';
import type { EvaluatorEvent } from '../evaluator/evaluator.types.js';
import type { BasisIssue } from './basis-issues.js';

/** Events after which a final ranking may stand otherwise (upheld disputes, complaints, reopenings, re-closes). */
const MAY_MOVE = new Set([
  'DisputeResolved',
  'ComplaintResolved',
  'PeriodReopened',
  'PeriodClosed',
  'ScoreCorrected',
  'ScoreWithdrawn',
  'ScoreRecorded',
  'UnitWithdrawn',
]);

const outside = (events: ReadonlyArray<EvaluatorEvent>, unitId: string, quota: number, upTo?: number) => {
  const row = evaluateRanking(events, 'Y', upTo === undefined ? {} : { upToPosition: upTo }).rows.find(
    (r) => r.unitId === unitId,
  );
  return row === undefined || row.rank > quota ? (row?.rank ?? null) : undefined;
};

/**
 * A cluster flag's basis: its unit within the quota of its cluster-year's Y ranking. When the ranking as it
 * stands now puts the unit outside (a later upheld dispute), the basis no longer holds — since the first
 * event after the basis at which it did — until the organizer confirms the flag after that event (or revokes
 * it). A flag given by override never rested on the ranking. Pure: the caller passes the stream.
 */
export function flagBasisIssues(
  basis: FlagBasis,
  unitId: string,
  events: ReadonlyArray<EvaluatorEvent>,
  confirmedAt: readonly number[],
): BasisIssue[] {
  if (basis.decidedBy === 'override') return [];
  const now = outside(events, unitId, basis.quota);
  if (now === undefined) return [];
  const since =
    events.find(
      (e) =>
        e.position > basis.rankingPosition &&
        MAY_MOVE.has(e.type) &&
        outside(events, unitId, basis.quota, e.position) !== undefined,
    )?.position ?? basis.rankingPosition;
  if (confirmedAt.some((p) => p > since)) return [];
  return [
    {
      code: 'FLAG_OUTSIDE_QUOTA',
      since,
      detail: `unit ${unitId} now ranks ${now ?? 'unranked'} in cluster ${basis.clusterId} (${basis.year}); the quota was ${basis.quota} (rank ${basis.rank ?? 'none'} when conferred)`,
    },
  ];
}
