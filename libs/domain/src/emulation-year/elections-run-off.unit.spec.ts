import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { chair, context, dated, ey, officerOf, UNITS, UNIT_IDS, yearStarted } from '../testing/fixtures.js';
import { tallyElection } from './decide-elections.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const year = spec(emulationYearDecider, context);
const [anm, ktnv, ngoaiTuyen, xnc, canhVe] = [
  UNITS.anm.id,
  UNITS.ktnv.id,
  UNITS.ngoaiTuyen.id,
  UNITS.xnc.id,
  UNITS.canhVe.id,
];
const five = Object.fromEntries(UNIT_IDS.map((u) => [u, true as const]));
const members = (n: number) => Object.fromEntries(UNIT_IDS.slice(0, n).map((u) => [u, true as const]));
/** Open ballots: voter i votes for choices[i]. */
const round = (candidates: string[], choices: string[], runOffOf?: string) => ({
  candidates,
  ballots: Object.fromEntries(choices.map((c, i) => [UNIT_IDS[i]!, c])),
  ...(runOffOf !== undefined && { runOffOf }),
});

describe('elections: absolute majority of the ballots cast, else a run-off by plurality', () => {
  it('exactly half is not a majority; one more is (both sides of the boundary)', () => {
    // 2 of 4 ballots: not a majority → run-off between the two leaders.
    expect(tallyElection(round(['a', 'b'], ['a', 'a', 'b', 'b']), five)).toMatchObject({
      outcome: 'no-majority',
      ballots: 4,
      rule: 'absolute-majority',
      runOffCandidates: ['a', 'b'],
    });
    // 3 of 4: a majority.
    expect(tallyElection(round(['a', 'b'], ['a', 'a', 'a', 'b']), five)).toMatchObject({
      outcome: 'elected',
      electedUnitId: 'a',
    });
    // 3 of 5: a majority; 2 of 5 (with 2 and 1 for the others) is not.
    expect(tallyElection(round(['a', 'b', 'c'], ['a', 'a', 'a', 'b', 'c']), five).outcome).toBe('elected');
    expect(tallyElection(round(['a', 'b', 'c'], ['a', 'a', 'b', 'b', 'c']), five)).toMatchObject({
      outcome: 'no-majority',
      runOffCandidates: ['a', 'b'],
    });
  });

  it('quorum: more than half of the members voted (half is not enough)', () => {
    expect(tallyElection(round(['a'], ['a', 'a']), members(4)).outcome).toBe('no-quorum');
    expect(tallyElection(round(['a'], ['a', 'a', 'a']), members(4)).outcome).toBe('elected');
    expect(tallyElection(round(['a'], ['a', 'a']), members(5)).outcome).toBe('no-quorum');
    expect(tallyElection(round(['a'], ['a', 'a', 'a']), members(5)).outcome).toBe('elected');
  });

  it('the run-off is between the first two, everyone tied for second included', () => {
    expect(tallyElection(round(['a', 'b', 'c', 'd'], ['a', 'a', 'b', 'c', 'd']), five)).toMatchObject({
      outcome: 'no-majority',
      runOffCandidates: ['a', 'b', 'c', 'd'],
    });
    expect(tallyElection(round(['a', 'b', 'c'], ['a', 'a', 'b', 'b', 'c']), five).runOffCandidates).toEqual([
      'a',
      'b',
    ]);
    // three tied at the top: all three go to the run-off
    expect(tallyElection(round(['a', 'b', 'c'], ['a', 'b', 'c']), members(4)).runOffCandidates).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('a run-off is won by plurality; a tie at its top is reported and decided by a new run-off', () => {
    // 2 of 5 is no majority, but it is the most votes in a run-off
    expect(tallyElection(round(['a', 'b', 'c'], ['a', 'a', 'b', 'c'], 'r1'), five)).toMatchObject({
      outcome: 'elected',
      electedUnitId: 'a',
      rule: 'plurality',
    });
    expect(tallyElection(round(['a', 'b', 'c'], ['a', 'a', 'b', 'b', 'c'], 'r1'), five)).toMatchObject({
      outcome: 'tie',
      rule: 'plurality',
      runOffCandidates: ['a', 'b'],
    });
    // a run-off without a quorum is held again between the same units
    expect(tallyElection(round(['a', 'b'], ['a', 'b'], 'r1'), five)).toMatchObject({
      outcome: 'no-quorum',
      runOffCandidates: ['a', 'b'],
    });
  });

  const opened = (over: Record<string, unknown> = {}): EmulationYearEvent => ({
    type: 'ElectionOpened',
    data: {
      electionId: 'bau-1',
      role: 'chair',
      forYear: 2022,
      round: 1,
      candidates: [ktnv, xnc, canhVe],
      ...over,
    },
  });
  const ballot = (voter: string, candidate: string, electionId = 'bau-1'): EmulationYearEvent => ({
    type: 'BallotCast',
    data: { electionId, voterUnitId: voter, candidateUnitId: candidate },
  });
  const noMajority = [
    ...yearStarted(),
    opened(),
    ballot(anm, ktnv),
    ballot(ktnv, ktnv),
    ballot(ngoaiTuyen, xnc),
    ballot(xnc, xnc),
    ballot(canhVe, canhVe),
    ...dated<EmulationYearEvent>([
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
            { unitId: canhVe, votes: 1 },
          ],
          ballots: 5,
          members: 5,
          rule: 'absolute-majority',
          runOffCandidates: [ktnv, xnc],
        },
      },
    ]),
  ];

  it('after no majority the next round is the run-off: its candidates are fixed (given: they must match)', () => {
    year
      .given(noMajority)
      .when(ey('OpenElection', chair, { electionId: 'bau-2', role: 'chair' }))
      .then(
        dated([
          {
            type: 'ElectionOpened',
            data: {
              electionId: 'bau-2',
              role: 'chair',
              forYear: 2022,
              round: 2,
              candidates: [ktnv, xnc],
              runOffOf: 'bau-1',
            },
          },
        ]),
      );
    year
      .given(noMajority)
      .when(ey('OpenElection', chair, { electionId: 'bau-2', role: 'chair', candidates: [xnc, ktnv] }))
      .then(expect.any(Array));
    year
      .given(noMajority)
      .when(ey('OpenElection', chair, { electionId: 'bau-2', role: 'chair', candidates: [ktnv, canhVe] }))
      .thenThrows('RUN_OFF_CANDIDATES', 'unprocessable', 'candidates');
    year
      .given(noMajority)
      .when(ey('OpenElection', chair, { electionId: 'bau-2', role: 'chair', candidates: [ktnv] }))
      .thenThrows('RUN_OFF_CANDIDATES', 'unprocessable', 'candidates');
    // a first round still needs its candidates
    year
      .given(yearStarted())
      .when(ey('OpenElection', chair, { electionId: 'bau-1', role: 'chair' }))
      .thenThrows('INVALID_LIST', 'unprocessable', 'candidates');
  });

  it('the run-off is closed by plurality and elects; a tied run-off records the tie and the next run-off', () => {
    const runOff = [
      ...noMajority,
      opened({ electionId: 'bau-2', round: 2, candidates: [ktnv, xnc], runOffOf: 'bau-1' }),
    ];
    const [closed] = year
      .given([...runOff, ballot(anm, ktnv, 'bau-2'), ballot(ktnv, ktnv, 'bau-2'), ballot(xnc, xnc, 'bau-2')])
      .when(ey('CloseElection', chair, { electionId: 'bau-2' }))
      .then(expect.any(Array));
    expect(closed).toMatchObject({
      type: 'ElectionClosed',
      data: { outcome: 'elected', electedUnitId: ktnv, rule: 'plurality', ballots: 3 },
    });
    const tied = year
      .given([
        ...runOff,
        ballot(anm, ktnv, 'bau-2'),
        ballot(ktnv, ktnv, 'bau-2'),
        ballot(xnc, xnc, 'bau-2'),
        ballot(canhVe, xnc, 'bau-2'),
      ])
      .when(ey('CloseElection', chair, { electionId: 'bau-2' }))
      .then(expect.any(Array));
    expect(tied).toHaveLength(1);
    expect(tied[0]).toMatchObject({
      type: 'ElectionClosed',
      data: { outcome: 'tie', rule: 'plurality', runOffCandidates: [ktnv, xnc] },
    });
    year
      .given([...runOff, ...tied])
      .when(ey('OpenElection', chair, { electionId: 'bau-3', role: 'chair' }))
      .then(
        dated([
          {
            type: 'ElectionOpened',
            data: {
              electionId: 'bau-3',
              role: 'chair',
              forYear: 2022,
              round: 3,
              candidates: [ktnv, xnc],
              runOffOf: 'bau-2',
            },
          },
        ]),
      );
  });
});

