import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  chair,
  context,
  ey,
  officerOf,
  organizer,
  UNITS,
  UNIT_IDS,
  yearStarted,
  dated,
} from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';
import { tallyElection } from './decide-elections.js';

const year = spec(emulationYearDecider, context);
const { anm, ktnv, ngoaiTuyen, xnc, canhVe } = {
  anm: UNITS.anm.id,
  ktnv: UNITS.ktnv.id,
  ngoaiTuyen: UNITS.ngoaiTuyen.id,
  xnc: UNITS.xnc.id,
  canhVe: UNITS.canhVe.id,
};
const candidates = [ktnv, xnc];
const opened: EmulationYearEvent = {
  type: 'ElectionOpened',
  data: { electionId: 'bau-1', role: 'chair', forYear: 2022, round: 1, candidates },
};
const ballot = (voter: string, candidate: string): EmulationYearEvent => ({
  type: 'BallotCast',
  data: { electionId: 'bau-1', voterUnitId: voter, candidateUnitId: candidate },
});
const open = (actor = chair, over = {}) =>
  ey('OpenElection', actor, { electionId: 'bau-1', role: 'chair' as const, candidates, ...over });
const close = (actor = chair) => ey('CloseElection', actor, { electionId: 'bau-1' });

describe('cluster-year: electing next year’s chair (bầu Cụm trưởng)', () => {
  it('the chair unit opens an election for year + 1 among member units', () => {
    year
      .given(yearStarted())
      .when(open())
      .then(dated([opened]));
    year
      .given(yearStarted())
      .when(open(chair, { electionId: 'bau-p', role: 'vice-chair' }))
      .then(
        dated([
          {
            type: 'ElectionOpened',
            data: { electionId: 'bau-p', role: 'vice-chair', forYear: 2022, round: 1, candidates },
          },
        ]),
      );
  });

  it('refuses non-chairs (the organizer only when no chair is seated), non-member candidates, the sitting chair by default', () => {
    for (const actor of [officerOf(ktnv), organizer])
      year.given(yearStarted()).when(open(actor)).thenThrows('FORBIDDEN', 'forbidden');
    const noChair = yearStarted().filter((e) => e.type !== 'ChairAssigned');
    year
      .given(noChair)
      .when(open(organizer))
      .then(dated([opened]));
    year
      .given(yearStarted())
      .when(open(chair, { candidates: [ktnv, 'cuc-khac'] }))
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'candidates[1]');
    year
      .given(yearStarted())
      .when(open(chair, { candidates: [] }))
      .thenThrows('LIST_TOO_SHORT', 'unprocessable', 'candidates');
    year
      .given(yearStarted())
      .when(open(chair, { candidates: [ktnv, ktnv] }))
      .thenThrows('DUPLICATE_CANDIDATE', 'unprocessable', 'candidates');
    year
      .given(yearStarted())
      .when(open(chair, { candidates: [anm, ktnv] }))
      .thenThrows('CONSECUTIVE_TERM_FORBIDDEN', 'unprocessable', 'candidates');
    year
      .given(yearStarted())
      .when(open(chair, { role: 'boss' }))
      .thenThrows('INVALID_ROLE', 'unprocessable', 'role');
  });

  it('applies the policy in force: allowed consecutive terms once the organizer records it', () => {
    const allowed: EmulationYearEvent[] = [
      ...yearStarted(),
      { type: 'ChairPolicySet', data: { forbidConsecutiveTerms: false } },
    ];
    year
      .given(allowed)
      .when(open(chair, { candidates: [anm, ktnv] }))
      .then(
        dated([
          {
            type: 'ElectionOpened',
            data: { electionId: 'bau-1', role: 'chair', forYear: 2022, round: 1, candidates: [anm, ktnv] },
          },
        ]),
      );
    const forbiddenAgain: EmulationYearEvent[] = [
      ...allowed,
      { type: 'ChairPolicySet', data: { forbidConsecutiveTerms: true } },
    ];
    year
      .given(forbiddenAgain)
      .when(open(chair, { candidates: [anm, ktnv] }))
      .thenThrows('CONSECUTIVE_TERM_FORBIDDEN', 'unprocessable', 'candidates');
  });

  it('one open round per seat; a new id each round', () => {
    year
      .given([...yearStarted(), opened])
      .when(open(chair, { electionId: 'bau-2' }))
      .thenThrows('ELECTION_ALREADY_OPEN', 'conflict', 'role');
    year
      .given([...yearStarted(), opened])
      .when(open())
      .thenThrows('ELECTION_ID_TAKEN', 'conflict', 'electionId');
  });

  it('each member unit casts one ballot through its own officer, for a candidate', () => {
    const g = year.given([...yearStarted(), opened]);
    g.when(
      ey('CastBallot', officerOf(ngoaiTuyen), {
        electionId: 'bau-1',
        voterUnitId: ngoaiTuyen,
        candidateUnitId: ktnv,
      }),
    ).then(dated([ballot(ngoaiTuyen, ktnv)]));
    g.when(
      ey('CastBallot', officerOf(xnc), {
        electionId: 'bau-1',
        voterUnitId: ngoaiTuyen,
        candidateUnitId: ktnv,
      }),
    ).thenThrows('FORBIDDEN', 'forbidden');
    g.when(
      ey('CastBallot', chair, { electionId: 'bau-1', voterUnitId: ngoaiTuyen, candidateUnitId: ktnv }),
    ).thenThrows('FORBIDDEN', 'forbidden');
    g.when(
      ey('CastBallot', officerOf(ngoaiTuyen), {
        electionId: 'bau-1',
        voterUnitId: ngoaiTuyen,
        candidateUnitId: canhVe,
      }),
    ).thenThrows('NOT_A_CANDIDATE', 'unprocessable', 'candidateUnitId');
    g.when(
      ey('CastBallot', officerOf(ngoaiTuyen), {
        electionId: 'bau-9',
        voterUnitId: ngoaiTuyen,
        candidateUnitId: ktnv,
      }),
    ).thenThrows('ELECTION_NOT_FOUND', 'not-found', 'electionId');
    year
      .given([...yearStarted(), opened, ballot(ngoaiTuyen, ktnv)])
      .when(
        ey('CastBallot', officerOf(ngoaiTuyen), {
          electionId: 'bau-1',
          voterUnitId: ngoaiTuyen,
          candidateUnitId: xnc,
        }),
      )
      .thenThrows('ALREADY_VOTED', 'conflict', 'voterUnitId');
    year
      .given([...yearStarted(), opened, { type: 'UnitWithdrawn', data: { unitId: ngoaiTuyen, reason: 'r' } }])
      .when(
        ey('CastBallot', officerOf(ngoaiTuyen), {
          electionId: 'bau-1',
          voterUnitId: ngoaiTuyen,
          candidateUnitId: ktnv,
        }),
      )
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'voterUnitId');
  });

  it('closes: a majority with a quorum elects (Cục Kỹ thuật nghiệp vụ for 2022, seed 003)', () => {
    const votes = [ballot(anm, ktnv), ballot(ngoaiTuyen, ktnv), ballot(canhVe, ktnv), ballot(xnc, xnc)];
    year
      .given([...yearStarted(), opened, ...votes])
      .when(close())
      .then(
        dated([
          {
            type: 'ElectionClosed',
            data: {
              electionId: 'bau-1',
              role: 'chair',
              forYear: 2022,
              outcome: 'elected',
              tally: [
                { unitId: ktnv, votes: 3 },
                { unitId: xnc, votes: 1 },
              ],
              ballots: 4,
              members: 5,
              electedUnitId: ktnv,
              rule: 'absolute-majority',
            },
          },
          { type: 'ChairElected', data: { electionId: 'bau-1', role: 'chair', year: 2022, unitId: ktnv } },
        ]),
      );
    const done = [
      ...yearStarted(),
      opened,
      ...votes,
      ...year
        .given([...yearStarted(), opened, ...votes])
        .when(close())
        .then(expect.any(Array)),
    ];
    expect(year.given(done).state.elected).toEqual({ chair: ktnv });
    year
      .given(done)
      .when(open(chair, { electionId: 'bau-2' }))
      .thenThrows('ALREADY_ELECTED', 'conflict', 'role');
    year.given(done).when(close()).thenThrows('ELECTION_NOT_OPEN', 'unprocessable', 'electionId');
    year
      .given(done)
      .when(open(chair, { electionId: 'bau-p', role: 'vice-chair', candidates: [ktnv, xnc] }))
      .thenThrows('HOLDS_OTHER_ROLE', 'unprocessable', 'candidates');
  });

  it('records no majority (a 2–2 tie) and no quorum, elects nobody; after no majority the next round is the run-off', () => {
    const tie = [ballot(anm, ktnv), ballot(ngoaiTuyen, xnc), ballot(canhVe, ktnv), ballot(xnc, xnc)];
    const closedTie = year
      .given([...yearStarted(), opened, ...tie])
      .when(close())
      .then(
        dated([
          {
            type: 'ElectionClosed',
            data: {
              electionId: 'bau-1',
              role: 'chair',
              forYear: 2022,
              outcome: 'no-majority',
              tally: [
                { unitId: ktnv, votes: 2 },
                { unitId: xnc, votes: 2 },
              ],
              ballots: 4,
              members: 5,
              rule: 'absolute-majority',
              runOffCandidates: [ktnv, xnc],
            },
          },
        ]),
      );
    year
      .given([...yearStarted(), opened, ...tie, ...closedTie])
      .when(open(chair, { electionId: 'bau-2' }))
      .then(
        dated([
          {
            type: 'ElectionOpened',
            data: {
              electionId: 'bau-2',
              role: 'chair',
              forYear: 2022,
              round: 2,
              candidates,
              runOffOf: 'bau-1',
            },
          },
        ]),
      );
    const two = [ballot(anm, ktnv), ballot(ngoaiTuyen, xnc)];
    year
      .given([...yearStarted(), opened, ...two])
      .when(close())
      .then(
        dated([
          expect.objectContaining({
            type: 'ElectionClosed',
            data: expect.objectContaining({ outcome: 'no-quorum', ballots: 2 }),
          }),
        ]),
      );
  });

  it('the tally needs more than half the ballots, counts only current members', () => {
    const members = Object.fromEntries(UNIT_IDS.map((u) => [u, true as const]));
    const three = {
      candidates: ['a', 'b', 'c'],
      ballots: { [anm]: 'a', [ktnv]: 'a', [xnc]: 'b', [canhVe]: 'c' },
    };
    expect(tallyElection(three, members).outcome).toBe('no-majority');
    const { [xnc]: _gone, ...four } = members;
    // the withdrawn unit's ballot no longer counts: 2 of 3 is a majority, and 3 of 4 members is a quorum
    expect(tallyElection(three, four)).toMatchObject({
      outcome: 'elected',
      electedUnitId: 'a',
      ballots: 3,
      members: 4,
    });
    expect(
      tallyElection({ ...three, ballots: { ...three.ballots, [ngoaiTuyen]: 'a' } }, members),
    ).toMatchObject({
      outcome: 'elected',
      electedUnitId: 'a',
    });
  });

  it('only the chair (or the organizer with no chair seated) closes', () => {
    year
      .given([...yearStarted(), opened])
      .when(close(officerOf(ktnv)))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given([...yearStarted(), opened])
      .when(close(organizer))
      .thenThrows('FORBIDDEN', 'forbidden');
  });
});

