import { actsForUnit, isOrganizerOf, type Actor } from '../actor.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type { Assessment, EmulationYearEvent } from '../events/emulation-year.events.js';
import type { PeriodCode } from '../periods.js';
import { optionalText, requireId, requirePoints, requireReason } from '../validation.js';
import type {
  CorrectScore,
  EmulationYearContext,
  RecordScore,
  WithdrawScore,
} from './emulation-year.commands.js';
import {
  activeEntryId,
  entryKey,
  getEntry,
  latestScheme,
  schemeForPeriod,
  inspectionKey,
  type EmulationYearState,
  type EntrySummary,
} from './emulation-year.state.js';
import { requireNotBefore } from '../business-date.js';
import {
  actDate,
  isChair,
  isViceChair,
  type ClusterInfo,
  requireActive,
  requireCluster,
  requireForUnit,
  requireMember,
  requirePeriodCode,
} from './guards.js';

/**
 * Assessment authority, checked for recording and for every correction or withdrawal:
 * - `self`: the unit's own officer;
 * - `cluster` (the cluster's verified score), independent of the unit assessed: where the organizer
 *   assigned an inspecting unit for that unit and period (kiểm tra chéo), that unit alone; otherwise the
 *   chair unit, but never for its own unit (403 OWN_UNIT_ASSESSMENT): the vice-chair unit assesses the
 *   chair's unit, and the organizer any unit;
 * - `appraisal` (thẩm định): the organizer's emulation office alone.
 */
export function requireAssessor(
  actor: Actor,
  state: EmulationYearState,
  cluster: ClusterInfo,
  assessment: Assessment,
  unitId: string,
  period: PeriodCode,
): void {
  if (assessment === 'self') return requireForUnit(actor, unitId);
  const organizer = isOrganizerOf(actor, cluster.organizerUnitId);
  if (assessment === 'appraisal') {
    if (!organizer) throw forbidden("only the organizer's emulation office records appraisals (thẩm định)");
    return;
  }
  const inspector = state.inspections[inspectionKey(period, unitId)];
  if (inspector !== undefined) {
    if (!actsForUnit(actor, inspector))
      throw forbidden(
        `unit ${inspector} is assigned to inspect ${unitId} in ${period}: only it records the cluster score`,
        'NOT_THE_ASSIGNED_INSPECTOR',
      );
    return;
  }
  if (organizer) return;
  if (actsForUnit(actor, unitId))
    throw forbidden(
      `unit ${unitId} may not record or correct the cluster assessment of itself: the vice-chair unit or the organizer does`,
      'OWN_UNIT_ASSESSMENT',
    );
  if (isChair(actor, state)) return;
  if (isViceChair(actor, state) && unitId === state.chair) return;
  throw forbidden(
    'only the chair unit (the vice-chair for the chair unit) or the organizer records cluster assessments',
  );
}

/** Points checked against the criterion of the scheme that judges the period. */
export function requireCriterionPoints(
  state: EmulationYearState,
  period: PeriodCode,
  criterion: string,
  points: unknown,
  field: string,
): number {
  const scheme = schemeForPeriod(state, period);
  const c = scheme?.criteria[criterion];
  if (!c)
    throw rule('UNKNOWN_CRITERION', `criterion ${criterion} is not in the scheme in force`, 'criterion');
  return requirePoints(points, c.maxPoints, field);
}

export function requireEntry(
  state: EmulationYearState,
  entryId: unknown,
): EntrySummary & { entryId: string } {
  const id = requireId(entryId, 'entryId');
  const entry = getEntry(state, id);
  if (!entry) throw notFound('ENTRY_NOT_FOUND', `entry ${id} does not exist`, 'entryId');
  return { ...entry, entryId: id };
}

