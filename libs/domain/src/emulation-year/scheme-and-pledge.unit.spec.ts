import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  chair,
  context,
  ey,
  officerOf,
  organizer,
  otherOrganizer,
  scheme,
  UNITS,
  yearStarted,
  dated,
  ON,
} from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';
import { latestScheme } from './emulation-year.state.js';

const year = spec(emulationYearDecider, context);

describe('cluster-year: scoring scheme (tiêu chí và thang điểm)', () => {
  it('publishes version 1, then each amendment is version n+1; the latest is in force', () => {
    const published = year
      .given([])
      .when(ey('PublishScoringScheme', organizer, scheme))
      .then(dated([{ type: 'ScoringSchemePublished', data: { version: 1, ...scheme } }]));
    const amended = {
      ...scheme,
      criteria: scheme.criteria.map((c) => (c.code === 'chuyen-mon' ? { ...c, maxPoints: 60 } : c)),
    };
    const v2 = year
      .given(published)
      .when(ey('AmendScoringScheme', organizer, { ...amended, reason: 'Điều chỉnh thang điểm' }))
      .then(
        dated([
          { type: 'ScoringSchemeAmended', data: { version: 2, ...amended, reason: 'Điều chỉnh thang điểm' } },
        ]),
      );
    year
      .given([...published, ...v2])
      .when(ey('AmendScoringScheme', organizer, { ...scheme, reason: 'r' }))
      .then(dated([{ type: 'ScoringSchemeAmended', data: { version: 3, ...scheme, reason: 'r' } }]));
    const s = year.given([...published, ...v2]).state;
    expect(latestScheme(s)).toEqual({
      version: 2,
      publishedOn: ON,
      knockOuts: [],
      criteria: expect.objectContaining({ 'chuyen-mon': { maxPoints: 60, kind: 'score' } }),
    });
  });

  it('refuses a second publish, an amendment before publishing or without reason, and non-organizers', () => {
    const published = yearStarted();
    year
      .given(published)
      .when(ey('PublishScoringScheme', organizer, scheme))
      .thenThrows('SCHEME_ALREADY_PUBLISHED', 'conflict');
    year
      .given([])
      .when(ey('AmendScoringScheme', organizer, { ...scheme, reason: 'r' }))
      .thenThrows('SCHEME_NOT_PUBLISHED');
    year
      .given(published)
      .when(ey('AmendScoringScheme', organizer, { ...scheme, reason: '' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    for (const actor of [chair, otherOrganizer, officerOf(UNITS.xnc.id)])
      year
        .given([])
        .when(ey('PublishScoringScheme', actor, scheme))
        .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('validates criteria, thresholds and tie-breaks', () => {
    const bad = (over: Partial<typeof scheme>) =>
      year.given([]).when(ey('PublishScoringScheme', organizer, { ...scheme, ...over }));
    const c0 = scheme.criteria[0]!;
    bad({ criteria: [] }).thenThrows('LIST_TOO_SHORT', 'unprocessable', 'criteria');
    bad({ criteria: [c0, c0] }).thenThrows('DUPLICATE_CRITERION', 'unprocessable', 'criteria');
    bad({ criteria: [{ ...c0, kind: 'bonus' }] }).thenThrows(
      'NO_SCORE_CRITERION',
      'unprocessable',
      'criteria',
    );
    bad({ criteria: [{ ...c0, kind: 'extra' as 'score' }] }).thenThrows(
      'INVALID_CRITERION_KIND',
      'unprocessable',
      'criteria[0].kind',
    );
    bad({ criteria: [{ ...c0, maxPoints: 0 }] }).thenThrows(
      'INVALID_MAX_POINTS',
      'unprocessable',
      'criteria[0].maxPoints',
    );
    bad({ criteria: [{ ...c0, maxPoints: 1.234 }] }).thenThrows(
      'POINTS_PRECISION',
      'unprocessable',
      'criteria[0].maxPoints',
    );
    bad({ criteria: [{ ...c0, code: 'Mã 1' }] }).thenThrows(
      'INVALID_ID',
      'unprocessable',
      'criteria[0].code',
    );
    bad({
      thresholds: [
        { code: 'kha', label: 'Khá', minTotal: 50 },
        { code: 'tot', label: 'Tốt', minTotal: 75 },
      ],
    }).thenThrows('THRESHOLDS_NOT_DESCENDING', 'unprocessable', 'thresholds[1]');
    bad({ thresholds: [] }).thenThrows('LIST_TOO_SHORT', 'unprocessable', 'thresholds');
    bad({ tieBreaks: ['group:Không có'] }).thenThrows('INVALID_TIE_BREAK', 'unprocessable', 'tieBreaks[0]');
    bad({ tieBreaks: ['group:Thưởng'] }).thenThrows('INVALID_TIE_BREAK', 'unprocessable', 'tieBreaks[0]'); // a bonus-only group has no score total
    bad({ tieBreaks: ['criterion:khong-co'] }).thenThrows(
      'INVALID_TIE_BREAK',
      'unprocessable',
      'tieBreaks[0]',
    );
    bad({ tieBreaks: ['total' as 'bonus'] }).thenThrows('INVALID_TIE_BREAK', 'unprocessable', 'tieBreaks[0]');
    bad({ tieBreaks: ['bonus', 'bonus'] }).thenThrows('DUPLICATE_TIE_BREAK', 'unprocessable', 'tieBreaks');
    year
      .given([])
      .when(ey('PublishScoringScheme', organizer, { ...scheme, tieBreaks: ['criterion:xd-dang', 'penalty'] }))
      .then(
        dated([
          {
            type: 'ScoringSchemePublished',
            data: { version: 1, ...scheme, tieBreaks: ['criterion:xd-dang', 'penalty'] },
          },
        ]),
      );
  });
});

describe('cluster-year: pledges (ký kết giao ước thi đua)', () => {
  const unitId = UNITS.ktnv.id;
  const pledge = {
    unitId,
    titles: ['co-thi-dua-bo-cong-an', 'co-thi-dua-chinh-phu'],
    targets: [
      { text: 'Vượt 77 chỉ tiêu công tác năm Bộ Công an giao', count: 77 },
      { text: 'Không có cán bộ vi phạm kỷ luật' },
    ],
    keyTasks: ['Nhiệm vụ trọng tâm 1', 'Nhiệm vụ trọng tâm 2', 'Nhiệm vụ trọng tâm 3'],
  };
  const signed: EmulationYearEvent[] = [{ type: 'PledgeSigned', data: { version: 1, ...pledge } }];

  it("the unit's officer signs its pledge: collective titles from the catalog, targets, 3 key tasks", () => {
    year
      .given(yearStarted())
      .when(ey('SignPledge', officerOf(unitId), pledge))
      .then(dated(signed));
  });

  it('amends it with a reason (version n+1)', () => {
    const amended = { ...pledge, titles: ['co-thi-dua-bo-cong-an'] };
    year
      .given([...yearStarted(), ...signed])
      .when(ey('AmendPledge', officerOf(unitId), { ...amended, reason: 'Điều chỉnh đăng ký' }))
      .then(
        dated([{ type: 'PledgeAmended', data: { version: 2, ...amended, reason: 'Điều chỉnh đăng ký' } }]),
      );
    year
      .given(yearStarted())
      .when(ey('AmendPledge', officerOf(unitId), { ...pledge, reason: 'r' }))
      .thenThrows('PLEDGE_NOT_SIGNED', 'unprocessable', 'unitId');
    year
      .given([...yearStarted(), ...signed])
      .when(ey('SignPledge', officerOf(unitId), pledge))
      .thenThrows('PLEDGE_ALREADY_SIGNED', 'conflict', 'unitId');
  });

  it('refuses other units, the organizer, non-members and bad content', () => {
    for (const actor of [officerOf(UNITS.xnc.id), organizer, chair])
      year
        .given(yearStarted())
        .when(ey('SignPledge', actor, pledge))
        .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given([])
      .when(ey('SignPledge', officerOf(unitId), pledge))
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'unitId');
    const bad = (over: Partial<typeof pledge>) =>
      year.given(yearStarted()).when(ey('SignPledge', officerOf(unitId), { ...pledge, ...over }));
    bad({ titles: ['khong-co'] }).thenThrows('UNKNOWN_TITLE', 'unprocessable', 'titles[0]');
    bad({ titles: ['chien-si-thi-dua-toan-quoc'] }).thenThrows(
      'TITLE_NOT_REGISTRABLE',
      'unprocessable',
      'titles[0]',
    );
    bad({ titles: ['giay-khen'] }).thenThrows('TITLE_NOT_REGISTRABLE', 'unprocessable', 'titles[0]');
    bad({ titles: ['co-thi-dua-bo-cong-an', 'co-thi-dua-bo-cong-an'] }).thenThrows(
      'DUPLICATE_TITLE',
      'unprocessable',
      'titles',
    );
    bad({ keyTasks: ['Một', 'Một', 'Hai'] }).thenThrows('DUPLICATE_KEY_TASK', 'unprocessable', 'keyTasks');
    bad({ targets: [{ text: 'x', count: 0 }] }).thenThrows(
      'INVALID_NUMBER',
      'unprocessable',
      'targets[0].count',
    );
    bad({ targets: [{ text: '' }] }).thenThrows('TEXT_REQUIRED', 'unprocessable', 'targets[0].text');
  });
});
