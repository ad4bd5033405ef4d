// The counting committee's count of a secret round: each refusal with its exact code and field, a
// candidate with no vote, a round of one candidate (issue 17: found by mutation testing). The main cases are
// in elections-run-off.unit.spec.ts.
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { chair, context, ey, UNITS, yearStarted } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const makeSpec = () => spec(emulationYearDecider, context);

describe('elections: the secret count', () => {
  let year: ReturnType<typeof makeSpec>;
  let opened: (candidates: string[]) => EmulationYearEvent[];
  let close: (count: unknown) => ReturnType<typeof ey<'CloseElection'>>;
  let ktnv: string;
  let xnc: string;

  beforeEach(() => {
    year = makeSpec();
    ktnv = UNITS.ktnv.id;
    xnc = UNITS.xnc.id;
    opened = (candidates) => [
      ...yearStarted(),
      {
        type: 'ElectionOpened',
        data: { electionId: 'kin-1', role: 'chair', forYear: 2022, round: 1, candidates, secret: true },
      },
      ...[UNITS.anm.id, ktnv, UNITS.ngoaiTuyen.id, xnc].map((voterUnitId): EmulationYearEvent => ({
        type: 'SecretBallotCast',
        data: { electionId: 'kin-1', voterUnitId },
      })),
    ];
    close = (count) => ey('CloseElection', chair, { electionId: 'kin-1', count: count as never });
  });

  it.each<[string, () => unknown, string, string]>([
    ['a count of null', () => null, 'COUNT_REQUIRED', 'count'],
    ['a count that is text', () => 'ktnv 4', 'COUNT_REQUIRED', 'count'],
    ['a tally that is no list', () => ({ tally: 'x' }), 'INVALID_LIST', 'count.tally'],
    ['a tally line of null', () => ({ tally: [null] }), 'INVALID_ID', 'count.tally[0].unitId'],
    [
      'votes that are not whole',
      () => ({
        tally: [
          { unitId: ktnv, votes: 1.5 },
          { unitId: xnc, votes: 2.5 },
        ],
      }),
      'INVALID_VOTES',
      'count.tally[0].votes',
    ],
    [
      'invalid ballots below 0',
      () => ({
        tally: [
          { unitId: ktnv, votes: 4 },
          { unitId: xnc, votes: 1 },
        ],
        invalid: -1,
      }),
      'INVALID_VOTES',
      'count.invalid',
    ],
    [
      'invalid ballots as text',
      () => ({
        tally: [
          { unitId: ktnv, votes: 4 },
          { unitId: xnc, votes: 0 },
        ],
        invalid: '0',
      }),
      'INVALID_VOTES',
      'count.invalid',
    ],
  ])('refuses %s', (_, count, code, field) => {
    year
      .given(opened([ktnv, xnc]))
      .when(close(count()))
      .thenThrows(code, 'unprocessable', field);
  });

  it('a candidate with no vote is counted as 0', () => {
    const [closed] = year
      .given(opened([ktnv, xnc]))
      .when(
        close({
          tally: [
            { unitId: xnc, votes: 0 },
            { unitId: ktnv, votes: 4 },
          ],
        }),
      )
      .then(expect.any(Array));
    expect(closed).toMatchObject({ data: { outcome: 'elected', electedUnitId: ktnv } });
  });

  it('a round of one candidate is counted from its one line', () => {
    const [closed] = year
      .given(opened([ktnv]))
      .when(close({ tally: [{ unitId: ktnv, votes: 3 }], invalid: 1 }))
      .then(expect.any(Array));
    expect(closed).toMatchObject({ data: { outcome: 'elected', electedUnitId: ktnv, invalid: 1 } });
  });

  it('a secret run-off of one candidate with only invalid ballots elects nobody: a tie, held again', () => {
    // Reachable: a first round of one candidate that missed the majority through invalid ballots has a
    // run-off between its leaders, that one candidate.
    const runOff = opened([ktnv]).map((e) =>
      e.type === 'ElectionOpened' ? { ...e, data: { ...e.data, round: 2, runOffOf: 'kin-0' } } : e,
    );
    const [closed, ...rest] = year
      .given(runOff)
      .when(close({ tally: [{ unitId: ktnv, votes: 0 }], invalid: 4 }))
      .then(expect.any(Array));
    expect(rest).toEqual([]);
    expect(closed).toMatchObject({
      type: 'ElectionClosed',
      data: { outcome: 'tie', rule: 'plurality', runOffCandidates: [ktnv], invalid: 4, ballots: 4 },
    });
    expect(closed!.data).not.toHaveProperty('electedUnitId');
    // One valid ballot of the four elects it.
    const [won] = year
      .given(runOff)
      .when(close({ tally: [{ unitId: ktnv, votes: 1 }], invalid: 3 }))
      .then(expect.any(Array));
    expect(won).toMatchObject({ data: { outcome: 'elected', electedUnitId: ktnv, rule: 'plurality' } });
  });
});
