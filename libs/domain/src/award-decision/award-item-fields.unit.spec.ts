// The parts of an award item the decision copies as given: the achievement reference's refusals with their
// exact field and its 200-character bound, and no `basis` on a title without prerequisites (issue 17:
// found by mutation testing).
import type { AwardDecisionEvent, AwardItem } from '../events/award-decision.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin } from '../testing/fixtures.js';
import { registeredPerson } from '../testing/people.js';
import type { AwardDecisionCommand, AwardDecisionContext } from './award-decision.commands.js';
import { awardDecisionDecider } from './award-decision.decider.js';

const UNIT = 'cuc-tccb-phong-01';
const CSTT = 'chien-si-tien-tien';

describe('award items: the achievement reference and the prerequisite basis', () => {
  let decision: ReturnType<
    typeof spec<AwardDecisionCommand, unknown, AwardDecisionEvent, AwardDecisionContext>
  >;
  let context: AwardDecisionContext;
  let item: (extra: Partial<AwardItem>) => AwardItem;
  let issue: (awards: AwardItem[]) => AwardDecisionCommand;

  beforeEach(() => {
    decision = spec<AwardDecisionCommand, unknown, AwardDecisionEvent, AwardDecisionContext>(
      awardDecisionDecider as never,
    );
    // cb-1 registered for Chiến sĩ tiên tiến of 2023: a title with no prerequisite.
    context = { people: [registeredPerson('cb-1', UNIT, [[CSTT, 2023]])] };
    item = (extra) => ({
      awardId: 'qd-1-1',
      code: CSTT,
      recipient: { kind: 'individual', personId: 'cb-1', unitId: UNIT },
      year: 2023,
      citation: 'Hoàn thành tốt nhiệm vụ năm 2023 (minh họa)',
      adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
      ...extra,
    });
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
  });

  it('refuses an achievement reference that is not text, or longer than 200 characters, naming its field', () => {
    decision
      .given([])
      .when(issue([item({ achievementRef: 77 as never })]), context)
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'awards[0].achievementRef');
    decision
      .given([])
      .when(issue([item({ achievementRef: 'b'.repeat(201) })]), context)
      .thenThrows('TEXT_TOO_LONG', 'unprocessable', 'awards[0].achievementRef');
    const longest = item({ achievementRef: 'b'.repeat(200) });
    decision
      .given([])
      .when(issue([longest]), context)
      .then([
        {
          type: 'AwardDecisionIssued',
          data: {
            decisionId: 'qd-1',
            number: '12/QĐ-X03',
            date: '2023-12-20',
            authority: 'thu-truong-don-vi',
            awards: [longest],
          },
        },
      ]);
  });

  it('records a title without prerequisites with no basis at all (not an empty one)', () => {
    const [issued] = decision
      .given([])
      .when(issue([item({})]), context)
      .then([
        {
          type: 'AwardDecisionIssued',
          data: {
            decisionId: 'qd-1',
            number: '12/QĐ-X03',
            date: '2023-12-20',
            authority: 'thu-truong-don-vi',
            awards: [item({})],
          },
        },
      ]);
    expect(issued!.type === 'AwardDecisionIssued' && issued!.data.awards[0]).not.toHaveProperty('basis');
  });
});
