import { spec } from '../testing/given-when-then.js';
import {
  chair,
  context,
  ey,
  MINISTRY_WINDOW_2021,
  officerOf,
  organizer,
  UNITS,
  yearStarted,
} from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const year = spec(emulationYearDecider, { ...context, window: MINISTRY_WINDOW_2021 });
const SHA = 'c'.repeat(64);
const hold = (over: object = {}, actor = chair) =>
  ey(
    'HoldConference',
    actor,
    {
      conferenceId: 'tong-ket-2021',
      kind: 'tổng kết',
      date: '2021-11-19',
      place: 'Hà Nội',
      presidingUnitId: UNITS.anm.id,
      minutes: { reference: 'Biên bản hội nghị tổng kết năm 2021', sha256: SHA },
      ...over,
    },
    '2021-11-19T10:00:00.000Z',
  );

describe('conferences (hội nghị) and the plan of a cluster-year', () => {
  it('records the year-end conference on its own date, presided by the chair unit, minutes by sha256', () => {
    year
      .given(yearStarted())
      .when(hold())
      .then([
        {
          type: 'ConferenceHeld',
          data: {
            conferenceId: 'tong-ket-2021',
            kind: 'tổng kết',
            date: '2021-11-19',
            place: 'Hà Nội',
            presidingUnitId: UNITS.anm.id,
            minutes: { reference: 'Biên bản hội nghị tổng kết năm 2021', sha256: SHA },
          },
        },
      ]);
    year
      .given(yearStarted())
      .when(hold({}, organizer))
      .then([expect.objectContaining({ type: 'ConferenceHeld' })]);
  });

  it('refuses another unit, a bad kind, a presiding unit outside the cluster, a bad digest, dates outside the window', () => {
    year
      .given(yearStarted())
      .when(hold({}, officerOf(UNITS.xnc.id)))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(yearStarted())
      .when(hold({ kind: 'đại hội' }))
      .thenThrows('INVALID_CONFERENCE_KIND', 'unprocessable', 'kind');
    year
      .given(yearStarted())
      .when(hold({ presidingUnitId: 'cuc-khac' }))
      .thenThrows('PRESIDING_NOT_IN_CLUSTER', 'unprocessable', 'presidingUnitId');
    year
      .given(yearStarted())
      .when(hold({ minutes: { reference: 'BB', sha256: 'xyz' } }))
      .thenThrows('INVALID_DIGEST', 'unprocessable', 'minutes.sha256');
    year
      .given(yearStarted())
      .when(hold({ date: '2021-11-20' }))
      .thenThrows('EFFECTIVE_DATE_AFTER_RECORDING', 'unprocessable', 'date');
    year
      .given(yearStarted())
      .when(hold({ date: '2020-11-30' }))
      .thenThrows('EFFECTIVE_DATE_OUTSIDE_WINDOW', 'unprocessable', 'date');
    year
      .given(yearStarted())
      .when(hold({ date: undefined }))
      .thenThrows('INVALID_DATE', 'unprocessable', 'date');
  });

  it('records the plan (kế hoạch) of the year', () => {
    year
      .given(yearStarted())
      .when(
        ey('IssuePlan', organizer, {
          planId: 'kh-2021',
          title: 'Kế hoạch triển khai phong trào thi đua năm 2021',
          reference: '12/KH-CTĐ',
        }),
      )
      .then([
        {
          type: 'PlanIssued',
          data: {
            planId: 'kh-2021',
            title: 'Kế hoạch triển khai phong trào thi đua năm 2021',
            reference: '12/KH-CTĐ',
            effectiveDate: '2021-11-19',
          },
        },
      ]);
  });
});
