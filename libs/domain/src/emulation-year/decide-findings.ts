import { conflict, notFound, rule } from '../errors.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { requireId, requireReason, requireText } from '../validation.js';
import type { ClearFinding, EmulationYearContext, RecordFinding } from './emulation-year.commands.js';
import { latestScheme, type EmulationYearState } from './emulation-year.state.js';
import {
  requireActive,
  requireCluster,
  requireMember,
  requireOrganizer,
  requirePeriodCode,
} from './guards.js';

/**
 * A finding (kết luận) raises a knock-out condition of the scheme (e.g. a serious incident or a
 * discipline) for a unit in a period, with its evidence; the organizer's emulation office records and
 * clears it, while the period is open. The ranking then caps the row or bars it from rank 1 and says so.
 */
export function decideRecordFinding(
  c: RecordFinding,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  const period = requirePeriodCode(c.data.period);
  if (state.periods[period]?.status !== 'open')
    throw rule('PERIOD_NOT_OPEN', `period ${period} is not open`, 'period');
  const unitId = requireId(c.data.unitId, 'unitId');
  requireMember(state, unitId);
  const findingId = requireId(c.data.findingId, 'findingId');
  if (state.findings[findingId])
    throw conflict('FINDING_ID_TAKEN', `finding ${findingId} exists`, 'findingId');
  const knockOut = requireId(c.data.knockOut, 'knockOut');
  const scheme = latestScheme(state);
  if (!scheme?.knockOuts.includes(knockOut))
    throw rule('UNKNOWN_KNOCK_OUT', `knock-out ${knockOut} is not in the scheme in force`, 'knockOut');
  return [
    {
      type: 'FindingRecorded',
      data: { findingId, unitId, period, knockOut, evidence: requireText(c.data.evidence, 'evidence', 2000) },
    },
  ];
}

export function decideClearFinding(
  c: ClearFinding,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  const findingId = requireId(c.data.findingId, 'findingId');
  const finding = state.findings[findingId];
  if (!finding) throw notFound('FINDING_NOT_FOUND', `finding ${findingId} does not exist`, 'findingId');
  if (finding.cleared)
    throw conflict('FINDING_CLEARED', `finding ${findingId} is already cleared`, 'findingId');
  if (state.periods[finding.period]?.status !== 'open')
    throw rule('PERIOD_NOT_OPEN', `period ${finding.period} is not open`, 'findingId');
  return [
    {
      type: 'FindingCleared',
      data: {
        findingId,
        unitId: finding.unitId,
        period: finding.period,
        reason: requireReason(c.data.reason),
      },
    },
  ];
}
