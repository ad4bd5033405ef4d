import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  chair,
  context,
  dated,
  DIGEST,
  ey,
  officerOf,
  organizer,
  UNITS,
  yearStarted,
} from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const year = spec(emulationYearDecider, context);
const [anm, ktnv, ngoaiTuyen, xnc, canhVe] = [
  UNITS.anm.id,
  UNITS.ktnv.id,
  UNITS.ngoaiTuyen.id,
  UNITS.xnc.id,
  UNITS.canhVe.id,
];
const tongKet: EmulationYearEvent = {
  type: 'ConferenceHeld',
  data: {
    conferenceId: 'tk',
    kind: 'tổng kết',
    date: '2021-11-19',
    place: 'Hà Nội',
    presidingUnitId: anm,
    minutes: { reference: 'BB', sha256: DIGEST },
  },
};
const soKet: EmulationYearEvent = {
  ...tongKet,
  data: { ...tongKet.data, conferenceId: 'sk', kind: 'sơ kết' },
} as EmulationYearEvent;
const given = [...yearStarted(), tongKet, soKet];
const ranking = {
  final: true,
  rows: [
    { unitId: ktnv, rank: 1 },
    { unitId: xnc, rank: 2 },
    { unitId: anm, rank: 3 },
    { unitId: ngoaiTuyen, rank: 4 },
    { unitId: canhVe, rank: 5 },
  ],
};
const ctx = { ...context, finalRanking: ranking };
const voters = [anm, ktnv, ngoaiTuyen, xnc, canhVe];
const review = (over: Record<string, unknown> = {}, actor = chair) =>
  ey('RecordTitleReview', actor, {
    reviewId: 'bx-1',
    conferenceId: 'tk',
    code: 'co-thi-dua-bo-cong-an',
    seats: 1,
    secret: true,
    candidates: [ktnv, xnc],
    voters,
    tally: [
      { unitId: ktnv, votes: 4 },
      { unitId: xnc, votes: 1 },
    ],
    ...over,
  } as never);

describe('bình xét, suy tôn at the tổng kết: candidates from the final Y ranking, a vote and its tally', () => {
  it('records the tally and one receipt per voting unit, never who chose whom, and the units chosen', () => {
    year
      .given(given)
      .when(review(), ctx)
      .then(
        dated([
          {
            type: 'TitleReviewHeld',
            data: {
              reviewId: 'bx-1',
              conferenceId: 'tk',
              code: 'co-thi-dua-bo-cong-an',
              seats: 1,
              secret: true,
              candidates: [
                { unitId: ktnv, rank: 1 },
                { unitId: xnc, rank: 2 },
              ],
              voters,
              tally: [
                { unitId: ktnv, votes: 4 },
                { unitId: xnc, votes: 1 },
              ],
              invalid: 0,
              outcome: 'chosen',
              chosen: [ktnv],
              reasons: {},
            },
          },
        ]),
      );
  });

  it('needs a reason to choose a unit over a higher-ranked candidate', () => {
    const over = {
      tally: [
        { unitId: ktnv, votes: 1 },
        { unitId: xnc, votes: 4 },
      ],
    };
    year
      .given(given)
      .when(review(over), ctx)
      .thenThrows('REASON_REQUIRED', 'unprocessable', `reasons.${xnc}`);
    const [held] = year
      .given(given)
      .when(review({ ...over, reasons: { [xnc]: 'Lập nhiều chiến công đột xuất trong năm' } }), ctx)
      .then(expect.any(Array));
    expect(held).toMatchObject({
      data: { chosen: [xnc], reasons: { [xnc]: 'Lập nhiều chiến công đột xuất trong năm' } },
    });
  });

  it('reports a tie at the last seat and chooses none of the tied', () => {
    const [held] = year
      .given(given)
      .when(
        review({
          voters: voters.slice(0, 4),
          tally: [
            { unitId: ktnv, votes: 2 },
            { unitId: xnc, votes: 2 },
          ],
        }),
        ctx,
      )
      .then(expect.any(Array));
    expect(held).toMatchObject({ data: { outcome: 'tie', chosen: [] } });
  });

  it('refuses, with code and field', () => {
    const g = year.given(given);
    g.when(review({ conferenceId: 'sk' }), ctx).thenThrows('NOT_A_TONG_KET', 'unprocessable', 'conferenceId');
    g.when(review({ conferenceId: 'x' }), ctx).thenThrows(
      'CONFERENCE_NOT_FOUND',
      'not-found',
      'conferenceId',
    );
    g.when(review(), { ...context, finalRanking: { ...ranking, final: false } }).thenThrows(
      'CLUSTER_RANKING_NOT_FINAL',
      'unprocessable',
      'candidates',
    );
    g.when(review({ candidates: [ktnv, 'cuc-khac'] }), ctx).thenThrows(
      'NOT_IN_RANKING',
      'unprocessable',
      'candidates[1]',
    );
    g.when(review({ voters: [anm, anm] }), ctx).thenThrows('ALREADY_VOTED', 'unprocessable', 'voters');
    g.when(review({ voters: [anm, 'cuc-khac'] }), ctx).thenThrows(
      'NOT_A_MEMBER',
      'unprocessable',
      'voters[1]',
    );
    g.when(review({ tally: [{ unitId: ktnv, votes: 4 }] }), ctx).thenThrows(
      'TALLY_INCOMPLETE',
      'unprocessable',
      'tally',
    );
    g.when(
      review({
        tally: [
          { unitId: ktnv, votes: 5 },
          { unitId: xnc, votes: 1 },
        ],
      }),
      ctx,
    ).thenThrows('COUNT_MISMATCH', 'unprocessable', 'tally');
    g.when(review({ seats: 3 }), ctx).thenThrows('TOO_MANY_SEATS', 'unprocessable', 'seats');
    g.when(review({ code: 'chien-si-thi-dua-toan-quoc' }), ctx).thenThrows(
      'UNKNOWN_AWARD',
      'unprocessable',
      'code',
    );
    g.when(review({}, officerOf(ktnv)), ctx).thenThrows('FORBIDDEN', 'forbidden');
    year
      .given([...given, ...g.when(review({}, organizer), ctx).then(expect.any(Array))])
      .when(review(), ctx)
      .thenThrows('REVIEW_ID_TAKEN', 'conflict', 'reviewId');
  });
});