export function decideRecordScore(
  c: RecordScore,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  const { assessment } = c.data;
  if (assessment !== 'self' && assessment !== 'cluster' && assessment !== 'appraisal')
    throw rule('INVALID_ASSESSMENT', 'assessment must be self, cluster or appraisal', 'assessment');
  const unitId = requireId(c.data.unitId, 'unitId');
  const period = requirePeriodCode(c.data.period);
  requireAssessor(c.actor, state, cluster, assessment, unitId, period);
  requireActive(cluster);
  const open = state.periods[period];
  if (open?.status !== 'open') throw rule('PERIOD_NOT_OPEN', `period ${period} is not open`, 'period');
  requireNotBefore(actDate(c), open.openedOn, `the opening of ${period}`);
  requireMember(state, unitId);
  const criterion = requireId(c.data.criterion, 'criterion');
  const scheme = latestScheme(state)!;
  if (!scheme.criteria[criterion])
    throw rule(
      'UNKNOWN_CRITERION',
      `criterion ${criterion} is not in scheme version ${scheme.version}`,
      'criterion',
    );
  const points = requirePoints(c.data.points, scheme.criteria[criterion].maxPoints);
  const entryId = requireId(c.data.entryId, 'entryId');
  if (getEntry(state, entryId))
    throw conflict('ENTRY_ID_TAKEN', `entry ${entryId} already exists`, 'entryId');
  const existing = activeEntryId(state, entryKey(unitId, period, criterion, assessment));
  if (existing)
    throw rule(
      'DUPLICATE_ENTRY',
      `unit ${unitId} already has a ${assessment} entry (${existing}) for ${criterion} in ${period}: correct or withdraw it`,
      'criterion',
    );
  const evidence = optionalText(c.data.evidence, 'evidence', 2000);
  return [
    {
      type: 'ScoreRecorded',
      data: {
        entryId,
        unitId,
        period,
        criterion,
        assessment,
        points,
        schemeVersion: scheme.version,
        ...(evidence !== undefined && { evidence }),
      },
    },
  ];
}

/** A correction while the period is open, by the entry's assessment authority. After closing: only a dispute. */
export function decideCorrectScore(
  c: CorrectScore,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  const entry = requireEntry(state, c.data.entryId);
  requireAssessor(c.actor, state, cluster, entry.assessment, entry.unitId, entry.period);
  requireActive(cluster);
  if (entry.withdrawn) throw rule('ENTRY_WITHDRAWN', `entry ${entry.entryId} is withdrawn`, 'entryId');
  if (state.periods[entry.period]?.status !== 'open')
    throw rule('PERIOD_NOT_OPEN', `period ${entry.period} is not open: file a dispute instead`, 'entryId');
  requireNotBefore(actDate(c), entry.on, `entry ${entry.entryId}`);
  requireMember(state, entry.unitId);
  const points = requireCriterionPoints(state, entry.period, entry.criterion, c.data.points, 'points');
  if (points === entry.points) throw rule('NO_CHANGE', 'the points are unchanged', 'points');
  const { entryId, unitId, period, criterion, assessment } = entry;
  return [
    {
      type: 'ScoreCorrected',
      data: {
        entryId,
        unitId,
        period,
        criterion,
        assessment,
        previousPoints: entry.points,
        points,
        reason: requireReason(c.data.reason),
      },
    },
  ];
}

export function decideWithdrawScore(
  c: WithdrawScore,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  const entry = requireEntry(state, c.data.entryId);
  requireAssessor(c.actor, state, cluster, entry.assessment, entry.unitId, entry.period);
  requireActive(cluster);
  if (entry.withdrawn)
    throw rule('ENTRY_WITHDRAWN', `entry ${entry.entryId} is already withdrawn`, 'entryId');
  if (state.periods[entry.period]?.status !== 'open')
    throw rule('PERIOD_NOT_OPEN', `period ${entry.period} is not open: file a dispute instead`, 'entryId');
  requireNotBefore(actDate(c), entry.on, `entry ${entry.entryId}`);
  const { entryId, unitId, period, criterion, assessment } = entry;
  return [
    {
      type: 'ScoreWithdrawn',
      data: { entryId, unitId, period, criterion, assessment, reason: requireReason(c.data.reason) },
    },
  ];
}
