import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { context, ey, officerOf, q1Open, UNITS } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

// The chair's and vice-chair's rights (guards.ts isChair/isViceChair) belong to those units' officers only.
const year = spec(emulationYearDecider, context);
const withVice = (): EmulationYearEvent[] => [
  ...q1Open(),
  { type: 'ChairAssigned', data: { unitId: UNITS.ktnv.id, role: 'vice-chair', source: 'organizer' } },
];
const clusterScore = (unitId: string) => ({
  entryId: `e-${unitId}`,
  unitId,
  period: 'Q1' as const,
  criterion: 'chuyen-mon',
  points: 40,
  assessment: 'cluster' as const,
});

describe("the chair unit's cluster score", () => {
  it('is recorded by the vice-chair unit, not by another member', () => {
    year
      .given(withVice())
      .when(ey('RecordScore', officerOf(UNITS.xnc.id), clusterScore(UNITS.anm.id)))
      .thenThrows('FORBIDDEN', 'forbidden');
  });
});
