import { isOrganizerOf } from '../actor.js';
import { conflict, forbidden, rule } from '../errors.js';
import {
  CONFERENCE_KINDS,
  type ConferenceKind,
  type EmulationYearEvent,
} from '../events/emulation-year.events.js';
import { requireId, requireText } from '../validation.js';
import type { EmulationYearContext, HoldConference, IssuePlan } from './emulation-year.commands.js';
import type { EmulationYearState } from './emulation-year.state.js';
import { actDate, isChair, requireActive, requireCluster, type ClusterInfo } from './guards.js';

function requireOrganizerOrChair(
  c: HoldConference | IssuePlan,
  state: EmulationYearState,
  cluster: ClusterInfo,
): void {
  if (!isOrganizerOf(c.actor, cluster.organizerUnitId) && !isChair(c.actor, state))
    throw forbidden('the organizer or the chair unit records the cluster-year’s conferences and plan');
}

/**
 * A conference of the cluster-year (ký kết, giao ban, sơ kết, tổng kết): dated by `date`, presided over by a
 * member unit or the organizer, its minutes referenced with their sha256. Recorded by the organizer or the
 * chair unit.
 */
export function decideHoldConference(
  c: HoldConference,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizerOrChair(c, state, cluster);
  requireActive(cluster);
  const conferenceId = requireId(c.data.conferenceId, 'conferenceId');
  if (state.conferences.includes(conferenceId))
    throw conflict('CONFERENCE_ID_TAKEN', `conference ${conferenceId} exists`, 'conferenceId');
  if (!CONFERENCE_KINDS.includes(c.data.kind as ConferenceKind))
    throw rule('INVALID_CONFERENCE_KIND', `kind must be one of ${CONFERENCE_KINDS.join(', ')}`, 'kind');
  const presidingUnitId = requireId(c.data.presidingUnitId, 'presidingUnitId');
  if (state.members[presidingUnitId] !== true && presidingUnitId !== cluster.organizerUnitId)
    throw rule(
      'PRESIDING_NOT_IN_CLUSTER',
      `unit ${presidingUnitId} is neither a member nor the organizer`,
      'presidingUnitId',
    );
  const minutes = (c.data.minutes ?? {}) as Partial<{ reference: unknown; sha256: unknown }>;
  const reference = requireText(minutes.reference, 'minutes.reference', 300);
  if (typeof minutes.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(minutes.sha256))
    throw rule('INVALID_DIGEST', 'minutes.sha256 must be a lowercase hex sha256', 'minutes.sha256');
  return [
    {
      type: 'ConferenceHeld',
      data: {
        conferenceId,
        kind: c.data.kind as ConferenceKind,
        date: actDate(c),
        place: requireText(c.data.place, 'place', 300),
        presidingUnitId,
        minutes: { reference, sha256: minutes.sha256 },
      },
    },
  ];
}

/** The cluster's plan for the year (kế hoạch), by the organizer or the chair unit. */
export function decideIssuePlan(
  c: IssuePlan,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizerOrChair(c, state, cluster);
  requireActive(cluster);
  const planId = requireId(c.data.planId, 'planId');
  if (state.plans.includes(planId)) throw conflict('PLAN_ID_TAKEN', `plan ${planId} exists`, 'planId');
  return [
    {
      type: 'PlanIssued',
      data: {
        planId,
        title: requireText(c.data.title, 'title', 500),
        reference: requireText(c.data.reference, 'reference', 300),
      },
    },
  ];
}
