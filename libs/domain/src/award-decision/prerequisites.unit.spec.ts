import type { AwardDecisionEvent, AwardItem } from '../events/award-decision.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin } from '../testing/fixtures.js';
import { personRegistered, personState, registeredPerson } from '../testing/people.js';
import type { AwardDecisionCommand, AwardDecisionContext } from './award-decision.commands.js';
import { awardDecisionDecider } from './award-decision.decider.js';
import { unitLevelOf } from '../catalog/unit-levels.js';

const AT = '2024-01-10T02:00:00.000Z';
const UNIT = 'cuc-tccb-phong-01';
const CSTT = 'chien-si-tien-tien';
const CSTDCS = 'chien-si-thi-dua-co-so';
const decision = spec<AwardDecisionCommand, unknown, AwardDecisionEvent, AwardDecisionContext>(
  awardDecisionDecider as never,
);
const item = (n: number, code: string, personId = `cb-${n}`, extra: Partial<AwardItem> = {}): AwardItem => ({
  awardId: `qd-1-${n}`,
  code,
  recipient: { kind: 'individual', personId, unitId: UNIT },
  year: 2023,
  citation: 'Hoàn thành xuất sắc nhiệm vụ năm 2023 (minh họa)',
  // The proposal link has its own spec: these items are khen thưởng đột xuất.
  adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
  ...extra,
});
const issue = (awards: AwardItem[], authority = 'thu-truong-don-vi'): AwardDecisionCommand => ({
  type: 'IssueAwardDecision',
  // The authority's office records every level's decisions (the recorder rule has its own spec).
  actor: admin,
  at: AT,
  data: {
    decisionId: 'qd-1',
    number: '12/QĐ-X03',
    date: '2023-12-20',
    authority,
    awards,
  },
});
/** n people of UNIT, each registered for CSTT and CSTĐCS of 2023. */
const staff = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    registeredPerson(`cb-${i + 1}`, UNIT, [
      [CSTT, 2023],
      [CSTDCS, 2023],
    ]),
  );

describe('award decisions name registered people (issue 12)', () => {
  it('refuses an individual not in the registry, erased, or named in another unit than their own', () => {
    const context = { people: staff(1) };
    decision
      .given([])
      .when(issue([item(2, 'giay-khen')]), context)
      .thenThrows('PERSON_NOT_FOUND', 'not-found', 'awards[0].recipient.personId');
    const erased = {
      personId: 'cb-1',
      state: personState([
        personRegistered('cb-1', UNIT),
        { type: 'PersonErased', data: { personId: 'cb-1', requestRef: 'YC-1' } },
      ]),
    };
    decision
      .given([])
      .when(issue([item(1, 'giay-khen')]), { people: [erased] })
      .thenThrows('PERSON_ERASED', 'unprocessable', 'awards[0].recipient.personId');
    decision
      .given([])
      .when(
        issue([
          { ...item(1, 'giay-khen'), recipient: { kind: 'individual', personId: 'cb-1', unitId: 'khac' } },
        ]),
        context,
      )
      .thenThrows('RECIPIENT_UNIT_MISMATCH', 'unprocessable', 'awards[0].recipient.unitId');
    decision
      .given([])
      .when(issue([item(1, 'giay-khen')]), context)
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
  });

  it('Chiến sĩ thi đua cơ sở: at most 15 % of the unit’s Chiến sĩ tiên tiến of the year (3 of 20 yes, 4 of 20 no)', () => {
    const people = staff(20);
    const cstt = people.map((_, i) => item(i + 1, CSTT));
    const cstdcs = (k: number) => Array.from({ length: k }, (_, i) => item(100 + i, CSTDCS, `cb-${i + 1}`));
    decision
      .given([])
      .when(issue([...cstt, ...cstdcs(3)]), { people })
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
    decision
      .given([])
      .when(issue([...cstt, ...cstdcs(4)]), { people })
      .thenThrows('TITLE_QUOTA_EXCEEDED', 'unprocessable', 'awards[23].code');
    // Earlier decisions count: 19 CSTT in this one + 1 before, 3 CSTĐCS → still 15 % of 20.
    decision
      .given([])
      .when(issue([...cstt.slice(1), ...cstdcs(3)]), {
        people,
        unitTitleCounts: [{ unitId: UNIT, year: 2023, code: CSTT, count: 1 }],
      })
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
    decision
      .given([])
      .when(issue([...cstt.slice(1), ...cstdcs(3)]), { people })
      .thenThrows('TITLE_QUOTA_EXCEEDED', 'unprocessable', 'awards[21].code');
  });

  it('refuses two copies of a title for one person and year, and one achievement twice, in one decision', () => {
    const people = staff(1);
    decision
      .given([])
      .when(issue([item(1, CSTT), item(2, CSTT, 'cb-1')]), { people })
      .thenThrows('TITLE_ALREADY_HELD', 'unprocessable', 'awards[1].code');
    decision
      .given([])
      .when(
        issue([
          item(1, 'giay-khen', 'cb-1', { achievementRef: 'bc-77' }),
          {
            ...item(2, 'giay-khen', 'cb-1'),
            recipient: { kind: 'collective', unitId: UNIT },
            achievementRef: 'bc-77',
          },
        ]),
        { people },
      )
      .thenThrows('ACHIEVEMENT_ALREADY_REWARDED', 'unprocessable', 'awards[1].achievementRef');
    // Two Giấy khen (not a title) for different achievements: both recorded.
    decision
      .given([])
      .when(
        issue([
          item(1, 'giay-khen', 'cb-1', { achievementRef: 'bc-77' }),
          item(2, 'giay-khen', 'cb-1', { achievementRef: 'bc-78' }),
        ]),
        { people },
      )
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
  });

  it('checks registration and prerequisites on the decision (TITLE_NOT_REGISTERED, PREREQUISITE_NOT_MET)', () => {
    const unregistered = [registeredPerson('cb-1', UNIT)];
    decision
      .given([])
      .when(issue([item(1, CSTT)]), { people: unregistered })
      .thenThrows('TITLE_NOT_REGISTERED', 'unprocessable', 'awards[0].code');
    const tll = 'chien-si-thi-dua-toan-luc-luong-cand';
    const twoYears = [
      registeredPerson(
        'cb-1',
        UNIT,
        [[tll, 2023]],
        [
          [CSTDCS, 2021],
          [CSTDCS, 2022],
        ],
      ),
    ];
    decision
      .given([])
      .when(issue([item(1, tll)], 'bo-truong-bca'), { people: twoYears })
      .thenThrows('PREREQUISITE_NOT_MET', 'unprocessable', 'awards[0].code');
  });
});

