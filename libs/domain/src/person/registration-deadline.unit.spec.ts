import type { RegistrationEvent } from '../events/person.events.js';
import { spec } from '../testing/given-when-then.js';
import { organizer } from '../testing/fixtures.js';
import {
  registrationDeadlineDecider,
  type SetRegistrationDeadline,
} from './registration-deadline.decider.js';

// The registration deadline (registration-deadline.decider.ts): each refusal with its code and field, the
// year probed on both sides, the reason of a replacement, and the deadline kept.
const AT = '2024-03-01T02:00:00.000Z';
const deadlines = spec(registrationDeadlineDecider);
const set = (data: object): SetRegistrationDeadline =>
  ({
    type: 'SetRegistrationDeadline',
    actor: organizer,
    at: AT,
    data: {
      organizerUnitId: 'bo-cong-an',
      year: 2024,
      deadline: '2024-03-25',
      effectiveDate: '2024-01-10',
      ...data,
    },
  }) as SetRegistrationDeadline;
const setTo = (deadline: string): RegistrationEvent => ({
  type: 'RegistrationDeadlineSet',
  data: { organizerUnitId: 'bo-cong-an', year: 2024, deadline, effectiveDate: '2024-01-10' },
});

describe('the registration deadline of a year', () => {
  it('falls inside its year: 1/1 and 31/12 are, the days around them are not', () => {
    for (const deadline of ['2024-01-01', '2024-12-31'])
      deadlines
        .given([])
        .when(set({ deadline }))
        .then([expect.objectContaining({ data: expect.objectContaining({ deadline }) })]);
    for (const deadline of ['2023-12-31', '2025-01-01'])
      deadlines
        .given([])
        .when(set({ deadline }))
        .thenThrows('DEADLINE_OUTSIDE_YEAR', 'unprocessable', 'deadline');
  });

  it('refuses an organizer that is not an id and a deadline that is not a date', () => {
    deadlines
      .given([])
      .when(set({ organizerUnitId: 'Bộ Công an' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'organizerUnitId');
    deadlines
      .given([])
      .when(set({ deadline: '25/3/2024' }))
      .thenThrows('INVALID_DATE', 'unprocessable', 'deadline');
  });

  it('a replacement carries its reason', () => {
    deadlines
      .given([setTo('2024-03-25')])
      .when(set({ deadline: '2024-03-31', reason: 'Lùi hạn theo chỉ đạo' }))
      .then([
        {
          type: 'RegistrationDeadlineSet',
          data: {
            organizerUnitId: 'bo-cong-an',
            year: 2024,
            deadline: '2024-03-31',
            reason: 'Lùi hạn theo chỉ đạo',
            effectiveDate: '2024-01-10',
          },
        },
      ]);
  });

  it('the last one set is the deadline', () => {
    expect(deadlines.given([setTo('2024-03-25'), setTo('2024-03-31')]).state).toStrictEqual({
      deadline: '2024-03-31',
    });
  });
});
