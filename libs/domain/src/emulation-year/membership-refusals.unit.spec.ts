import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { context, ey, officerOf, organizer, UNITS, yearStarted } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

// Refusals of admission, withdrawal and chair assignment (decide-membership.ts) with their exact field,
// and the election results a unit may take up.
const year = spec(emulationYearDecider, context);
const ktnv = UNITS.ktnv.id;
const xnc = UNITS.xnc.id;

describe('admitting and withdrawing a unit', () => {
  it('refuses a unit that is not an id, and a unit of no known status', () => {
    const admitCtx = { ...context, unitStatus: 'active' as const, reservedClusterId: 'bca-cum-2' };
    year
      .given([])
      .when(ey('AdmitUnit', organizer, { unitId: 'Cục X' }), admitCtx)
      .thenThrows('INVALID_ID', 'unprocessable', 'unitId');
    year
      .given([])
      .when(ey('AdmitUnit', organizer, { unitId: 'ca-ha-tinh' }), { ...admitCtx, unitStatus: undefined })
      .thenThrows('UNIT_NOT_FOUND', 'not-found', 'unitId');
    year
      .given(yearStarted())
      .when(ey('WithdrawUnit', organizer, { unitId: 'Cục X', reason: 'r' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'unitId');
  });
});

describe('assigning the chair and vice-chair', () => {
  it('refuses a unit that is not an id, a source that is neither organizer nor election', () => {
    year
      .given(yearStarted())
      .when(ey('AssignChair', organizer, { unitId: 'Cục X', role: 'chair', source: 'organizer' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'unitId');
    year
      .given(yearStarted())
      .when(ey('AssignChair', organizer, { unitId: ktnv, role: 'chair', source: 'bầu' as never }))
      .thenThrows('INVALID_SOURCE', 'unprocessable', 'source');
  });

  it('does not give the vice-chair seat to the chair unit', () => {
    // yearStarted(): Cục An ninh mạng… holds the chair seat.
    year
      .given(yearStarted())
      .when(ey('AssignChair', organizer, { unitId: UNITS.anm.id, role: 'vice-chair', source: 'organizer' }))
      .thenThrows('HOLDS_OTHER_ROLE', 'unprocessable', 'unitId');
  });

  it('does not give the chair seat to the vice-chair unit', () => {
    const withVice: EmulationYearEvent[] = [
      ...yearStarted(),
      { type: 'ChairAssigned', data: { unitId: ktnv, role: 'vice-chair', source: 'organizer' } },
    ];
    year
      .given(withVice)
      .when(ey('AssignChair', organizer, { unitId: ktnv, role: 'chair', source: 'organizer' }))
      .thenThrows('HOLDS_OTHER_ROLE', 'unprocessable', 'unitId');
  });

  describe('from last year’s election', () => {
    let elected: typeof context;
    beforeEach(() => {
      elected = {
        ...context,
        electedInPreviousYear: [
          { electionId: 'bau-2021-1', role: 'chair', unitId: xnc },
          { electionId: 'bau-2021-2', role: 'vice-chair', unitId: ktnv },
        ],
      };
    });
    const take = (role: 'chair' | 'vice-chair', unitId: string, electionId: string) =>
      ey('AssignChair', officerOf(unitId), { unitId, role, source: 'election', electionId });

    it('takes up the result of the election named, for its role and unit only', () => {
      year
        .given([])
        .when(take('vice-chair', ktnv, 'bau-2021-2'), elected)
        .then([
          expect.objectContaining({ data: expect.objectContaining({ unitId: ktnv, role: 'vice-chair' }) }),
        ]);
      year
        .given([])
        .when(take('chair', ktnv, 'bau-2021-2'), elected)
        .thenThrows('NOT_ELECTED', 'unprocessable', 'electionId');
      year
        .given([])
        .when(take('vice-chair', ktnv, 'bau-2021-1'), elected)
        .thenThrows('NOT_ELECTED', 'unprocessable', 'electionId');
      year
        .given([])
        .when(take('chair', ktnv, 'Bầu 1'), elected)
        .thenThrows('INVALID_ID', 'unprocessable', 'electionId');
    });

    it('refuses a unit elected vice-chair while it holds the chair seat', () => {
      const chairHeld: EmulationYearEvent[] = [
        { type: 'UnitAdmitted', data: { unitId: ktnv } },
        { type: 'ChairAssigned', data: { unitId: ktnv, role: 'chair', source: 'organizer' } },
      ];
      year
        .given(chairHeld)
        .when(take('vice-chair', ktnv, 'bau-2021-2'), elected)
        .thenThrows('HOLDS_OTHER_ROLE', 'unprocessable', 'unitId');
    });
  });
});
