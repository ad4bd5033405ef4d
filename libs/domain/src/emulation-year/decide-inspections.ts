import { conflict, rule } from '../errors.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { optionalText, requireId, requireReason } from '../validation.js';
import type { AssignInspection, EmulationYearContext } from './emulation-year.commands.js';
import { inspectionKey, type EmulationYearState } from './emulation-year.state.js';
import {
  requireActive,
  requireCluster,
  requireMember,
  requireOrganizer,
  requirePeriodCode,
} from './guards.js';

/**
 * Cross-inspection (kiểm tra chéo): the organizer assigns, per period, the member unit that inspects
 * another; while assigned, that unit alone records and corrects the inspected unit's cluster scores of
 * the period. Replacing an assignment needs a reason; a closed period is not reassigned.
 */
export function decideAssignInspection(
  c: AssignInspection,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  const period = requirePeriodCode(c.data.period);
  if (state.periods[period]?.status === 'closed')
    throw rule('PERIOD_CLOSED', `period ${period} is closed: reopen it with a reason`, 'period');
  const inspectedUnitId = requireId(c.data.inspectedUnitId, 'inspectedUnitId');
  const inspectorUnitId = requireId(c.data.inspectorUnitId, 'inspectorUnitId');
  requireMember(state, inspectedUnitId, 'inspectedUnitId');
  requireMember(state, inspectorUnitId, 'inspectorUnitId');
  if (inspectorUnitId === inspectedUnitId)
    throw rule('SELF_INSPECTION', 'a unit does not inspect itself', 'inspectorUnitId');
  const current = state.inspections[inspectionKey(period, inspectedUnitId)];
  if (current === inspectorUnitId)
    throw conflict(
      'ALREADY_ASSIGNED',
      `unit ${inspectorUnitId} already inspects ${inspectedUnitId} in ${period}`,
    );
  const reason =
    current === undefined ? optionalText(c.data.reason, 'reason', 1000) : requireReason(c.data.reason);
  return [
    {
      type: 'InspectionAssigned',
      data: {
        period,
        inspectedUnitId,
        inspectorUnitId,
        ...(current !== undefined && { previousInspectorUnitId: current }),
        ...(reason !== undefined && { reason }),
      },
    },
  ];
}
