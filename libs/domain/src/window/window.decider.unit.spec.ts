import type { WindowEvent } from '../events/window.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin, AT, officerOf, organizer, otherOrganizer } from '../testing/fixtures.js';
import type { WindowCommand } from './window.commands.js';
import { windowDecider } from './window.decider.js';

const windows = spec(windowDecider, { organizerStatus: 'active' });
const set = (data: Partial<WindowCommand['data']> = {}, actor = organizer): WindowCommand => ({
  type: 'SetEmulationWindow',
  actor,
  at: AT,
  data: {
    organizerUnitId: 'bo-cong-an',
    year: 2021,
    opensOn: '2020-12-01',
    closesOn: '2021-11-30',
    reviewsFrom: { Y: '2021-11-15' },
    ...data,
  },
});
const recorded: WindowEvent = {
  type: 'EmulationWindowSet',
  data: {
    organizerUnitId: 'bo-cong-an',
    year: 2021,
    opensOn: '2020-12-01',
    closesOn: '2021-11-30',
    reviewsFrom: { Y: '2021-11-15' },
    effectiveDate: '2021-11-19',
  },
};

describe("an organizer's emulation window (a recorded policy)", () => {
  it('the organizer or an administrator records it; nobody else', () => {
    windows.given([]).when(set()).then([recorded]);
    windows.given([]).when(set({}, admin)).then([recorded]);
    for (const actor of [otherOrganizer, officerOf('bo-cong-an')])
      windows.given([]).when(set({}, actor)).thenThrows('FORBIDDEN', 'forbidden');
    windows
      .given([])
      .when(set(), { organizerStatus: 'dissolved' })
      .thenThrows('ORGANIZER_NOT_ACTIVE', 'unprocessable', 'organizerUnitId');
  });

  it('spans the year: opens in the year before or the year, closes in the year or the year after, in order', () => {
    windows
      .given([])
      .when(set({ opensOn: '2019-12-31' }))
      .thenThrows('WINDOW_NOT_IN_YEAR', 'unprocessable', 'opensOn');
    windows
      .given([])
      .when(set({ opensOn: '2020-01-01' }))
      .then([expect.objectContaining({ type: 'EmulationWindowSet' })]);
    windows
      .given([])
      .when(set({ closesOn: '2020-12-31' }))
      .thenThrows('WINDOW_NOT_IN_YEAR', 'unprocessable', 'closesOn');
    windows
      .given([])
      .when(set({ closesOn: '2022-12-31' }))
      .then([expect.objectContaining({ type: 'EmulationWindowSet' })]);
    windows
      .given([])
      .when(set({ opensOn: '2021-06-01', closesOn: '2021-05-31', reviewsFrom: {} }))
      .thenThrows('WINDOW_INVERTED', 'unprocessable', 'closesOn');
  });

  it('keeps reviewsFrom dates inside the window, keyed by period', () => {
    windows
      .given([])
      .when(set({ reviewsFrom: { Y: '2021-12-01' } }))
      .thenThrows('REVIEW_DATE_OUTSIDE_WINDOW', 'unprocessable', 'reviewsFrom.Y');
    windows
      .given([])
      .when(set({ reviewsFrom: { Q5: '2021-11-01' } as never }))
      .thenThrows('INVALID_PERIOD', 'unprocessable', 'reviewsFrom.Q5');
  });

  it('replaces a window only with a reason', () => {
    windows
      .given([recorded])
      .when(set({ closesOn: '2021-12-15' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    windows
      .given([recorded])
      .when(set({ closesOn: '2021-12-15', reason: 'Bộ điều chỉnh thời điểm chốt số liệu' }))
      .then([
        {
          type: 'EmulationWindowSet',
          data: { ...recorded.data, closesOn: '2021-12-15', reason: 'Bộ điều chỉnh thời điểm chốt số liệu' },
        },
      ]);
  });
});
