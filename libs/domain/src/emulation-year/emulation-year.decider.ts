import type { Decider } from '../decider.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { requireActDate, requireInWindow } from '../business-date.js';
import { requireDate, requireId, requireYear } from '../validation.js';
import {
  decideAdmitUnit,
  decideAssignChair,
  decideSetChairPolicy,
  decideWithdrawUnit,
} from './decide-membership.js';
import { decideCastBallot, decideCloseElection, decideOpenElection } from './decide-elections.js';
import { decideFileDispute, decideResolveDispute } from './decide-disputes.js';
import { decideYearComplaint } from './decide-complaints.js';
import { decideHoldConference, decideIssuePlan } from './decide-conferences.js';
import { decideTitleReview } from './decide-title-review.js';
import { decideClearFinding, decideRecordFinding } from './decide-findings.js';
import { decideAssignInspection } from './decide-inspections.js';
import { decideClosePeriod, decideOpenPeriod, decideReopenPeriod } from './decide-periods.js';
import { decideAmendPledge, decideSetPledgeRules, decideSignPledge } from './decide-pledge.js';
import { decideAmendScheme, decidePublishScheme } from './decide-scheme.js';
import { decideCorrectScore, decideRecordScore, decideWithdrawScore } from './decide-scores.js';
import type { EmulationYearCommand, EmulationYearContext } from './emulation-year.commands.js';
import {
  evolveEmulationYear,
  initialEmulationYearState,
  type EmulationYearState,
} from './emulation-year.state.js';

/**
 * The cluster-year (`emulation-{clusterId}-{year}`): membership, chair, scheme, pledges, periods,
 * scores, disputes and elections. Authorization on the object is part of each decision (deny by default).
 */
export function decideEmulationYear(
  command: EmulationYearCommand,
  state: EmulationYearState,
  context: EmulationYearContext,
): EmulationYearEvent[] {
  requireId(command.data.clusterId, 'clusterId');
  const year = requireYear(command.data.year);
  // Complaints carry their own dates (received on, decided on) and come after the year's window.
  if (
    command.type === 'FileComplaint' ||
    command.type === 'ResolveComplaint' ||
    command.type === 'EscalateComplaint'
  )
    return decideYearComplaint(command, state, context);
  // The act's business date: given or the recording date, never after it, inside the organizer's window.
  // A conference is dated by its own `date` (required); every other act by `effectiveDate`.
  const field = command.type === 'HoldConference' ? 'date' : 'effectiveDate';
  const given =
    command.type === 'HoldConference' ? requireDate(command.data.date, 'date') : command.data.effectiveDate;
  const effectiveDate = requireActDate(given, command.at, field);
  requireInWindow(effectiveDate, context.window, year, field);
  const dated = { ...command, data: { ...command.data, effectiveDate } } as EmulationYearCommand;
  return decideDated(dated, state, context).map((e) =>
    e.type === 'ConferenceHeld' ? e : { ...e, data: { ...e.data, effectiveDate } },
  ) as EmulationYearEvent[];
}

/** The decision proper, on a command whose `effectiveDate` is set and checked. */
function decideDated(
  command: EmulationYearCommand,
  state: EmulationYearState,
  context: EmulationYearContext,
): EmulationYearEvent[] {
  switch (command.type) {
    case 'AdmitUnit':
      return decideAdmitUnit(command, state, context);
    case 'WithdrawUnit':
      return decideWithdrawUnit(command, state, context);
    case 'AssignChair':
      return decideAssignChair(command, state, context);
    case 'SetChairPolicy':
      return decideSetChairPolicy(command, state, context);
    case 'PublishScoringScheme':
      return decidePublishScheme(command, state, context);
    case 'AmendScoringScheme':
      return decideAmendScheme(command, state, context);
    case 'SignPledge':
      return decideSignPledge(command, state, context);
    case 'AmendPledge':
      return decideAmendPledge(command, state, context);
    case 'SetPledgeRules':
      return decideSetPledgeRules(command, state, context);
    case 'HoldConference':
      return decideHoldConference(command, state, context);
    case 'IssuePlan':
      return decideIssuePlan(command, state, context);
    case 'RecordTitleReview':
      return decideTitleReview(command, state, context);
    case 'OpenPeriod':
      return decideOpenPeriod(command, state, context);
    case 'ClosePeriod':
      return decideClosePeriod(command, state, context);
    case 'ReopenPeriod':
      return decideReopenPeriod(command, state, context);
    case 'RecordScore':
      return decideRecordScore(command, state, context);
    case 'CorrectScore':
      return decideCorrectScore(command, state, context);
    case 'WithdrawScore':
      return decideWithdrawScore(command, state, context);
    case 'FileDispute':
      return decideFileDispute(command, state, context);
    case 'ResolveDispute':
      return decideResolveDispute(command, state, context);
    case 'OpenElection':
      return decideOpenElection(command, state, context);
    case 'CastBallot':
      return decideCastBallot(command, state, context);
    case 'CloseElection':
      return decideCloseElection(command, state, context);
    case 'AssignInspection':
      return decideAssignInspection(command, state, context);
    case 'RecordFinding':
      return decideRecordFinding(command, state, context);
    case 'ClearFinding':
      return decideClearFinding(command, state, context);
    default:
      throw new TypeError(`${command.type} is decided before its date is stamped`);
  }
}

export const emulationYearDecider: Decider<
  EmulationYearCommand,
  EmulationYearState,
  EmulationYearEvent,
  EmulationYearContext
> = {
  initialState: initialEmulationYearState,
  evolve: evolveEmulationYear,
  decide: decideEmulationYear,
};