describe('collective recipients: registered units of a level the catalog allows (TT 40/2014/TT-BCA)', () => {
  const flag = (unitId: string): AwardItem => ({
    awardId: 'qd-1-1',
    code: 'co-thi-dua-bo-cong-an',
    recipient: { kind: 'collective', unitId },
    year: 2023,
    citation: 'Dẫn đầu Cụm thi đua (minh họa)',
    adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
  });
  const standing = (unitId: string) => ({
    clusterStandings: [
      { unitId, year: 2023, clusterId: 'bca-cum-7', organizerUnitId: 'bo-cong-an', rank: 1, final: true },
    ],
  });
  const units = [
    { unitId: 'cuc-tccb', status: 'active', level: unitLevelOf('cuc') },
    { unitId: 'phong-01', status: 'active', level: unitLevelOf('phong', unitLevelOf('cuc')) },
    { unitId: 'doi-01', status: 'active', level: unitLevelOf('khac', unitLevelOf('phong')) },
    { unitId: 'cuc-cu', status: 'dissolved', level: unitLevelOf('cuc') },
  ];
  const minister = (item: AwardItem) => issue([item], 'bo-truong-bca');

  it('derives the level from the kind, and below a đơn vị cơ sở from the parent', () => {
    expect(units.map((u) => u.level)).toEqual(['cap-cuc', 'co-so', 'truc-thuoc-co-so', 'cap-cuc']);
    expect(unitLevelOf('khac')).toBe('khac');
    expect(unitLevelOf('cong-an-tinh')).toBe('cap-cuc');
  });

  it('gives Cờ thi đua của Bộ Công an to cấp Cục and cơ sở units, not to a Đội under a Phòng', () => {
    for (const unitId of ['cuc-tccb', 'phong-01'])
      decision
        .given([])
        .when(minister(flag(unitId)), { ...standing(unitId), units })
        .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
    decision
      .given([])
      .when(minister(flag('doi-01')), { ...standing('doi-01'), units })
      .thenThrows('RECIPIENT_LEVEL_NOT_ALLOWED', 'unprocessable', 'awards[0].recipient.unitId');
  });

  it('refuses a unit the registry does not know, or no longer active', () => {
    decision
      .given([])
      .when(minister(flag('khong-co')), { ...standing('khong-co'), units })
      .thenThrows('UNIT_NOT_FOUND', 'not-found', 'awards[0].recipient.unitId');
    decision
      .given([])
      .when(minister(flag('cuc-cu')), { ...standing('cuc-cu'), units })
      .thenThrows('UNIT_NOT_ACTIVE', 'unprocessable', 'awards[0].recipient.unitId');
  });
});
