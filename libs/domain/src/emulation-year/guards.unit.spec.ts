// The chair's and vice-chair's seats as guards.ts reads them: held by a member unit, acting through its own
// officer (issue 17: found by mutation testing). The decider never lets a non-member take a seat and a
// withdrawal clears it, so a seat recorded for a unit that is not a member (folded here from such a log)
// is probed on the guard itself: it gives no rights.
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { officerOf, organizer, UNITS } from '../testing/fixtures.js';
import { isChair, isViceChair } from './guards.js';
import { evolveEmulationYear, initialEmulationYearState } from './emulation-year.state.js';

describe('guards: the chair and vice-chair seats', () => {
  let fold: (events: EmulationYearEvent[]) => ReturnType<typeof evolveEmulationYear>;
  let admitted: (unitId: string) => EmulationYearEvent;
  let seat: (unitId: string, role: 'chair' | 'vice-chair') => EmulationYearEvent;
  let anm: string;
  let ktnv: string;

  beforeEach(() => {
    fold = (events) => events.reduce(evolveEmulationYear, initialEmulationYearState);
    admitted = (unitId) => ({ type: 'UnitAdmitted', data: { unitId, effectiveDate: '2022-01-05' } });
    seat = (unitId, role) => ({ type: 'ChairAssigned', data: { unitId, role, source: 'organizer' } });
    anm = UNITS.anm.id;
    ktnv = UNITS.ktnv.id;
  });

  it('a member holding the seat acts through its own officer only', () => {
    const state = fold([admitted(anm), admitted(ktnv), seat(anm, 'chair'), seat(ktnv, 'vice-chair')]);
    expect([isChair(officerOf(anm), state), isViceChair(officerOf(ktnv), state)]).toEqual([true, true]);
    expect([isChair(officerOf(ktnv), state), isViceChair(officerOf(anm), state)]).toEqual([false, false]);
    expect([isChair(organizer, state), isViceChair(organizer, state)]).toEqual([false, false]);
  });

  it('no seat, no rights', () => {
    const state = fold([admitted(anm)]);
    expect([isChair(officerOf(anm), state), isViceChair(officerOf(anm), state)]).toEqual([false, false]);
  });

  it('a seat recorded for a unit that is not a member gives its officer no rights', () => {
    const state = fold([admitted(ktnv), seat(anm, 'chair'), seat(anm, 'vice-chair')]);
    expect(state).toMatchObject({ chair: anm, viceChair: anm });
    expect([isChair(officerOf(anm), state), isViceChair(officerOf(anm), state)]).toEqual([false, false]);
  });
});
