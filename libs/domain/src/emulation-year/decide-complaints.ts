import { notFound, rule } from '../errors.js';
import {
  decideEscalateComplaint,
  decideFileComplaint,
  decideResolveComplaint,
  type TargetFacts,
} from '../complaints/complaints.js';
import type { ComplaintTarget } from '../events/complaint.events.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { requirePeriodCode } from '../periods.js';
import { requireDate, requireId, requireText } from '../validation.js';
import type {
  EmulationYearContext,
  EscalateComplaint,
  FileComplaint,
  ResolveComplaint,
} from './emulation-year.commands.js';
import { getEntry, type EmulationYearState } from './emulation-year.state.js';
import { requireCluster } from './guards.js';

/** A target of the cluster-year, checked, with the date of what it complains about and who it affects. */
function targetFacts(
  raw: unknown,
  state: EmulationYearState,
  organizerUnitId: string,
  decisionOn: unknown,
): [ComplaintTarget, TargetFacts] {
  const t = raw as Partial<Record<string, unknown>> | undefined;
  const authority = { kind: 'unit' as const, unitId: organizerUnitId };
  // Every unit that was a member of the year is affected by its ranking, elections and proposals.
  const everyMember = new Set(Object.keys(state.admittedOn).concat(Object.keys(state.members)));
  const decided = (date: string | undefined, what: string, field: string): string => {
    if (date === undefined)
      throw rule('TARGET_NOT_DECIDED', `${what} is not decided yet: nothing to complain about`, field);
    return date;
  };
  switch (t?.['kind']) {
    case 'score-entry': {
      const entryId = requireId(t['entryId'], 'target.entryId');
      const entry = getEntry(state, entryId);
      if (!entry) throw notFound('ENTRY_NOT_FOUND', `entry ${entryId} does not exist`, 'target.entryId');
      const facts = {
        decisionOn: decided(entry.on, `entry ${entryId}`, 'target.entryId'),
        affected: new Set([entry.unitId]),
        period: entry.period,
        authority,
      };
      return [{ kind: 'score-entry', entryId }, facts];
    }
    case 'ranking':
    case 'classification': {
      const period = requirePeriodCode(t['period'], 'target.period');
      const p = state.periods[period];
      const closedOn = p?.status === 'closed' ? p.closedOn : undefined;
      const decisionOn = decided(closedOn, `the ${period} ranking (not closed)`, 'target.period');
      if (t['kind'] === 'ranking')
        return [
          { kind: 'ranking', period },
          { decisionOn, affected: everyMember, period, authority },
        ];
      const unitId = requireId(t['unitId'], 'target.unitId');
      if (!everyMember.has(unitId))
        throw rule('NOT_A_MEMBER', `unit ${unitId} is not a member this year`, 'target.unitId');
      return [
        { kind: 'classification', period, unitId },
        { decisionOn, affected: new Set([unitId]), period, authority },
      ];
    }
    case 'election': {
      const electionId = requireId(t['electionId'], 'target.electionId');
      const election = state.elections[electionId];
      if (!election)
        throw notFound('ELECTION_NOT_FOUND', `election ${electionId} does not exist`, 'target.electionId');
      // Only ElectionClosed dates an election's close (an election is not reopened).
      const decisionOn = decided(election.closedOn, `election ${electionId}`, 'target.electionId');
      return [
        { kind: 'election', electionId },
        { decisionOn, affected: everyMember, authority },
      ];
    }
    case 'proposal': {
      const proposalRef = requireText(t['proposalRef'], 'target.proposalRef', 200);
      const unitId = requireId(t['unitId'], 'target.unitId');
      if (!everyMember.has(unitId))
        throw rule('NOT_A_MEMBER', `unit ${unitId} is not a member this year`, 'target.unitId');
      // A proposal rests on the year's ranking (Y); its date is given: proposals are not recorded yet.
      const date = requireDate(decisionOn, 'decisionOn');
      return [
        { kind: 'proposal', proposalRef, unitId },
        { decisionOn: date, affected: everyMember, period: 'Y', authority },
      ];
    }
    default:
      throw rule(
        'INVALID_TARGET',
        'target.kind must be score-entry, ranking, classification, election or proposal',
        'target.kind',
      );
  }
}

/**
 * Complaints (khiếu nại) about the cluster-year's decisions, resolved first by the cluster's organizer
 * and then by its parent unit. Dated by the day received; not limited by the emulation window.
 */
export function decideYearComplaint(
  c: FileComplaint | ResolveComplaint | EscalateComplaint,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  switch (c.type) {
    case 'FileComplaint': {
      if (c.data.decisionOn !== undefined && (c.data.target as { kind?: unknown })?.kind !== 'proposal')
        throw rule('DECISION_DATE_NOT_APPLICABLE', 'decisionOn is given for a proposal only', 'decisionOn');
      const [target, facts] = targetFacts(c.data.target, state, cluster.organizerUnitId, c.data.decisionOn);
      return decideFileComplaint(c.actor, c.at, c.data, state.complaints, target, facts, ctx.complaintPolicy);
    }
    case 'ResolveComplaint':
      return decideResolveComplaint(c.actor, c.at, c.data, state.complaints);
    case 'EscalateComplaint': {
      const parent = ctx.organizerParentUnitId;
      const superior = parent === undefined ? undefined : { kind: 'unit' as const, unitId: parent };
      return decideEscalateComplaint(c.actor, c.at, c.data, state.complaints, superior, ctx.complaintPolicy);
    }
  }
}