describe('elections: the secret ballot (bỏ phiếu kín)', () => {
  const secretOpened: EmulationYearEvent = {
    type: 'ElectionOpened',
    data: {
      electionId: 'kin-1',
      role: 'chair',
      forYear: 2022,
      round: 1,
      candidates: [ktnv, xnc],
      secret: true,
    },
  };
  const receipt = (voter: string): EmulationYearEvent => ({
    type: 'SecretBallotCast',
    data: { electionId: 'kin-1', voterUnitId: voter },
  });
  const cast = (voter: string, over: Record<string, unknown> = {}) =>
    ey('CastBallot', officerOf(voter), { electionId: 'kin-1', voterUnitId: voter, ...over });
  const close = (count?: unknown) =>
    ey('CloseElection', chair, {
      electionId: 'kin-1',
      ...(count !== undefined && { count: count as never }),
    });

  it('opens a secret round', () => {
    year
      .given(yearStarted())
      .when(
        ey('OpenElection', chair, {
          electionId: 'kin-1',
          role: 'chair',
          candidates: [ktnv, xnc],
          secret: true,
        }),
      )
      .then(dated([secretOpened]));
    year
      .given(yearStarted())
      .when(
        ey('OpenElection', chair, {
          electionId: 'kin-1',
          role: 'chair',
          candidates: [ktnv, xnc],
          secret: 'yes' as never,
        }),
      )
      .thenThrows('INVALID_SECRET', 'unprocessable', 'secret');
  });

  it('records a receipt per voter, never the choice; no second ballot', () => {
    year
      .given([...yearStarted(), secretOpened])
      .when(cast(ngoaiTuyen))
      .then(dated([receipt(ngoaiTuyen)]));
    year
      .given([...yearStarted(), secretOpened])
      .when(cast(ngoaiTuyen, { candidateUnitId: ktnv }))
      .thenThrows('SECRET_BALLOT_NAMES_NO_CANDIDATE', 'unprocessable', 'candidateUnitId');
    year
      .given([...yearStarted(), secretOpened, receipt(ngoaiTuyen)])
      .when(cast(ngoaiTuyen))
      .thenThrows('ALREADY_VOTED', 'conflict', 'voterUnitId');
    year
      .given([...yearStarted(), secretOpened])
      .when(ey('CastBallot', officerOf(xnc), { electionId: 'kin-1', voterUnitId: ngoaiTuyen }))
      .thenThrows('FORBIDDEN', 'forbidden');
  });

  const fourReceipts = [...yearStarted(), secretOpened, ...[anm, ktnv, ngoaiTuyen, xnc].map(receipt)];

  it('is closed with the counting committee’s count, which must add up to the receipts', () => {
    year
      .given(fourReceipts)
      .when(
        close({
          tally: [
            { unitId: ktnv, votes: 3 },
            { unitId: xnc, votes: 1 },
          ],
        }),
      )
      .then(
        dated([
          {
            type: 'ElectionClosed',
            data: {
              electionId: 'kin-1',
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
              invalid: 0,
              secret: true,
            },
          },
          { type: 'ChairElected', data: { electionId: 'kin-1', role: 'chair', year: 2022, unitId: ktnv } },
        ]),
      );
    // invalid ballots are ballots cast: 2 of 4 with one invalid is not a majority
    const [closed] = year
      .given(fourReceipts)
      .when(
        close({
          tally: [
            { unitId: ktnv, votes: 2 },
            { unitId: xnc, votes: 1 },
          ],
          invalid: 1,
        }),
      )
      .then(expect.any(Array));
    expect(closed).toMatchObject({
      data: { outcome: 'no-majority', invalid: 1, ballots: 4, runOffCandidates: [ktnv, xnc] },
    });
  });

  it('refuses a count that is missing, incomplete, repeated, foreign or does not add up', () => {
    const g = year.given(fourReceipts);
    g.when(close()).thenThrows('COUNT_REQUIRED', 'unprocessable', 'count');
    g.when(close({ tally: [{ unitId: ktnv, votes: 4 }] })).thenThrows(
      'TALLY_INCOMPLETE',
      'unprocessable',
      'count.tally',
    );
    g.when(
      close({
        tally: [
          { unitId: ktnv, votes: 2 },
          { unitId: ktnv, votes: 2 },
        ],
      }),
    ).thenThrows('DUPLICATE_CANDIDATE', 'unprocessable', 'count.tally');
    g.when(
      close({
        tally: [
          { unitId: canhVe, votes: 2 },
          { unitId: xnc, votes: 2 },
        ],
      }),
    ).thenThrows('NOT_A_CANDIDATE', 'unprocessable', 'count.tally[0].unitId');
    g.when(
      close({
        tally: [
          { unitId: ktnv, votes: -1 },
          { unitId: xnc, votes: 5 },
        ],
      }),
    ).thenThrows('INVALID_VOTES', 'unprocessable', 'count.tally[0].votes');
    g.when(
      close({
        tally: [
          { unitId: ktnv, votes: 3 },
          { unitId: xnc, votes: 2 },
        ],
      }),
    ).thenThrows('COUNT_MISMATCH', 'unprocessable', 'count');
    g.when(
      close({
        tally: [
          { unitId: ktnv, votes: 2 },
          { unitId: xnc, votes: 1 },
        ],
      }),
    ).thenThrows('COUNT_MISMATCH', 'unprocessable', 'count');
    // an open ballot is counted from the log: no count is given
    const openRound: EmulationYearEvent = {
      type: 'ElectionOpened',
      data: { electionId: 'kin-1', role: 'chair', forYear: 2022, round: 1, candidates: [ktnv, xnc] },
    };
    year
      .given([...yearStarted(), openRound])
      .when(close({ tally: [] }))
      .thenThrows('COUNT_NOT_APPLICABLE', 'unprocessable', 'count');
  });

  it('a run-off keeps the secrecy of the round it decides', () => {
    const [closed] = year
      .given(fourReceipts)
      .when(
        close({
          tally: [
            { unitId: ktnv, votes: 2 },
            { unitId: xnc, votes: 2 },
          ],
        }),
      )
      .then(expect.any(Array));
    const [next] = year
      .given([...fourReceipts, closed!])
      .when(ey('OpenElection', chair, { electionId: 'kin-2', role: 'chair' }))
      .then(expect.any(Array));
    expect(next).toMatchObject({ data: { secret: true, runOffOf: 'kin-1', candidates: [ktnv, xnc] } });
  });
});
