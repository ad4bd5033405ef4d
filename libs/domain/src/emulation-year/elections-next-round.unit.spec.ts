// Which round a new election continues: a run-off only after a closed round of the same role that left
// run-off candidates (issue 17: found by mutation testing). Main cases: elections-run-off.unit.spec.ts.
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { chair, context, ey, UNITS, yearStarted } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const makeSpec = () => spec(emulationYearDecider, context);

describe('elections: the next round', () => {
  let year: ReturnType<typeof makeSpec>;
  let u: { anm: string; ktnv: string; nt: string; xnc: string; cv: string };
  let opened: (role: string, candidates: string[]) => EmulationYearEvent;
  let ballot: (voter: string, candidate: string) => EmulationYearEvent;
  let closedAfter: (events: EmulationYearEvent[]) => EmulationYearEvent[];

  beforeEach(() => {
    year = makeSpec();
    u = {
      anm: UNITS.anm.id,
      ktnv: UNITS.ktnv.id,
      nt: UNITS.ngoaiTuyen.id,
      xnc: UNITS.xnc.id,
      cv: UNITS.canhVe.id,
    };
    opened = (role, candidates) => ({
      type: 'ElectionOpened',
      data: { electionId: 'bau-1', role: role as 'chair', forYear: 2022, round: 1, candidates },
    });
    ballot = (voter, candidate) => ({
      type: 'BallotCast',
      data: { electionId: 'bau-1', voterUnitId: voter, candidateUnitId: candidate },
    });
    closedAfter = (events) => [
      ...events,
      ...year
        .given(events)
        .when(ey('CloseElection', chair, { electionId: 'bau-1' }))
        .then(expect.any(Array)),
    ];
  });

  it('after a first round without a quorum (no run-off candidates), a new round takes its own candidates', () => {
    const noQuorum = closedAfter([...yearStarted(), opened('chair', [u.ktnv, u.xnc]), ballot(u.anm, u.ktnv)]);
    expect(noQuorum.at(-1)).toMatchObject({ data: { outcome: 'no-quorum' } });
    expect(noQuorum.at(-1)!.data).not.toHaveProperty('runOffCandidates');
    const [next] = year
      .given(noQuorum)
      .when(ey('OpenElection', chair, { electionId: 'bau-2', role: 'chair', candidates: [u.ktnv, u.cv] }))
      .then(expect.any(Array));
    expect(next!.data).toEqual(
      expect.objectContaining({ electionId: 'bau-2', round: 2, candidates: [u.ktnv, u.cv] }),
    );
    expect(next!.data).not.toHaveProperty('runOffOf');
  });

  it('the candidates given for a pending run-off are checked like any list, with the field named', () => {
    const noMajority = closedAfter([
      ...yearStarted(),
      opened('chair', [u.ktnv, u.xnc, u.cv]),
      ballot(u.anm, u.ktnv),
      ballot(u.ktnv, u.ktnv),
      ballot(u.nt, u.xnc),
      ballot(u.xnc, u.xnc),
      ballot(u.cv, u.cv),
    ]);
    const open = (candidates: unknown) =>
      ey('OpenElection', chair, { electionId: 'bau-2', role: 'chair', candidates: candidates as string[] });
    const g = year.given(noMajority);
    g.when(open([])).thenThrows('LIST_TOO_SHORT', 'unprocessable', 'candidates');
    g.when(open([u.ktnv, 'X'])).thenThrows('INVALID_ID', 'unprocessable', 'candidates[1]');
    g.when(open([u.ktnv, u.cv])).thenThrows('RUN_OFF_CANDIDATES', 'unprocessable', 'candidates');
    g.when(open([u.xnc, u.ktnv])).then(expect.any(Array));
  });

  it('a run-off pending for the chair does not bind an election of the vice-chair', () => {
    const noMajority = closedAfter([
      ...yearStarted(),
      opened('chair', [u.ktnv, u.xnc, u.cv]),
      ballot(u.anm, u.ktnv),
      ballot(u.ktnv, u.ktnv),
      ballot(u.nt, u.xnc),
      ballot(u.xnc, u.xnc),
      ballot(u.cv, u.cv),
    ]);
    expect(noMajority.at(-1)).toMatchObject({
      data: { outcome: 'no-majority', runOffCandidates: [u.ktnv, u.xnc] },
    });
    const [vice] = year
      .given(noMajority)
      .when(ey('OpenElection', chair, { electionId: 'bau-2', role: 'vice-chair', candidates: [u.anm, u.nt] }))
      .then(expect.any(Array));
    expect(vice!.data).toEqual(
      expect.objectContaining({ role: 'vice-chair', round: 1, candidates: [u.anm, u.nt] }),
    );
    expect(vice!.data).not.toHaveProperty('runOffOf');
  });
});
