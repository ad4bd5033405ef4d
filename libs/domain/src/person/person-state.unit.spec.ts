// The person's fold (person.state.ts), which every title check reads: the exact record after each event
// (issue 17: found by mutation testing).
import type { PersonEvent } from '../events/person.events.js';
import { personRegistered, priorTitle, SEALED, titleRegistered } from '../testing/people.js';
import { evolvePerson, initialPersonState } from './person.state.js';

describe('the person fold', () => {
  let fold: (events: PersonEvent[]) => ReturnType<typeof evolvePerson>;
  let claimed: (awardId: string, achievementRef?: string) => PersonEvent;

  beforeEach(() => {
    fold = (events) => events.reduce(evolvePerson, initialPersonState);
    claimed = (awardId, achievementRef) => ({
      type: 'TitleClaimed',
      data: {
        personId: 'cb-1',
        awardId,
        decisionId: 'qd-1',
        code: 'giay-khen',
        year: 2023,
        ...(achievementRef !== undefined && { achievementRef }),
        basis: [],
      },
    });
  });

  it('keeps registrations by year and title, with the organizer and the day (empty when not dated)', () => {
    const undated: PersonEvent = {
      type: 'TitleRegistered',
      data: { personId: 'cb-1', year: 2023, code: 'chien-si-tien-tien', organizerUnitId: 'cuc-x' },
    };
    expect(
      fold([personRegistered('cb-1', 'u-1'), titleRegistered('cb-1', 2022, 'chien-si-tien-tien'), undated]),
    ).toStrictEqual({
      status: 'active',
      unitId: 'u-1',
      registeredOn: '2019-01-02',
      registrations: {
        '2022:chien-si-tien-tien': { organizerUnitId: 'bo-cong-an', on: '2022-02-01' },
        '2023:chien-si-tien-tien': { organizerUnitId: 'cuc-x', on: '' },
      },
      titles: [],
    });
  });

  it('a person registered without a date has no registration day', () => {
    const state = fold([
      { type: 'PersonRegistered', data: { personId: 'cb-1', unitId: 'u-1', personal: SEALED } },
    ]);
    expect(state).toStrictEqual({ status: 'active', unitId: 'u-1', registrations: {}, titles: [] });
  });

  it('holds prior and claimed titles as recorded, and a release drops only that award’s title', () => {
    const state = fold([
      personRegistered('cb-1', 'u-1'),
      priorTitle('cb-1', 'chien-si-thi-dua-co-so', 2021),
      claimed('qd-1-1', 'bc-77'),
      claimed('qd-1-2'),
    ]);
    expect(state.titles).toStrictEqual([
      { code: 'chien-si-thi-dua-co-so', year: 2021, awardId: null, basis: [] },
      { code: 'giay-khen', year: 2023, awardId: 'qd-1-1', achievementRef: 'bc-77', basis: [] },
      { code: 'giay-khen', year: 2023, awardId: 'qd-1-2', basis: [] },
    ]);
    const released = evolvePerson(state, {
      type: 'TitleClaimReleased',
      data: { personId: 'cb-1', awardId: 'qd-1-1', cause: 'revoked' },
    });
    expect(released.titles.map((t) => t.awardId)).toEqual([null, 'qd-1-2']);
  });
});
