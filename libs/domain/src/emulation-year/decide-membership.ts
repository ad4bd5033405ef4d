import { actsForUnit, isOrganizerOf } from '../actor.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { requireId, requireReason } from '../validation.js';
import type {
  AdmitUnit,
  AssignChair,
  EmulationYearContext,
  SetChairPolicy,
  WithdrawUnit,
} from './emulation-year.commands.js';
import type { EmulationYearState } from './emulation-year.state.js';
import { requireNotBefore } from '../business-date.js';
import { actDate, requireActive, requireCluster, requireMember, requireOrganizer } from './guards.js';

/** Admission for the year. The membership registry reservation must already be held for this cluster. */
export function decideAdmitUnit(
  c: AdmitUnit,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  const unitId = requireId(c.data.unitId, 'unitId');
  if (ctx.unitStatus === undefined || ctx.unitStatus === 'none')
    throw notFound('UNIT_NOT_FOUND', `unit ${unitId} is not registered`, 'unitId');
  if (ctx.unitStatus !== 'active')
    throw rule('UNIT_NOT_ACTIVE', `unit ${unitId} is ${ctx.unitStatus}`, 'unitId');
  if (state.members[unitId])
    throw conflict('ALREADY_A_MEMBER', `unit ${unitId} is already a member`, 'unitId');
  if (ctx.reservedClusterId !== c.data.clusterId)
    throw rule(
      'MEMBERSHIP_NOT_RESERVED',
      `unit ${unitId} is not reserved for this cluster in the organizer's membership registry`,
      'unitId',
    );
  return [{ type: 'UnitAdmitted', data: { unitId } }];
}

export function decideWithdrawUnit(
  c: WithdrawUnit,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  const unitId = requireId(c.data.unitId, 'unitId');
  requireMember(state, unitId);
  requireNotBefore(actDate(c), state.admittedOn[unitId], "the unit's admission");
  return [{ type: 'UnitWithdrawn', data: { unitId, reason: requireReason(c.data.reason) } }];
}

/**
 * The chair (Cụm trưởng) or vice-chair (Cụm phó) of the year: assigned by the organizer (e.g. the 2021
 * chair of Cụm 2 in the seeds), or taken up from the previous year's election. Taking up an election
 * result twice is a no-op, so a process manager may retry it.
 */
export function decideAssignChair(
  c: AssignChair,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  const { role, source } = c.data;
  const unitId = requireId(c.data.unitId, 'unitId');
  if (role !== 'chair' && role !== 'vice-chair')
    throw rule('INVALID_ROLE', 'role must be chair or vice-chair', 'role');
  const holder = role === 'chair' ? state.chair : state.viceChair;
  const other = role === 'chair' ? state.viceChair : state.chair;
  if (source === 'organizer') {
    requireOrganizer(c.actor, cluster);
    requireActive(cluster);
    requireMember(state, unitId);
    if (holder === unitId) throw rule('NO_CHANGE', `unit ${unitId} already holds the ${role} seat`, 'unitId');
    if (other === unitId) throw rule('HOLDS_OTHER_ROLE', `unit ${unitId} holds the other seat`, 'unitId');
    return [{ type: 'ChairAssigned', data: { unitId, role, source } }];
  }
  if (source !== 'election') throw rule('INVALID_SOURCE', 'source must be organizer or election', 'source');
  if (!isOrganizerOf(c.actor, cluster.organizerUnitId) && !actsForUnit(c.actor, unitId))
    throw forbidden('only the organizer or the elected unit may take up an election result');
  requireActive(cluster);
  const electionId = requireId(c.data.electionId, 'electionId');
  const result = (ctx.electedInPreviousYear ?? []).find((e) => e.electionId === electionId);
  if (!result || result.role !== role || result.unitId !== unitId)
    throw rule(
      'NOT_ELECTED',
      `election ${electionId} of the previous year did not elect ${unitId} as ${role}`,
      'electionId',
    );
  if (holder === unitId) return [];
  if (other === unitId) throw rule('HOLDS_OTHER_ROLE', `unit ${unitId} holds the other seat`, 'unitId');
  return [{ type: 'ChairAssigned', data: { unitId, role, source, electionId } }];
}

export function decideSetChairPolicy(
  c: SetChairPolicy,
  _state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  if (typeof c.data.forbidConsecutiveTerms !== 'boolean')
    throw rule('INVALID_POLICY', 'forbidConsecutiveTerms must be true or false', 'forbidConsecutiveTerms');
  return [{ type: 'ChairPolicySet', data: { forbidConsecutiveTerms: c.data.forbidConsecutiveTerms } }];
}
