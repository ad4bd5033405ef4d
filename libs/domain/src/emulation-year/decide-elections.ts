import { isOrganizerOf, type Actor } from '../actor.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type {
  ElectionClosedData,
  ElectionOutcome,
  ElectionRule,
  EmulationYearEvent,
} from '../events/emulation-year.events.js';
import { requireArray, requireId, requireUnique } from '../validation.js';
import type {
  CastBallot,
  CloseElection,
  EmulationYearContext,
  OpenElection,
  SecretCount,
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

/** The round a new one for `role` must decide: the last closed round that left run-off candidates. */
function pendingRunOff(
  state: EmulationYearState,
  role: string,
): [string, ElectionSummary & { runOffCandidates: readonly string[] }] | undefined {
  const rounds = Object.entries(state.elections).filter(([, e]) => e.role === role);
  const last = rounds.sort(([, a], [, b]) => b.round - a.round)[0];
  if (!last || last[1].status !== 'closed' || last[1].runOffCandidates === undefined) return undefined;
  return last as [string, ElectionSummary & { runOffCandidates: readonly string[] }];
}

/**
 * Opens a round to elect next year's chair (Cụm trưởng) or vice-chair (Cụm phó) among member units.
 * The organizer's policy (ChairPolicySet; default: forbidden) may bar this year's holder of the seat.
 * After a round without a majority (or a tied run-off) the next round is the run-off between the
 * leaders that round named: its candidates are fixed. `secret` keeps whom each unit chose off the log.
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
  if (c.data.secret !== undefined && typeof c.data.secret !== 'boolean')
    throw rule('INVALID_SECRET', 'secret must be true or false', 'secret');
  const runOff = pendingRunOff(state, role);
  let candidates: string[];
  if (runOff) {
    candidates = [...runOff[1].runOffCandidates];
    if (c.data.candidates !== undefined) {
      const given = requireArray(c.data.candidates, 'candidates', 1, 100).map((u, i) =>
        requireId(u, `candidates[${i}]`),
      );
      if (given.length !== candidates.length || !given.every((u) => candidates.includes(u)))
        throw rule(
          'RUN_OFF_CANDIDATES',
          `round ${runOff[0]} elected nobody: the run-off is between ${candidates.join(', ')}`,
          'candidates',
        );
    }
  } else {
    candidates = requireArray(c.data.candidates, 'candidates', 1, 100).map((u, i) =>
      requireId(u, `candidates[${i}]`),
    );
    requireUnique(candidates, 'candidates', 'DUPLICATE_CANDIDATE');
  }
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
  // A run-off keeps the secrecy of the round it decides unless the runner says otherwise.
  const secret = c.data.secret ?? runOff?.[1].secret === true;
  return [
    {
      type: 'ElectionOpened',
      data: {
        electionId,
        role,
        forYear: c.data.year + 1,
        round: rounds.length + 1,
        candidates,
        ...(secret && { secret: true as const }),
        ...(runOff && { runOffOf: runOff[0] }),
      },
    },
  ];
}

/**
 * One ballot per member unit, cast by its own officer. In a secret round the unit names no candidate: the
 * log records its receipt (SecretBallotCast), so it cannot vote twice, and never its choice.
 */
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
  if (election.ballots[voterUnitId] !== undefined || election.receipts?.[voterUnitId] === true)
    throw conflict('ALREADY_VOTED', `unit ${voterUnitId} has voted in election ${electionId}`, 'voterUnitId');
  if (election.secret === true) {
    if (c.data.candidateUnitId !== undefined)
      throw rule(
        'SECRET_BALLOT_NAMES_NO_CANDIDATE',
        `election ${electionId} is secret: the choice goes on the paper ballot, never into the log`,
        'candidateUnitId',
      );
    return [{ type: 'SecretBallotCast', data: { electionId, voterUnitId } }];
  }
  const candidateUnitId = requireId(c.data.candidateUnitId, 'candidateUnitId');
  if (!election.candidates.includes(candidateUnitId))
    throw rule('NOT_A_CANDIDATE', `unit ${candidateUnitId} is not a candidate`, 'candidateUnitId');
  return [{ type: 'BallotCast', data: { electionId, voterUnitId, candidateUnitId } }];
}

const requireCount = (value: unknown, field: string): number => {
  // Number.isSafeInteger is false for anything but a number.
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw rule('INVALID_VOTES', `${field} must be a whole number of ballots, 0 or more`, field);
  return value as number;
};

