import { spec } from '../testing/given-when-then.js';
import { context, ey, officerOf, organizer, UNITS, yearStarted } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

// The bounds of a pledge and of the cluster's pledge rules (decide-pledge.ts), each probed on both
// sides, and each refusal with its exact code and field.
const year = spec(emulationYearDecider, context);
const unitId = UNITS.ktnv.id;
const sign = (over: object) => ey('SignPledge', officerOf(unitId), { unitId, ...over } as never);
const rules = (keyTasks: unknown, titleRequired: unknown = false) =>
  ey('SetPledgeRules', organizer, { keyTasks, titleRequired } as never);

describe('a pledge', () => {
  it('may list no titles, targets or key tasks when the rules ask for none', () => {
    year
      .given(yearStarted())
      .when(sign({}))
      .then([
        {
          type: 'PledgeSigned',
          data: { unitId, version: 1, titles: [], targets: [], keyTasks: [], effectiveDate: '2021-11-19' },
        },
      ]);
  });

  it('refuses lists that are not lists, or too long: 10 titles, 200 targets, 20 key tasks at most', () => {
    for (const field of ['titles', 'targets', 'keyTasks'])
      year
        .given(yearStarted())
        .when(sign({ [field]: 'một' }))
        .thenThrows('INVALID_LIST', 'unprocessable', field);
    const n = (count: number, item: (i: number) => unknown) =>
      Array.from({ length: count }, (_, i) => item(i));
    year
      .given(yearStarted())
      .when(sign({ titles: n(11, () => 'co-thi-dua-bo-cong-an') }))
      .thenThrows('LIST_TOO_LONG', 'unprocessable', 'titles');
    year
      .given(yearStarted())
      .when(sign({ targets: n(201, (i) => ({ text: `Chỉ tiêu ${i}` })) }))
      .thenThrows('LIST_TOO_LONG', 'unprocessable', 'targets');
    year
      .given(yearStarted())
      .when(sign({ keyTasks: n(21, (i) => `Nhiệm vụ ${i}`) }))
      .thenThrows('LIST_TOO_LONG', 'unprocessable', 'keyTasks');
    year
      .given(yearStarted())
      .when(sign({ keyTasks: n(20, (i) => `Nhiệm vụ ${i}`) }))
      .then([expect.objectContaining({ type: 'PledgeSigned' })]);
  });

  it('names each bad item by its place in the list', () => {
    year
      .given(yearStarted())
      .when(sign({ keyTasks: ['Nhiệm vụ 1', ''] }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'keyTasks[1]');
    year
      .given(yearStarted())
      .when(sign({ targets: [{ text: 'Chỉ tiêu 1' }, null] }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'targets[1].text');
    year
      .given(yearStarted())
      .when(sign({ titles: ['co-thi-dua-bo-cong-an', 7] }))
      .thenThrows('UNKNOWN_TITLE', 'unprocessable', 'titles[1]');
  });

  it('is signed and amended for a unit named by an id', () => {
    year
      .given(yearStarted())
      .when(sign({ unitId: 'Cục KTNV' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'unitId');
    year
      .given(yearStarted())
      .when(ey('AmendPledge', officerOf(unitId), { unitId: 'Cục KTNV', reason: 'r' } as never))
      .thenThrows('INVALID_ID', 'unprocessable', 'unitId');
  });
});

describe("the cluster's pledge rules", () => {
  it('ask for 1 to 20 key tasks (whole), or any number (null)', () => {
    for (const keyTasks of [1, 20, null])
      year
        .given(yearStarted())
        .when(rules(keyTasks))
        .then([
          { type: 'PledgeRulesSet', data: { keyTasks, titleRequired: false, effectiveDate: '2021-11-19' } },
        ]);
    for (const keyTasks of [0, 21, 2.5, '3'])
      year
        .given(yearStarted())
        .when(rules(keyTasks))
        .thenThrows('INVALID_PLEDGE_RULES', 'unprocessable', 'keyTasks');
  });

  it('say whether a title is required: true or false, nothing else', () => {
    for (const titleRequired of ['có', 1, null])
      year
        .given(yearStarted())
        .when(rules(3, titleRequired))
        .thenThrows('INVALID_PLEDGE_RULES', 'unprocessable', 'titleRequired');
  });
});
