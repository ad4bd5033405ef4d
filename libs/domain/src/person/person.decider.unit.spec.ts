import type { PersonEvent } from '../events/person.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin, officerOf, organizer, viewer } from '../testing/fixtures.js';
import { personRegistered, priorTitle, SEALED, titleRegistered } from '../testing/people.js';
import type { PersonCommand, PersonContext } from './person.commands.js';
import { personDecider } from './person.decider.js';
import {
  registrationDeadlineDecider,
  type SetRegistrationDeadline,
} from './registration-deadline.decider.js';

const AT = '2024-03-01T02:00:00.000Z';
const UNIT = 'cuc-tccb-phong-01';
const people = spec<PersonCommand, ReturnType<typeof personDecider.evolve>, PersonEvent, PersonContext>(
  personDecider,
  { unitStatus: 'active' },
);
const cmd = (type: PersonCommand['type'], data: object, actor = organizer): PersonCommand =>
  ({ type, actor, at: AT, data: { personId: 'cb-001', ...data } }) as PersonCommand;
const registered = personRegistered('cb-001', UNIT, '2019-01-02');
const CSTDCS = 'chien-si-thi-dua-co-so';
const CSTDTLL = 'chien-si-thi-dua-toan-luc-luong-cand';
const CSTDTQ = 'chien-si-thi-dua-toan-quoc';
const claim = (code: string, year: number, awardId = 'qd-9-1', achievementRef?: string) =>
  cmd('ClaimTitles', {
    decisionId: 'qd-9',
    claims: [{ awardId, code, year, field: 'awards[0]', ...(achievementRef && { achievementRef }) }],
  });

