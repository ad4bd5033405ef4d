import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { chair, context, ey, UNITS, yearStarted } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

// Every refusal of a conference or a plan (decide-conferences.ts) with its exact code and field.
const year = spec(emulationYearDecider, context);
const SHA = 'c'.repeat(64);
const hold = (over: object = {}) =>
  ey('HoldConference', chair, {
    conferenceId: 'giao-ban-q3',
    kind: 'giao ban',
    date: '2021-10-05',
    place: 'Hà Nội',
    presidingUnitId: UNITS.anm.id,
    minutes: { reference: 'Biên bản giao ban quý III', sha256: SHA },
    ...over,
  });
const plan = (over: object = {}) =>
  ey('IssuePlan', chair, {
    planId: 'kh-2021',
    title: 'Kế hoạch thi đua năm 2021',
    reference: '12/KH',
    ...over,
  });

describe('a conference', () => {
  it('may be presided over by the organizer unit itself', () => {
    year
      .given(yearStarted())
      .when(hold({ presidingUnitId: 'bo-cong-an' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ presidingUnitId: 'bo-cong-an' }) })]);
  });

  it('refuses ids that are not ids, and an id already used', () => {
    year
      .given(yearStarted())
      .when(hold({ conferenceId: 'Giao ban' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'conferenceId');
    year
      .given(yearStarted())
      .when(hold({ presidingUnitId: 'Cục A' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'presidingUnitId');
    const held: EmulationYearEvent[] = [
      ...yearStarted(),
      {
        type: 'ConferenceHeld',
        data: {
          conferenceId: 'giao-ban-q3',
          kind: 'giao ban',
          date: '2021-10-05',
          place: 'Hà Nội',
          presidingUnitId: UNITS.anm.id,
          minutes: { reference: 'BB', sha256: SHA },
        },
      },
    ];
    year.given(held).when(hold()).thenThrows('CONFERENCE_ID_TAKEN', 'conflict', 'conferenceId');
    year
      .given(held)
      .when(hold({ conferenceId: 'giao-ban-q4' }))
      .then([expect.objectContaining({ type: 'ConferenceHeld' })]);
  });

  it('needs a place and minutes with a reference', () => {
    year
      .given(yearStarted())
      .when(hold({ place: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'place');
    year
      .given(yearStarted())
      .when(hold({ minutes: undefined }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'minutes.reference');
    year
      .given(yearStarted())
      .when(hold({ minutes: { sha256: SHA } }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'minutes.reference');
  });

  it.each([
    ['missing', undefined],
    ['in capitals', 'C'.repeat(64)],
    ['one digit short', 'c'.repeat(63)],
    ['with a prefix', `x${SHA}`],
    ['with a suffix', `${SHA}x`],
    ['in a list', [SHA]],
  ])('refuses a minutes digest %s', (_what, sha256) => {
    year
      .given(yearStarted())
      .when(hold({ minutes: { reference: 'BB', sha256 } }))
      .thenThrows('INVALID_DIGEST', 'unprocessable', 'minutes.sha256');
  });
});

describe('the plan', () => {
  it('is issued by the chair unit too, once under an id', () => {
    year
      .given(yearStarted())
      .when(plan())
      .then([expect.objectContaining({ type: 'PlanIssued' })]);
    year
      .given([
        ...yearStarted(),
        { type: 'PlanIssued', data: { planId: 'kh-2021', title: 't', reference: 'r' } },
      ])
      .when(plan())
      .thenThrows('PLAN_ID_TAKEN', 'conflict', 'planId');
  });

  it('refuses an id that is not one, and an empty title or reference', () => {
    year
      .given(yearStarted())
      .when(plan({ planId: 'KH 2021' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'planId');
    year
      .given(yearStarted())
      .when(plan({ title: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'title');
    year
      .given(yearStarted())
      .when(plan({ reference: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'reference');
  });
});