describe('cluster-year elections: boundaries and the remaining refusals', () => {
  const members = (n: number) => Object.fromEntries(UNIT_IDS.slice(0, n).map((u) => [u, true as const]));
  const ballotsOf = (votes: string[]) => Object.fromEntries(votes.map((c, i) => [UNIT_IDS[i]!, c]));

  it('quorum: exactly half the members voting is not enough, one more is', () => {
    const election = (votes: string[]) => ({ candidates: ['a', 'b'], ballots: ballotsOf(votes) });
    expect(tallyElection(election(['a', 'a']), members(4)).outcome).toBe('no-quorum');
    expect(tallyElection(election(['a', 'a', 'a']), members(4))).toMatchObject({
      outcome: 'elected',
      electedUnitId: 'a',
    });
  });

  it('majority: exactly half the ballots is not enough, one more is', () => {
    const election = (votes: string[]) => ({ candidates: ['a', 'b', 'c'], ballots: ballotsOf(votes) });
    expect(tallyElection(election(['a', 'a', 'b', 'c']), members(5)).outcome).toBe('no-majority');
    expect(tallyElection(election(['a', 'a', 'a', 'c']), members(5)).outcome).toBe('elected');
  });

  it('lists the tally by votes, then by unit id, whatever the order of the candidates', () => {
    const { tally } = tallyElection(
      { candidates: ['d', 'c', 'a', 'b'], ballots: ballotsOf(['b', 'b', 'c', 'a']) },
      members(5),
    );
    expect(tally).toStrictEqual([
      { unitId: 'b', votes: 2 },
      { unitId: 'a', votes: 1 },
      { unitId: 'c', votes: 1 },
      { unitId: 'd', votes: 0 },
    ]);
  });

  it('lets the organizer run elections when the seated chair is no longer a member', () => {
    const chairGone: EmulationYearEvent[] = [
      ...yearStarted(),
      { type: 'UnitWithdrawn', data: { unitId: anm, reason: 'Giải thể' } },
    ];
    year
      .given(chairGone)
      .when(open(organizer))
      .then(dated([opened]));
  });

  it('keeps the rounds of each seat apart: a chair round open does not stop a vice-chair round', () => {
    year
      .given([...yearStarted(), opened])
      .when(open(chair, { electionId: 'bau-p', role: 'vice-chair' }))
      .then(
        dated([
          {
            type: 'ElectionOpened',
            data: { electionId: 'bau-p', role: 'vice-chair', forYear: 2022, round: 1, candidates },
          },
        ]),
      );
  });

  it("bars this year's holder of the same seat only: the chair may stand for vice-chair", () => {
    year
      .given(yearStarted())
      .when(open(chair, { electionId: 'bau-p', role: 'vice-chair', candidates: [anm, ktnv] }))
      .then([expect.objectContaining({ type: 'ElectionOpened' })]);
  });

  it('refuses a unit already elected to the other seat, and only that unit', () => {
    const viceElected: EmulationYearEvent[] = [
      ...yearStarted(),
      { type: 'ChairElected', data: { electionId: 'bau-p', role: 'vice-chair', year: 2022, unitId: xnc } },
    ];
    year
      .given(viceElected)
      .when(open(chair, { candidates: [ktnv, xnc] }))
      .thenThrows('HOLDS_OTHER_ROLE', 'unprocessable', 'candidates');
    year
      .given(viceElected)
      .when(open(chair, { candidates: [ktnv, canhVe] }))
      .then([expect.objectContaining({ type: 'ElectionOpened' })]);
  });

  it('names malformed ids and refuses a ballot in a closed election', () => {
    year
      .given(yearStarted())
      .when(open(chair, { electionId: 'Bầu 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'electionId');
    year
      .given(yearStarted())
      .when(open(chair, { candidates: [ktnv, 'Cục X'] }))
      .thenThrows('INVALID_ID', 'unprocessable', 'candidates[1]');
    const cast = (over: object) =>
      ey('CastBallot', officerOf(ktnv), {
        electionId: 'bau-1',
        voterUnitId: ktnv,
        candidateUnitId: xnc,
        ...over,
      });
    const withRound = [...yearStarted(), opened];
    year
      .given(withRound)
      .when(cast({ electionId: 'Bầu 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'electionId');
    year
      .given(withRound)
      .when(cast({ voterUnitId: 'Cục X' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'voterUnitId');
    year
      .given(withRound)
      .when(cast({ candidateUnitId: 'Cục X' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'candidateUnitId');
    const closedRound: EmulationYearEvent[] = [
      ...withRound,
      {
        type: 'ElectionClosed',
        data: {
          electionId: 'bau-1',
          role: 'chair',
          forYear: 2022,
          outcome: 'no-quorum',
          tally: [],
          ballots: 0,
          members: 5,
        },
      },
    ];
    year.given(closedRound).when(cast({})).thenThrows('ELECTION_NOT_OPEN', 'unprocessable', 'electionId');
  });
});
