import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { context, ey, organizer, q1Open, UNITS } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

// Every refusal of a cross-inspection assignment (decide-inspections.ts), with its exact code and field.
const year = spec(emulationYearDecider, context);
const xnc = UNITS.xnc.id;
const ktnv = UNITS.ktnv.id;
const assign = (over: object = {}) =>
  ey('AssignInspection', organizer, { period: 'Q1', inspectedUnitId: xnc, inspectorUnitId: ktnv, ...over });
const assigned = (): EmulationYearEvent[] => [
  ...q1Open(),
  { type: 'InspectionAssigned', data: { period: 'Q1', inspectedUnitId: xnc, inspectorUnitId: ktnv } },
];

describe('assigning a cross-inspection', () => {
  it('may be done before its period opens, with a reason kept when given', () => {
    year
      .given(q1Open())
      .when(assign({ period: 'Q3', reason: 'Theo kế hoạch kiểm tra chéo' }))
      .then([
        {
          type: 'InspectionAssigned',
          data: {
            period: 'Q3',
            inspectedUnitId: xnc,
            inspectorUnitId: ktnv,
            reason: 'Theo kế hoạch kiểm tra chéo',
            effectiveDate: '2021-11-19',
          },
        },
      ]);
    year
      .given(q1Open())
      .when(assign({ reason: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'reason');
  });

  it('refuses units that are not ids, an inspected unit that is not a member', () => {
    year
      .given(q1Open())
      .when(assign({ inspectedUnitId: 'Cục X' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'inspectedUnitId');
    year
      .given(q1Open())
      .when(assign({ inspectorUnitId: 'Cục Y' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'inspectorUnitId');
    year
      .given(q1Open())
      .when(assign({ inspectedUnitId: 'cuc-khac' }))
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'inspectedUnitId');
  });

  it('refuses the assignment already in force (a conflict about no one field)', () => {
    year
      .given(assigned())
      .when(assign({ reason: 'Lặp lại' }))
      .thenThrows('ALREADY_ASSIGNED', 'conflict');
  });
});
