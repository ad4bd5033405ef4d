import { isOrganizerOf, type Actor } from '../actor.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type {
  ElectionClosedData,
  ElectionOutcome,
  EmulationYearEvent,
} from '../events/emulation-year.events.js';
import { requireArray, requireId, requireUnique } from '../validation.js';
import type {
  CastBallot,
  CloseElection,
  EmulationYearContext,
  OpenElection,
} from './emulation-year.commands.js';
import type { ElectionSummary, EmulationYearState } from './emulation-year.state.js';
import { requireNotBefore } from '../business-date.js';
import {
  actDate,
  isChair,
  requireActive,
  requireCluster,
  requireForUnit,
  requireMember,
  type ClusterInfo,
} from './guards.js';

/** Elections are run by the chair unit; by the organizer only while no chair is seated. */
function requireElectionRunner(actor: Actor, state: EmulationYearState, cluster: ClusterInfo): void {
  if (isChair(actor, state)) return;
  // A seated chair is always a member: withdrawing the unit empties its seat (evolve).
  const noChair = state.chair === undefined;
  if (noChair && isOrganizerOf(actor, cluster.organizerUnitId)) return;
  throw forbidden('only the chair unit of the cluster-year runs its elections');
}

function requireElection(state: EmulationYearState, electionId: unknown): [string, ElectionSummary] {
  const id = requireId(electionId, 'electionId');
  const election = state.elections[id];
  if (!election) throw notFound('ELECTION_NOT_FOUND', `election ${id} does not exist`, 'electionId');
  return [id, election];
}

/**
 * Opens a round to elect next year's chair (Cụm trưởng) or vice-chair (Cụm phó) among member units.
 * The organizer's policy (ChairPolicySet; default: forbidden) may bar this year's holder of the seat.
 */
export function decideOpenElection(
  c: OpenElection,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireElectionRunner(c.actor, state, cluster);
  requireActive(cluster);
  const { role } = c.data;
  if (role !== 'chair' && role !== 'vice-chair')
    throw rule('INVALID_ROLE', 'role must be chair or vice-chair', 'role');
  const electionId = requireId(c.data.electionId, 'electionId');
  if (state.elections[electionId])
    throw conflict('ELECTION_ID_TAKEN', `election ${electionId} exists`, 'electionId');
  const rounds = Object.values(state.elections).filter((e) => e.role === role);
  if (rounds.some((e) => e.status === 'open'))
    throw conflict('ELECTION_ALREADY_OPEN', `an election for ${role} is open`, 'role');
  if (state.elected[role] !== undefined)
    throw conflict('ALREADY_ELECTED', `the ${role} for ${c.data.year + 1} is already elected`, 'role');
  const candidates = requireArray(c.data.candidates, 'candidates', 1, 100).map((u, i) =>
    requireId(u, `candidates[${i}]`),
  );
  requireUnique(candidates, 'candidates', 'DUPLICATE_CANDIDATE');
  candidates.forEach((u, i) => requireMember(state, u, `candidates[${i}]`));
  const holder = role === 'chair' ? state.chair : state.viceChair;
  if (state.forbidConsecutiveTerms && holder !== undefined && candidates.includes(holder))
    throw rule(
      'CONSECUTIVE_TERM_FORBIDDEN',
      `unit ${holder} holds the ${role} seat this year and the organizer's policy forbids consecutive terms`,
      'candidates',
    );
  const otherElected = state.elected[role === 'chair' ? 'vice-chair' : 'chair'];
  if (otherElected !== undefined && candidates.includes(otherElected))
    throw rule('HOLDS_OTHER_ROLE', `unit ${otherElected} is already elected to the other seat`, 'candidates');
  return [
    {
      type: 'ElectionOpened',
      data: { electionId, role, forYear: c.data.year + 1, round: rounds.length + 1, candidates },
    },
  ];
}

/** One ballot per member unit, cast by its own officer. */
export function decideCastBallot(
  c: CastBallot,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  const [electionId, election] = requireElection(state, c.data.electionId);
  const voterUnitId = requireId(c.data.voterUnitId, 'voterUnitId');
  requireForUnit(c.actor, voterUnitId);
  requireActive(cluster);
  if (election.status !== 'open')
    throw rule('ELECTION_NOT_OPEN', `election ${electionId} is closed`, 'electionId');
  requireNotBefore(actDate(c), election.openedOn, 'the opening of the election');
  requireMember(state, voterUnitId, 'voterUnitId');
  if (election.ballots[voterUnitId] !== undefined)
    throw conflict('ALREADY_VOTED', `unit ${voterUnitId} has voted in election ${electionId}`, 'voterUnitId');
  const candidateUnitId = requireId(c.data.candidateUnitId, 'candidateUnitId');
  if (!election.candidates.includes(candidateUnitId))
    throw rule('NOT_A_CANDIDATE', `unit ${candidateUnitId} is not a candidate`, 'candidateUnitId');
  return [{ type: 'BallotCast', data: { electionId, voterUnitId, candidateUnitId } }];
}

/**
 * Counts the ballots of units still members. Quorum: more than half the members voted. Elected: the
 * candidate with more than half of the ballots counted. A tie or no majority is recorded as such (never
 * broken silently); a new round may then be opened.
 */
export function tallyElection(
  election: Pick<ElectionSummary, 'candidates' | 'ballots'>,
  members: Readonly<Record<string, true>>,
): Pick<ElectionClosedData, 'outcome' | 'tally' | 'ballots' | 'members' | 'electedUnitId'> {
  const memberCount = Object.keys(members).length;
  const votes = new Map(election.candidates.map((u) => [u, 0]));
  let ballots = 0;
  for (const [voter, candidate] of Object.entries(election.ballots)) {
    if (members[voter] !== true) continue;
    ballots++;
    votes.set(candidate, (votes.get(candidate) ?? 0) + 1);
  }
  const tally = [...votes]
    .map(([unitId, v]) => ({ unitId, votes: v }))
    .sort((a, b) => b.votes - a.votes || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const top = tally[0]!;
  let outcome: ElectionOutcome;
  if (ballots * 2 <= memberCount) outcome = 'no-quorum';
  else if (tally.filter((t) => t.votes === top.votes).length > 1) outcome = 'tie';
  else if (top.votes * 2 <= ballots) outcome = 'no-majority';
  else outcome = 'elected';
  return {
    outcome,
    tally,
    ballots,
    members: memberCount,
    ...(outcome === 'elected' && { electedUnitId: top.unitId }),
  };
}

export function decideCloseElection(
  c: CloseElection,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  const [electionId, election] = requireElection(state, c.data.electionId);
  requireElectionRunner(c.actor, state, cluster);
  requireActive(cluster);
  if (election.status !== 'open')
    throw rule('ELECTION_NOT_OPEN', `election ${electionId} is closed`, 'electionId');
  requireNotBefore(actDate(c), election.openedOn, 'the opening of the election');
  const result = tallyElection(election, state.members);
  const events: EmulationYearEvent[] = [
    {
      type: 'ElectionClosed',
      data: { electionId, role: election.role, forYear: election.forYear, ...result },
    },
  ];
  if (result.electedUnitId !== undefined)
    events.push({
      type: 'ChairElected',
      data: { electionId, role: election.role, year: election.forYear, unitId: result.electedUnitId },
    });
  return events;
}
