// The edges of the people and title checks of an award decision (decide-prerequisites.ts), each refusal
// with its exact code and field (issue 17: found by mutation testing): an empty registry record, an
// achievement rewarded by an earlier decision, the quota's earlier counts summed, what a quota counts.
import type { AwardDecisionEvent, AwardItem } from '../events/award-decision.events.js';
import { createTitleRules } from '../catalog/title-rules.js';
import { spec } from '../testing/given-when-then.js';
import { admin } from '../testing/fixtures.js';
import { personRegistered, personState, registeredPerson } from '../testing/people.js';
import type { AwardDecisionCommand, AwardDecisionContext } from './award-decision.commands.js';
import { awardDecisionDecider } from './award-decision.decider.js';

const UNIT = 'cuc-tccb-phong-01';
const CSTT = 'chien-si-tien-tien';
const CSTDCS = 'chien-si-thi-dua-co-so';
const GIAY_KHEN = 'giay-khen';

describe('award decisions: the people and title checks at their edges', () => {
  let decision: ReturnType<
    typeof spec<AwardDecisionCommand, unknown, AwardDecisionEvent, AwardDecisionContext>
  >;
  let item: (n: number, code: string, personId?: string, extra?: Partial<AwardItem>) => AwardItem;
  let collective: (n: number, code: string) => AwardItem;
  let issue: (awards: AwardItem[]) => AwardDecisionCommand;
  let issued: () => AwardDecisionEvent[];

  beforeEach(() => {
    decision = spec<AwardDecisionCommand, unknown, AwardDecisionEvent, AwardDecisionContext>(
      awardDecisionDecider as never,
    );
    item = (n, code, personId = `cb-${n}`, extra = {}) => ({
      awardId: `qd-1-${n}`,
      code,
      recipient: { kind: 'individual', personId, unitId: UNIT },
      year: 2023,
      citation: 'Hoàn thành xuất sắc nhiệm vụ năm 2023 (minh họa)',
      adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
      ...extra,
    });
    collective = (n, code) => ({ ...item(n, code), recipient: { kind: 'collective', unitId: UNIT } });
    issue = (awards) => ({
      type: 'IssueAwardDecision',
      actor: admin,
      at: '2024-01-10T02:00:00.000Z',
      data: {
        decisionId: 'qd-1',
        number: '12/QĐ-X03',
        date: '2023-12-20',
        authority: 'thu-truong-don-vi',
        awards,
      },
    });
    issued = () => [expect.objectContaining({ type: 'AwardDecisionIssued' })];
  });

  it('refuses a person whose registry record is empty (never registered) as not found', () => {
    decision
      .given([])
      .when(issue([item(1, GIAY_KHEN)]), { people: [{ personId: 'cb-1', state: personState([]) }] })
      .thenThrows('PERSON_NOT_FOUND', 'not-found', 'awards[0].recipient.personId');
  });

  it('refuses a unit whose registry record is empty as not found, and records an active one', () => {
    const units = (status: string) => [{ unitId: UNIT, status, level: 'co-so' as const }];
    decision
      .given([])
      .when(issue([collective(1, GIAY_KHEN)]), { units: units('none') })
      .thenThrows('UNIT_NOT_FOUND', 'not-found', 'awards[0].recipient.unitId');
    decision
      .given([])
      .when(issue([collective(1, GIAY_KHEN)]), { units: units('active') })
      .then(issued());
  });

  it('refuses an achievement an earlier decision already rewarded the person for; another one passes', () => {
    const rewarded = {
      personId: 'cb-1',
      state: personState([
        personRegistered('cb-1', UNIT),
        {
          type: 'TitleClaimed',
          data: {
            personId: 'cb-1',
            awardId: 'qd-0-1',
            decisionId: 'qd-0',
            code: GIAY_KHEN,
            year: 2023,
            achievementRef: 'bc-77',
            basis: [],
          },
        },
      ]),
    };
    decision
      .given([])
      .when(issue([item(1, GIAY_KHEN, 'cb-1', { achievementRef: 'bc-77' })]), { people: [rewarded] })
      .thenThrows('ACHIEVEMENT_ALREADY_REWARDED', 'unprocessable', 'awards[0].achievementRef');
    decision
      .given([])
      .when(issue([item(1, GIAY_KHEN, 'cb-1', { achievementRef: 'bc-78' })]), { people: [rewarded] })
      .then(issued());
  });

  it('sums every earlier count of a unit, year and title into the quota (2 + 1 earlier CSTĐCS of 20 CSTT: no 4th)', () => {
    const people = Array.from({ length: 20 }, (_, i) =>
      registeredPerson(`cb-${i + 1}`, UNIT, [
        [CSTT, 2023],
        [CSTDCS, 2023],
      ]),
    );
    const cstt = people.map((_, i) => item(i + 1, CSTT));
    const earlier = (counts: number[]) =>
      counts.map((count) => ({ unitId: UNIT, year: 2023, code: CSTDCS, count }));
    decision
      .given([])
      .when(issue([...cstt, item(100, CSTDCS, 'cb-1')]), { people, unitTitleCounts: earlier([2, 1]) })
      .thenThrows('TITLE_QUOTA_EXCEEDED', 'unprocessable', 'awards[20].code');
    decision
      .given([])
      .when(issue([...cstt, item(100, CSTDCS, 'cb-1')]), { people, unitTitleCounts: earlier([2]) })
      .then(issued());
  });

  it('a quota counts and caps individual awards only (rules given as catalog data)', () => {
    const people = [registeredPerson('cb-1', UNIT), registeredPerson('cb-2', UNIT)];
    // Chiến sĩ tiên tiến capped at 100 % of the unit's individual Giấy khen: a collective one is no base.
    const capOfGiayKhen = createTitleRules([
      { code: CSTT, requiresRegistration: false, quota: { ofCode: GIAY_KHEN, percent: 100 } },
    ]);
    decision
      .given([])
      .when(issue([collective(1, GIAY_KHEN), item(2, CSTT, 'cb-1')]), { people, titleRules: capOfGiayKhen })
      .thenThrows('TITLE_QUOTA_EXCEEDED', 'unprocessable', 'awards[1].code');
    decision
      .given([])
      .when(issue([item(1, GIAY_KHEN, 'cb-2'), item(2, CSTT, 'cb-1')]), { people, titleRules: capOfGiayKhen })
      .then(issued());
    // Giấy khen capped at 15 % of Chiến sĩ tiên tiến: a collective Giấy khen is not capped.
    const capGiayKhen = createTitleRules([
      { code: GIAY_KHEN, requiresRegistration: false, quota: { ofCode: CSTT, percent: 15 } },
    ]);
    decision
      .given([])
      .when(issue([collective(1, GIAY_KHEN)]), { people, titleRules: capGiayKhen })
      .then(issued());
    decision
      .given([])
      .when(issue([item(1, GIAY_KHEN, 'cb-1')]), { people, titleRules: capGiayKhen })
      .thenThrows('TITLE_QUOTA_EXCEEDED', 'unprocessable', 'awards[0].code');
  });
});