describe('the person registry (cá nhân)', () => {
  it('registers a person in an active unit with sealed personal fields; once', () => {
    people
      .given([])
      .when(cmd('RegisterPerson', { unitId: UNIT, personal: SEALED, effectiveDate: '2019-01-02' }))
      .then([registered]);
    people
      .given([])
      .when(cmd('RegisterPerson', { unitId: UNIT, personal: SEALED }, officerOf(UNIT)))
      .then([expect.objectContaining({ type: 'PersonRegistered' })]);
    people
      .given([registered])
      .when(cmd('RegisterPerson', { unitId: UNIT, personal: SEALED }))
      .thenThrows('PERSON_ALREADY_REGISTERED', 'conflict', 'personId');
    people
      .given([])
      .when(cmd('RegisterPerson', { unitId: UNIT, personal: SEALED }), { unitStatus: 'none' })
      .thenThrows('UNIT_NOT_FOUND', 'not-found', 'unitId');
    people
      .given([])
      .when(cmd('RegisterPerson', { unitId: UNIT, personal: { ...SEALED, iv: 'not base64!' } }))
      .thenThrows('INVALID_SEALED_DATA', 'unprocessable', 'personal');
    for (const actor of [viewer, officerOf('cuc-khac')])
      people
        .given([])
        .when(cmd('RegisterPerson', { unitId: UNIT, personal: SEALED }, actor))
        .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('transfers a person to another active unit; the state follows', () => {
    const moved = people
      .given([registered])
      .when(cmd('TransferPerson', { toUnitId: 'cuc-tccb-phong-02', effectiveDate: '2022-06-01' }))
      .then([
        {
          type: 'PersonTransferred',
          data: {
            personId: 'cb-001',
            fromUnitId: UNIT,
            toUnitId: 'cuc-tccb-phong-02',
            effectiveDate: '2022-06-01',
          },
        },
      ]);
    expect(people.given([registered, ...moved]).state.unitId).toBe('cuc-tccb-phong-02');
    people
      .given([registered])
      .when(cmd('TransferPerson', { toUnitId: UNIT }))
      .thenThrows('SAME_UNIT', 'unprocessable', 'toUnitId');
    people
      .given([])
      .when(cmd('TransferPerson', { toUnitId: UNIT }))
      .thenThrows('PERSON_NOT_FOUND', 'not-found', 'personId');
    people
      .given([registered])
      .when(cmd('TransferPerson', { toUnitId: 'x', effectiveDate: '2018-01-01' }))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
    people
      .given([registered])
      .when(cmd('TransferPerson', { toUnitId: 'x' }, officerOf(UNIT)))
      .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('erases a person (administrator only, once) with no personal data in the event; nothing more is recorded', () => {
    const erased = people
      .given([registered])
      .when(cmd('ErasePerson', { requestRef: 'YC-12/2024', effectiveDate: '2024-02-01' }, admin))
      .then([
        {
          type: 'PersonErased',
          data: { personId: 'cb-001', requestRef: 'YC-12/2024', effectiveDate: '2024-02-01' },
        },
      ]);
    expect(Object.keys(erased[0]!.data).sort()).toEqual(['effectiveDate', 'personId', 'requestRef']);
    people
      .given([registered])
      .when(cmd('ErasePerson', { requestRef: 'x' }, organizer))
      .thenThrows('FORBIDDEN', 'forbidden');
    people
      .given([registered, ...erased])
      .when(cmd('ErasePerson', { requestRef: 'x' }, admin))
      .thenThrows('PERSON_ALREADY_ERASED', 'conflict', 'personId');
    people
      .given([registered, ...erased])
      .when(cmd('RegisterTitle', { year: 2024, code: CSTDCS, organizerUnitId: 'bo-cong-an' }))
      .thenThrows('PERSON_ERASED', 'unprocessable', 'personId');
  });
});

describe('title registration (đăng ký danh hiệu) and its deadline', () => {
  const register = (effectiveDate: string, code = CSTDCS, actor = organizer) =>
    cmd('RegisterTitle', { year: 2024, code, organizerUnitId: 'bo-cong-an', effectiveDate }, actor);

  it('is accepted up to the deadline inclusive and refused the day after', () => {
    people
      .given([registered])
      .when(register('2024-02-25'), { registrationDeadline: '2024-02-25' })
      .then([
        {
          type: 'TitleRegistered',
          data: {
            personId: 'cb-001',
            year: 2024,
            code: CSTDCS,
            organizerUnitId: 'bo-cong-an',
            effectiveDate: '2024-02-25',
          },
        },
      ]);
    people
      .given([registered])
      .when(register('2024-02-26'), { registrationDeadline: '2024-02-25' })
      .thenThrows('REGISTRATION_CLOSED', 'unprocessable', 'effectiveDate');
    // No deadline recorded: no limit.
    people
      .given([registered])
      .when(register('2024-02-26'))
      .then([expect.objectContaining({ type: 'TitleRegistered' })]);
  });

  it('takes individual titles only, once per year, by the person’s unit or an organizer', () => {
    people
      .given([registered])
      .when(register('2024-02-01', 'bang-khen-bo-truong-bca'))
      .thenThrows('TITLE_NOT_REGISTRABLE', 'unprocessable', 'code');
    people
      .given([registered])
      .when(register('2024-02-01', 'don-vi-quyet-thang'))
      .thenThrows('TITLE_NOT_REGISTRABLE', 'unprocessable', 'code');
    people
      .given([registered, titleRegistered('cb-001', 2024, CSTDCS)])
      .when(register('2024-02-01'))
      .thenThrows('TITLE_ALREADY_REGISTERED', 'conflict', 'code');
    people
      .given([registered])
      .when(register('2024-02-01', CSTDCS, officerOf(UNIT)))
      .then([expect.objectContaining({ type: 'TitleRegistered' })]);
    people
      .given([registered])
      .when(register('2024-02-01', CSTDCS, officerOf('cuc-khac')))
      .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('the organizer sets the deadline for its year; a replacement needs a reason', () => {
    const deadlines = spec(registrationDeadlineDecider);
    const set = (data: object, actor = organizer): SetRegistrationDeadline =>
      ({
        type: 'SetRegistrationDeadline',
        actor,
        at: AT,
        data: { organizerUnitId: 'bo-cong-an', year: 2024, deadline: '2024-03-25', ...data },
      }) as SetRegistrationDeadline;
    const first = deadlines
      .given([])
      .when(set({ effectiveDate: '2024-01-10' }))
      .then([
        {
          type: 'RegistrationDeadlineSet',
          data: {
            organizerUnitId: 'bo-cong-an',
            year: 2024,
            deadline: '2024-03-25',
            effectiveDate: '2024-01-10',
          },
        },
      ]);
    deadlines
      .given(first)
      .when(set({ deadline: '2024-03-31' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    deadlines
      .given(first)
      .when(set({ deadline: '2024-03-31', reason: 'Lùi hạn theo chỉ đạo (minh họa)' }))
      .then([expect.objectContaining({ type: 'RegistrationDeadlineSet' })]);
    deadlines
      .given([])
      .when(set({ deadline: '2025-01-05' }))
      .thenThrows('DEADLINE_OUTSIDE_YEAR', 'unprocessable', 'deadline');
    deadlines
      .given([])
      .when(set({}, { id: 'u', role: 'organizer', unitId: 'ca-ha-tinh' }))
      .thenThrows('FORBIDDEN', 'forbidden');
  });
});

describe("the person's register of titles: duplicates, one achievement, registration, prerequisites", () => {
  const cosoYears = (years: number[]) => years.map((y) => priorTitle('cb-001', CSTDCS, y));

  it('Chiến sĩ thi đua toàn lực lượng needs Chiến sĩ thi đua cơ sở in the 3 consecutive years before', () => {
    const base = [registered, titleRegistered('cb-001', 2023, CSTDTLL)];
    const ok = people
      .given([...base, ...cosoYears([2020, 2021, 2022])])
      .when(claim(CSTDTLL, 2023))
      .then([
        {
          type: 'TitleClaimed',
          data: {
            personId: 'cb-001',
            awardId: 'qd-9-1',
            decisionId: 'qd-9',
            code: CSTDTLL,
            year: 2023,
            basis: [2020, 2021, 2022].map((year) => ({ code: CSTDCS, year, awardId: null })),
          },
        },
      ]);
    expect(ok).toHaveLength(1);
    // A gap (2021 missing) or only two years: refused, naming the missing years.
    const gap = people.given([...base, ...cosoYears([2019, 2020, 2022])]).when(claim(CSTDTLL, 2023));
    expect(gap.thenThrows('PREREQUISITE_NOT_MET', 'unprocessable', 'awards[0].code').message).toContain(
      '2021',
    );
    people
      .given([...base, ...cosoYears([2021, 2022])])
      .when(claim(CSTDTLL, 2023))
      .thenThrows('PREREQUISITE_NOT_MET', 'unprocessable', 'awards[0].code');
  });

  it('Chiến sĩ thi đua toàn quốc needs 2 consecutive Chiến sĩ thi đua toàn lực lượng', () => {
    const base = [registered, titleRegistered('cb-001', 2023, CSTDTQ)];
    const held = (years: number[]) => years.map((y) => priorTitle('cb-001', CSTDTLL, y));
    people
      .given([...base, ...held([2021, 2022])])
      .when(claim(CSTDTQ, 2023))
      .then([expect.objectContaining({ type: 'TitleClaimed' })]);
    people
      .given([...base, ...held([2020, 2022])])
      .when(claim(CSTDTQ, 2023))
      .thenThrows('PREREQUISITE_NOT_MET', 'unprocessable', 'awards[0].code');
  });

  it('needs a registration where the catalog asks for one', () => {
    people
      .given([registered, ...cosoYears([2020, 2021, 2022])])
      .when(claim(CSTDTLL, 2023))
      .thenThrows('TITLE_NOT_REGISTERED', 'unprocessable', 'awards[0].code');
    // Bằng khen is no title: no registration, no duplicate rule.
    people
      .given([registered])
      .when(claim('bang-khen-bo-truong-bca', 2023))
      .then([expect.objectContaining({ type: 'TitleClaimed' })]);
  });

  it('refuses a second copy of a title for the same year, and an achievement rewarded twice', () => {
    const base = [registered, titleRegistered('cb-001', 2023, CSTDCS)];
    const first = people
      .given(base)
      .when(claim(CSTDCS, 2023, 'qd-9-1', 'bc-2023-07'))
      .then([expect.objectContaining({ type: 'TitleClaimed' })]);
    people
      .given([...base, ...first])
      .when(claim(CSTDCS, 2023, 'qd-10-1'))
      .thenThrows('TITLE_ALREADY_HELD', 'unprocessable', 'awards[0].code');
    people
      .given([...base, ...first])
      .when(claim('bang-khen-bo-truong-bca', 2023, 'qd-10-1', 'bc-2023-07'))
      .thenThrows('ACHIEVEMENT_ALREADY_REWARDED', 'unprocessable', 'awards[0].achievementRef');
    // Released (the decision failed, or the award was revoked): the title may be claimed again.
    const released: PersonEvent = {
      type: 'TitleClaimReleased',
      data: { personId: 'cb-001', awardId: 'qd-9-1', cause: 'revoked' },
    };
    people
      .given([...base, ...first, released])
      .when(claim(CSTDCS, 2023, 'qd-10-1'))
      .then([expect.objectContaining({ type: 'TitleClaimed' })]);
    people
      .given([...base, ...first, released])
      .when(cmd('ReleaseTitleClaims', { awardIds: ['qd-9-1'], cause: 'revoked' }))
      .then([]);
  });

  it('claims and releases are the award recorder’s (administrator or organizer)', () => {
    people
      .given([registered])
      .when({ ...claim('giay-khen', 2023), actor: officerOf(UNIT) })
      .thenThrows('FORBIDDEN', 'forbidden');
    people.given([]).when(claim('giay-khen', 2023)).thenThrows('PERSON_NOT_FOUND', 'not-found', 'personId');
  });
});
