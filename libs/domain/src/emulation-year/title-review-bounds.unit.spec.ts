// The title review's refusals with their exact code and field, and its edges: seats up to the candidates,
// the ballots a tally can come from, the order of the tally, ties at the last seat, shared ranks (issue 17:
// found by mutation testing). The main cases are in title-review.unit.spec.ts.
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { chair, context, dated, DIGEST, ey, UNITS, yearStarted } from '../testing/fixtures.js';
import type { EmulationYearCommand, EmulationYearContext } from './emulation-year.commands.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const makeSpec = () => spec(emulationYearDecider, context);

describe('title review: refusals and edges', () => {
  let year: ReturnType<typeof makeSpec>;
  let given: EmulationYearEvent[];
  let ctx: EmulationYearContext;
  let review: (over?: Record<string, unknown>) => EmulationYearCommand;
  let ids: { anm: string; ktnv: string; nt: string; xnc: string; cv: string };
  let voters: string[];

  beforeEach(() => {
    year = makeSpec();
    ids = {
      anm: UNITS.anm.id,
      ktnv: UNITS.ktnv.id,
      nt: UNITS.ngoaiTuyen.id,
      xnc: UNITS.xnc.id,
      cv: UNITS.canhVe.id,
    };
    const tongKet: EmulationYearEvent = {
      type: 'ConferenceHeld',
      data: {
        conferenceId: 'tk',
        kind: 'tổng kết',
        date: '2021-11-19',
        place: 'Hà Nội',
        presidingUnitId: ids.anm,
        minutes: { reference: 'BB', sha256: DIGEST },
      },
    };
    given = [...yearStarted(), tongKet];
    ctx = {
      ...context,
      finalRanking: {
        final: true,
        rows: [
          { unitId: ids.ktnv, rank: 1 },
          { unitId: ids.xnc, rank: 2 },
          { unitId: ids.anm, rank: 2 },
          { unitId: ids.nt, rank: 4 },
          { unitId: ids.cv, rank: 5 },
        ],
      },
    };
    voters = [ids.anm, ids.ktnv, ids.nt, ids.xnc, ids.cv];
    review = (over = {}) =>
      ey('RecordTitleReview', chair, {
        reviewId: 'bx-1',
        conferenceId: 'tk',
        code: 'co-thi-dua-bo-cong-an',
        seats: 1,
        secret: true,
        candidates: [ids.ktnv, ids.xnc],
        voters,
        tally: [
          { unitId: ids.ktnv, votes: 4 },
          { unitId: ids.xnc, votes: 1 },
        ],
        ...over,
      } as never);
  });

  const held = (data: Record<string, unknown>) => dated([{ type: 'TitleReviewHeld', data } as never]);

  it.each<[string, () => Record<string, unknown>, string, string]>([
    ['a review id', () => ({ reviewId: 'BX 1' }), 'INVALID_ID', 'reviewId'],
    ['a conference id', () => ({ conferenceId: 'T K' }), 'INVALID_ID', 'conferenceId'],
    ['a code that is not text', () => ({ code: 7 }), 'UNKNOWN_AWARD', 'code'],
    ['no candidates', () => ({ candidates: [] }), 'LIST_TOO_SHORT', 'candidates'],
    ['a candidate id', () => ({ candidates: [ids.ktnv, 'X'] }), 'INVALID_ID', 'candidates[1]'],
    ['a candidate twice', () => ({ candidates: [ids.ktnv, ids.ktnv] }), 'DUPLICATE_CANDIDATE', 'candidates'],
    ['0 seats', () => ({ seats: 0 }), 'INVALID_VOTES', 'seats'],
    ['1.5 seats', () => ({ seats: 1.5 }), 'INVALID_VOTES', 'seats'],
    ['seats as text', () => ({ seats: '1' }), 'INVALID_VOTES', 'seats'],
    ['secret missing', () => ({ secret: undefined }), 'INVALID_SECRET', 'secret'],
    ['no voters', () => ({ voters: [] }), 'LIST_TOO_SHORT', 'voters'],
    ['a voter id', () => ({ voters: ['X'] }), 'INVALID_ID', 'voters[0]'],
    ['no tally', () => ({ tally: [] }), 'LIST_TOO_SHORT', 'tally'],
    ['a tally line of null', () => ({ tally: [null] }), 'INVALID_ID', 'tally[0].unitId'],
    [
      'a tally line of no candidate',
      () => ({ tally: [{ unitId: ids.cv, votes: 1 }] }),
      'NOT_A_CANDIDATE',
      'tally[0].unitId',
    ],
    [
      'votes below 0',
      () => ({
        tally: [
          { unitId: ids.ktnv, votes: 4 },
          { unitId: ids.xnc, votes: -1 },
        ],
      }),
      'INVALID_VOTES',
      'tally[1].votes',
    ],
    [
      'a candidate twice in the tally',
      () => ({
        tally: [
          { unitId: ids.ktnv, votes: 1 },
          { unitId: ids.ktnv, votes: 1 },
        ],
      }),
      'DUPLICATE_CANDIDATE',
      'tally',
    ],
    ['invalid ballots below 0', () => ({ invalid: -1 }), 'INVALID_VOTES', 'invalid'],
    ['more invalid ballots than voters', () => ({ invalid: 6 }), 'COUNT_MISMATCH', 'tally'],
    // 5 ballots, 1 invalid, 1 seat: 4 votes at most
    [
      'one vote more than the valid ballots hold',
      () => ({
        invalid: 1,
        tally: [
          { unitId: ids.ktnv, votes: 4 },
          { unitId: ids.xnc, votes: 1 },
        ],
      }),
      'COUNT_MISMATCH',
      'tally',
    ],
  ])('refuses %s', (_, over, code, field) => {
    year.given(given).when(review(over()), ctx).thenThrows(code, 'unprocessable', field);
  });

  it('refuses a review before any conference, and with no final ranking given', () => {
    year
      .given(yearStarted())
      .when(review(), ctx)
      .thenThrows('CONFERENCE_NOT_FOUND', 'not-found', 'conferenceId');
    year
      .given(given)
      .when(review(), { ...context })
      .thenThrows('CLUSTER_RANKING_NOT_FINAL', 'unprocessable', 'candidates');
  });

  it('as many seats as candidates; the valid ballots hold exactly the votes; the tally sorted by votes then id', () => {
    // 5 ballots, 1 invalid, 2 seats: 8 votes at most
    year
      .given(given)
      .when(
        review({
          seats: 2,
          invalid: 1,
          tally: [
            { unitId: ids.xnc, votes: 4 },
            { unitId: ids.ktnv, votes: 4 },
          ],
        }),
        ctx,
      )
      .then(
        held({
          reviewId: 'bx-1',
          conferenceId: 'tk',
          code: 'co-thi-dua-bo-cong-an',
          seats: 2,
          secret: true,
          candidates: [
            { unitId: ids.ktnv, rank: 1 },
            { unitId: ids.xnc, rank: 2 },
          ],
          voters,
          tally: [
            { unitId: ids.ktnv, votes: 4 },
            { unitId: ids.xnc, votes: 4 },
          ],
          invalid: 1,
          outcome: 'chosen',
          chosen: [ids.ktnv, ids.xnc],
          reasons: {},
        }),
      );
  });

  it('equal votes are listed by unit id, whatever order the tally came in', () => {
    for (const order of [
      [ids.ktnv, ids.xnc],
      [ids.xnc, ids.ktnv],
    ]) {
      const [h] = year
        .given(given)
        .when(review({ seats: 2, tally: order.map((unitId) => ({ unitId, votes: 4 })) }), ctx)
        .then(expect.any(Array));
      expect(h).toMatchObject({
        data: {
          tally: [
            { unitId: ids.ktnv, votes: 4 },
            { unitId: ids.xnc, votes: 4 },
          ],
        },
      });
    }
  });

  it('every ballot invalid: no vote, a tie of all at 0', () => {
    const [h] = year
      .given(given)
      .when(
        review({
          invalid: 5,
          tally: [
            { unitId: ids.ktnv, votes: 0 },
            { unitId: ids.xnc, votes: 0 },
          ],
        }),
        ctx,
      )
      .then(expect.any(Array));
    expect(h).toMatchObject({ data: { invalid: 5, outcome: 'tie', chosen: [] } });
  });

  it('a tie at the last seat keeps the units above it; one candidate alone is chosen', () => {
    const [tie] = year
      .given(given)
      .when(
        review({
          seats: 2,
          candidates: [ids.ktnv, ids.xnc, ids.anm],
          tally: [
            { unitId: ids.xnc, votes: 2 },
            { unitId: ids.anm, votes: 2 },
            { unitId: ids.ktnv, votes: 3 },
          ],
        }),
        ctx,
      )
      .then(expect.any(Array));
    expect(tie).toMatchObject({
      data: {
        tally: [
          { unitId: ids.ktnv, votes: 3 },
          { unitId: ids.anm, votes: 2 },
          { unitId: ids.xnc, votes: 2 },
        ],
        outcome: 'tie',
        chosen: [ids.ktnv],
      },
    });
    const [alone] = year
      .given(given)
      .when(review({ candidates: [ids.ktnv], tally: [{ unitId: ids.ktnv, votes: 3 }] }), ctx)
      .then(expect.any(Array));
    expect(alone).toMatchObject({ data: { outcome: 'chosen', chosen: [ids.ktnv] } });
  });

  it('a unit chosen over one of the same rank needs no reason; over a higher one, it does', () => {
    const [same] = year
      .given(given)
      .when(
        review({
          candidates: [ids.xnc, ids.anm],
          tally: [
            { unitId: ids.xnc, votes: 1 },
            { unitId: ids.anm, votes: 4 },
          ],
        }),
        ctx,
      )
      .then(expect.any(Array));
    expect(same).toMatchObject({ data: { chosen: [ids.anm], reasons: {} } });
    year
      .given(given)
      .when(
        review({
          candidates: [ids.ktnv, ids.anm],
          tally: [
            { unitId: ids.ktnv, votes: 1 },
            { unitId: ids.anm, votes: 4 },
          ],
        }),
        ctx,
      )
      .thenThrows('REASON_REQUIRED', 'unprocessable', `reasons.${ids.anm}`);
  });
});
