import { isOrganizerOf } from '../actor.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type { DisputeResolvedData, EmulationYearEvent } from '../events/emulation-year.events.js';
import { requireId, requireReason } from '../validation.js';
import type { EmulationYearContext, FileDispute, ResolveDispute } from './emulation-year.commands.js';
import { getEntry, type EmulationYearState } from './emulation-year.state.js';
import { requireNotBefore } from '../business-date.js';
import { actDate, isChair, requireActive, requireCluster, requireForUnit } from './guards.js';
import { requireCriterionPoints, requireEntry } from './decide-scores.js';

/** A unit's officer disputes an entry about its own unit — also after the period is closed. */
export function decideFileDispute(
  c: FileDispute,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  const entry = requireEntry(state, c.data.entryId);
  requireForUnit(c.actor, entry.unitId);
  requireActive(cluster);
  const disputeId = requireId(c.data.disputeId, 'disputeId');
  if (state.disputes[disputeId])
    throw conflict('DISPUTE_ID_TAKEN', `dispute ${disputeId} exists`, 'disputeId');
  if (entry.withdrawn) throw rule('ENTRY_WITHDRAWN', `entry ${entry.entryId} is withdrawn`, 'entryId');
  const open = Object.entries(state.disputes).find(
    ([, d]) => d.entryId === entry.entryId && d.status === 'open',
  );
  if (open) throw conflict('DISPUTE_ALREADY_OPEN', `dispute ${open[0]} about this entry is open`, 'entryId');
  requireNotBefore(actDate(c), entry.on, `entry ${entry.entryId}`);
  const reason = requireReason(c.data.reason);
  const proposed =
    c.data.proposedPoints === undefined
      ? undefined
      : requireCriterionPoints(state, entry.period, entry.criterion, c.data.proposedPoints, 'proposedPoints');
  return [
    {
      type: 'DisputeFiled',
      data: {
        disputeId,
        entryId: entry.entryId,
        unitId: entry.unitId,
        period: entry.period,
        criterion: entry.criterion,
        reason,
        ...(proposed !== undefined && { proposedPoints: proposed }),
      },
    },
  ];
}

/**
 * The organizer or the chair unit resolves a dispute (the chair not about its own unit). Upheld: the
 * correction (or withdrawal) is recorded with it; if the period was closed, its ranking is now revised.
 */
export function decideResolveDispute(
  c: ResolveDispute,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  const disputeId = requireId(c.data.disputeId, 'disputeId');
  const dispute = state.disputes[disputeId];
  if (!dispute) throw notFound('DISPUTE_NOT_FOUND', `dispute ${disputeId} does not exist`, 'disputeId');
  let resolvedAs: DisputeResolvedData['resolvedAs'];
  if (isOrganizerOf(c.actor, cluster.organizerUnitId)) resolvedAs = 'organizer';
  else if (isChair(c.actor, state)) {
    if (dispute.unitId === state.chair)
      throw forbidden('the chair unit may not resolve a dispute about its own entry: the organizer does');
    resolvedAs = 'chair';
  } else throw forbidden('only the organizer or the chair unit resolves disputes');
  requireActive(cluster);
  if (dispute.status !== 'open')
    throw conflict('DISPUTE_NOT_OPEN', `dispute ${disputeId} is ${dispute.status}`);
  requireNotBefore(actDate(c), dispute.filedOn, `the filing of dispute ${disputeId}`);
  const { outcome, correctedPoints, withdrawEntry } = c.data;
  if (outcome !== 'upheld' && outcome !== 'rejected')
    throw rule('INVALID_OUTCOME', 'outcome must be upheld or rejected', 'outcome');
  const reason = requireReason(c.data.reason);
  const entry = getEntry(state, dispute.entryId)!;
  const base = {
    disputeId,
    entryId: dispute.entryId,
    unitId: dispute.unitId,
    period: entry.period,
    reason,
    resolvedAs,
  };
  if (outcome === 'rejected') {
    if (correctedPoints !== undefined || withdrawEntry !== undefined)
      throw rule('RESOLUTION_AMBIGUOUS', 'a rejected dispute changes no points', 'outcome');
    return [{ type: 'DisputeResolved', data: { ...base, outcome } }];
  }
  if ((correctedPoints === undefined) === (withdrawEntry !== true))
    throw rule(
      'RESOLUTION_AMBIGUOUS',
      'an upheld dispute gives either correctedPoints or withdrawEntry: true',
      'outcome',
    );
  if (entry.withdrawn) throw rule('ENTRY_WITHDRAWN', `entry ${dispute.entryId} is withdrawn`, 'disputeId');
  const { criterion, assessment } = entry;
  const target = {
    entryId: dispute.entryId,
    unitId: dispute.unitId,
    period: entry.period,
    criterion,
    assessment,
  };
  if (withdrawEntry === true)
    return [
      { type: 'DisputeResolved', data: { ...base, outcome, withdrawEntry: true } },
      { type: 'ScoreWithdrawn', data: { ...target, reason, disputeId } },
    ];
  const points = requireCriterionPoints(state, entry.period, criterion, correctedPoints, 'correctedPoints');
  if (points === entry.points)
    throw rule('NO_CHANGE', 'the corrected points equal the recorded ones', 'correctedPoints');
  return [
    { type: 'DisputeResolved', data: { ...base, outcome, correctedPoints: points } },
    { type: 'ScoreCorrected', data: { ...target, previousPoints: entry.points, points, reason, disputeId } },
  ];
}
