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
      .thenThrows('NOT_A_MEMBER');
    year
      .given(yearStarted())
      .when(open(chair, { candidates: [] }))
      .thenThrows('LIST_TOO_SHORT');
    year
      .given(yearStarted())
      .when(open(chair, { candidates: [ktnv, ktnv] }))
      .thenThrows('DUPLICATE_CANDIDATE');
    year
      .given(yearStarted())
      .when(open(chair, { candidates: [anm, ktnv] }))
      .thenThrows('CONSECUTIVE_TERM_FORBIDDEN');
    year
      .given(yearStarted())
      .when(open(chair, { role: 'boss' }))
      .thenThrows('INVALID_ROLE');
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
      .thenThrows('CONSECUTIVE_TERM_FORBIDDEN');
  });

  it('one open round per seat; a new id each round', () => {
    year
      .given([...yearStarted(), opened])
      .when(open(chair, { electionId: 'bau-2' }))
      .thenThrows('ELECTION_ALREADY_OPEN', 'conflict');
    year
      .given([...yearStarted(), opened])
      .when(open())
      .thenThrows('ELECTION_ID_TAKEN', 'conflict');
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
    ).thenThrows('NOT_A_CANDIDATE');
    g.when(
      ey('CastBallot', officerOf(ngoaiTuyen), {
        electionId: 'bau-9',
        voterUnitId: ngoaiTuyen,
        candidateUnitId: ktnv,
      }),
    ).thenThrows('ELECTION_NOT_FOUND', 'not-found');
    year
      .given([...yearStarted(), opened, ballot(ngoaiTuyen, ktnv)])
      .when(
        ey('CastBallot', officerOf(ngoaiTuyen), {
          electionId: 'bau-1',
          voterUnitId: ngoaiTuyen,
          candidateUnitId: xnc,
        }),
      )
      .thenThrows('ALREADY_VOTED', 'conflict');
    year
      .given([...yearStarted(), opened, { type: 'UnitWithdrawn', data: { unitId: ngoaiTuyen, reason: 'r' } }])
      .when(
        ey('CastBallot', officerOf(ngoaiTuyen), {
          electionId: 'bau-1',
          voterUnitId: ngoaiTuyen,
          candidateUnitId: ktnv,
        }),
      )
      .thenThrows('NOT_A_MEMBER');
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
      .thenThrows('ALREADY_ELECTED', 'conflict');
    year.given(done).when(close()).thenThrows('ELECTION_NOT_OPEN');
    year
      .given(done)
      .when(open(chair, { electionId: 'bau-p', role: 'vice-chair', candidates: [ktnv, xnc] }))
      .thenThrows('HOLDS_OTHER_ROLE');
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