/** The counting committee's result of a secret round: every candidate once, adding up to the receipts. */
function validateSecretCount(election: ElectionSummary, raw: SecretCount | undefined): SecretCount {
  // typeof undefined is 'undefined'; typeof null is 'object'.
  if (typeof raw !== 'object' || raw === null)
    throw rule('COUNT_REQUIRED', 'a secret round is closed with the counting committee’s result', 'count');
  const tally = requireArray(raw.tally, 'count.tally', 1, 100).map((t, i) => {
    const f = `count.tally[${i}]`;
    const unitId = requireId((t as { unitId?: unknown })?.unitId, `${f}.unitId`);
    if (!election.candidates.includes(unitId))
      throw rule('NOT_A_CANDIDATE', `unit ${unitId} is not a candidate`, `${f}.unitId`);
    return { unitId, votes: requireCount((t as { votes?: unknown }).votes, `${f}.votes`) };
  });
  requireUnique(
    tally.map((t) => t.unitId),
    'count.tally',
    'DUPLICATE_CANDIDATE',
  );
  const missing = election.candidates.filter((u) => !tally.some((t) => t.unitId === u));
  if (missing.length > 0)
    throw rule('TALLY_INCOMPLETE', `the count names no votes for ${missing.join(', ')}`, 'count.tally');
  const invalid = raw.invalid === undefined ? 0 : requireCount(raw.invalid, 'count.invalid');
  const receipts = Object.keys(election.receipts ?? {}).length;
  const counted = tally.reduce((n, t) => n + t.votes, 0) + invalid;
  if (counted !== receipts)
    throw rule(
      'COUNT_MISMATCH',
      `the count adds up to ${counted} ballots but ${receipts} were cast (receipts)`,
      'count',
    );
  return { tally, invalid };
}

/** The leaders a run-off is between: the first and everyone tied with the second place (ties at the top included). */
function leadersOf(tally: ReadonlyArray<{ unitId: string; votes: number }>): string[] {
  const second = (tally[1] ?? tally[0])!.votes;
  return tally.filter((t) => t.votes >= second).map((t) => t.unitId);
}

/**
 * Counts a round. Quorum: more than half the members voted. A first round elects the candidate with
 * more than half of the ballots cast (exactly half is not a majority); without one, the next round is a
 * run-off between the leaders (the first two, all tied for second included), decided by plurality. A
 * tie at the top of a run-off is recorded and decided by a new run-off between the tied. Nothing is
 * broken silently. Open ballots count only units still members; a secret count is taken as the
 * committee gives it (receipts of a unit withdrawn meanwhile cannot be told apart, so they count).
 */
export function tallyElection(
  election: Pick<ElectionSummary, 'candidates' | 'ballots'> &
    Partial<Pick<ElectionSummary, 'runOffOf' | 'secret' | 'receipts'>>,
  members: Readonly<Record<string, true>>,
  count?: SecretCount,
): Pick<
  ElectionClosedData,
  'outcome' | 'tally' | 'ballots' | 'members' | 'electedUnitId' | 'rule' | 'runOffCandidates' | 'invalid'
> {
  const memberCount = Object.keys(members).length;
  const votes = new Map(election.candidates.map((u) => [u, 0]));
  let ballots = 0;
  if (count) {
    for (const t of count.tally) votes.set(t.unitId, t.votes);
    ballots = Object.keys(election.receipts ?? {}).length;
  } else
    for (const [voter, candidate] of Object.entries(election.ballots)) {
      if (members[voter] !== true) continue;
      ballots++;
      votes.set(candidate, (votes.get(candidate) ?? 0) + 1);
    }
  const tally = [...votes]
    .map(([unitId, v]) => ({ unitId, votes: v }))
    .sort((a, b) => b.votes - a.votes || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const top = tally[0]!;
  const ruleOf: ElectionRule = election.runOffOf === undefined ? 'absolute-majority' : 'plurality';
  const topTied = tally.filter((t) => t.votes === top.votes).map((t) => t.unitId);
  let outcome: ElectionOutcome;
  let runOffCandidates: string[] | undefined;
  if (ballots * 2 <= memberCount) {
    outcome = 'no-quorum';
    // A run-off without a quorum is held again between the same units.
    if (ruleOf === 'plurality') runOffCandidates = [...election.candidates];
  } else if (ruleOf === 'absolute-majority') {
    if (top.votes * 2 > ballots) outcome = 'elected';
    else [outcome, runOffCandidates] = ['no-majority', leadersOf(tally)];
  } else if (topTied.length === 1 && top.votes > 0) outcome = 'elected';
  else [outcome, runOffCandidates] = ['tie', topTied];
  return {
    outcome,
    tally,
    ballots,
    members: memberCount,
    ...(outcome === 'elected' && { electedUnitId: top.unitId }),
    rule: ruleOf,
    ...(runOffCandidates && { runOffCandidates }),
    ...(count && { invalid: count.invalid ?? 0 }),
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
  if (election.secret !== true && c.data.count !== undefined)
    throw rule(
      'COUNT_NOT_APPLICABLE',
      `election ${electionId} is an open ballot: the log counts it`,
      'count',
    );
  const count = election.secret === true ? validateSecretCount(election, c.data.count) : undefined;
  const result = tallyElection(election, state.members, count);
  const events: EmulationYearEvent[] = [
    {
      type: 'ElectionClosed',
      data: {
        electionId,
        role: election.role,
        forYear: election.forYear,
        ...result,
        ...(count && { secret: true as const }),
      },
    },
  ];
  if (result.electedUnitId !== undefined)
    events.push({
      type: 'ChairElected',
      data: { electionId, role: election.role, year: election.forYear, unitId: result.electedUnitId },
    });
  return events;
}
