import type { WindowEvent } from '../events/window.events.js';
import { spec } from '../testing/given-when-then.js';
import { AT, organizer } from '../testing/fixtures.js';
import type { WindowCommand } from './window.commands.js';
import { windowDecider } from './window.decider.js';

// Each bound of a window (the years it may span, its order, its review dates) probed on both sides, and
// each refusal with its exact code and field (window.decider.ts).
const windows = spec(windowDecider, { organizerStatus: 'active' });
const set = (data: object = {}): WindowCommand => ({
  type: 'SetEmulationWindow',
  actor: organizer,
  at: AT,
  data: {
    organizerUnitId: 'bo-cong-an',
    year: 2021,
    opensOn: '2020-12-01',
    closesOn: '2021-11-30',
    reviewsFrom: {},
    ...data,
  } as WindowCommand['data'],
});
const accepted = [expect.objectContaining({ type: 'EmulationWindowSet' })];

describe('the bounds of an emulation window', () => {
  it('opens on 31/12 of its year at the latest', () => {
    windows
      .given([])
      .when(set({ opensOn: '2021-12-31', closesOn: '2021-12-31' }))
      .then(accepted);
    windows
      .given([])
      .when(set({ opensOn: '2022-01-01', closesOn: '2022-01-01' }))
      .thenThrows('WINDOW_NOT_IN_YEAR', 'unprocessable', 'opensOn');
  });

  it('closes on 1/1 of its year at the earliest and 31/12 of the next year at the latest', () => {
    windows
      .given([])
      .when(set({ closesOn: '2021-01-01' }))
      .then(accepted);
    windows
      .given([])
      .when(set({ closesOn: '2023-01-01' }))
      .thenThrows('WINDOW_NOT_IN_YEAR', 'unprocessable', 'closesOn');
  });

  it('may open and close on the same day, not close before it opens', () => {
    windows
      .given([])
      .when(set({ opensOn: '2021-06-01', closesOn: '2021-06-01' }))
      .then(accepted);
    windows
      .given([])
      .when(set({ opensOn: '2021-06-02', closesOn: '2021-06-01' }))
      .thenThrows('WINDOW_INVERTED', 'unprocessable', 'closesOn');
  });

  it('refuses an organizer, dates or a year that are not ones', () => {
    windows
      .given([])
      .when(set({ organizerUnitId: 'Bộ Công an' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'organizerUnitId');
    windows
      .given([])
      .when(set({ opensOn: '1/12/2020' }))
      .thenThrows('INVALID_DATE', 'unprocessable', 'opensOn');
    windows
      .given([])
      .when(set({ closesOn: '2021-11-31' }))
      .thenThrows('INVALID_DATE', 'unprocessable', 'closesOn');
  });
});

describe('review dates (reviewsFrom)', () => {
  it('may fall on the day the window opens or closes, not outside it', () => {
    windows
      .given([])
      .when(set({ reviewsFrom: { Q1: '2020-12-01', Y: '2021-11-30' } }))
      .then([
        {
          type: 'EmulationWindowSet',
          data: {
            organizerUnitId: 'bo-cong-an',
            year: 2021,
            opensOn: '2020-12-01',
            closesOn: '2021-11-30',
            reviewsFrom: { Q1: '2020-12-01', Y: '2021-11-30' },
            effectiveDate: '2021-11-19',
          },
        },
      ]);
    windows
      .given([])
      .when(set({ reviewsFrom: { Q1: '2020-11-30' } }))
      .thenThrows('REVIEW_DATE_OUTSIDE_WINDOW', 'unprocessable', 'reviewsFrom.Q1');
    windows
      .given([])
      .when(set({ reviewsFrom: { Y: '2021-12-01' } }))
      .thenThrows('REVIEW_DATE_OUTSIDE_WINDOW', 'unprocessable', 'reviewsFrom.Y');
    windows
      .given([])
      .when(set({ reviewsFrom: { Y: '15/11/2021' } }))
      .thenThrows('INVALID_DATE', 'unprocessable', 'reviewsFrom.Y');
  });

  it('are checked in period order, whatever order they are given in', () => {
    windows
      .given([])
      .when(set({ reviewsFrom: { Y: '2021-12-01', Q4: '2021-12-01' } }))
      .thenThrows('REVIEW_DATE_OUTSIDE_WINDOW', 'unprocessable', 'reviewsFrom.Q4');
  });

  it('map periods to dates: none (or null) is an empty map; a list or a text is refused', () => {
    windows
      .given([])
      .when(set({ reviewsFrom: null }))
      .then([expect.objectContaining({ data: expect.objectContaining({ reviewsFrom: {} }) })]);
    windows
      .given([])
      .when(set({ reviewsFrom: undefined }))
      .then([expect.objectContaining({ data: expect.objectContaining({ reviewsFrom: {} }) })]);
    for (const reviewsFrom of [['2021-11-15'], 'Y:2021-11-15', 7])
      windows
        .given([])
        .when(set({ reviewsFrom }))
        .thenThrows('INVALID_REVIEWS_FROM', 'unprocessable', 'reviewsFrom');
  });
});

describe('the window kept', () => {
  it('is the last one set: its dates and review dates', () => {
    const setTo = (closesOn: string): WindowEvent => ({
      type: 'EmulationWindowSet',
      data: {
        organizerUnitId: 'bo-cong-an',
        year: 2021,
        opensOn: '2020-12-01',
        closesOn,
        reviewsFrom: { Y: '2021-11-15' },
        effectiveDate: '2021-01-05',
      },
    });
    expect(windows.given([setTo('2021-11-30'), setTo('2021-12-15')]).state).toStrictEqual({
      window: { opensOn: '2020-12-01', closesOn: '2021-12-15', reviewsFrom: { Y: '2021-11-15' } },
    });
  });

  it('the first one may give a reason, which must then be text', () => {
    windows
      .given([])
      .when(set({ reason: 'Theo Kế hoạch 12/KH' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ reason: 'Theo Kế hoạch 12/KH' }) })]);
    windows
      .given([])
      .when(set({ reason: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'reason');
  });
});
