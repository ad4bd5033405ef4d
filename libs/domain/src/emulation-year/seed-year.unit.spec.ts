import { createHash } from 'node:crypto';
import { evaluateRanking, explainRanking } from '../evaluator/evaluate.js';
import { rankingDigestInput } from '../evaluator/digest.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import {
  chair,
  ey,
  MINISTRY_WINDOW_2021,
  officerOf,
  organizer,
  UNITS,
  UNIT_IDS,
} from '../testing/fixtures.js';
import { score, startedLedger, TestLedger } from '../testing/ledger.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const ktnv = UNITS.ktnv.id;

/**
 * Cụm thi đua số 2, 2021 (seed 003), played through the deciders: five units, Cục An ninh mạng… as
 * chair, pledges, Q1–Q4 and Y scored and closed, a dispute upheld after closing, and the election of
 * Cục Kỹ thuật nghiệp vụ as chair for 2022, taken up in the 2022 stream.
 */
describe('a whole emulation year from the seeds', () => {
  it('runs from pledges to the next chair', () => {
    const l = startedLedger();
    l.window = MINISTRY_WINDOW_2021;
    for (const unitId of UNIT_IDS)
      l.run(
        ey('SignPledge', officerOf(unitId), {
          unitId,
          titles:
            unitId === ktnv ? ['co-thi-dua-bo-cong-an', 'co-thi-dua-chinh-phu'] : ['co-thi-dua-bo-cong-an'],
          targets: [{ text: 'Hoàn thành vượt mức các chỉ tiêu công tác năm 2021' }],
          keyTasks: ['Nội dung trọng tâm 1', 'Nội dung trọng tâm 2', 'Nội dung trọng tâm 3'],
        }),
      );
    const periods = ['Q1', 'Q2', 'Q3', 'Q4', 'Y'] as const;
    for (const period of periods) {
      if (period !== 'Q1') l.run(ey('OpenPeriod', organizer, { period }));
      UNIT_IDS.forEach((unitId, i) => {
        score(l, unitId, 'xd-dang', 20 + i, 'self', period);
        score(l, unitId, 'chuyen-mon', unitId === ktnv ? 48 : 40 + i, 'cluster', period);
        score(l, unitId, 'phong-trao', 15, 'cluster', period);
      });
      if (period === 'Q2')
        l.run(
          ey('CorrectScore', chair, {
            entryId: `${UNIT_IDS[4]}-phong-trao-cluster-q2`,
            points: 12,
            reason: 'Thẩm định lại',
          }),
        );
      const digest = sha256(rankingDigestInput(evaluateRanking(l.events, period)));
      l.run(ey('ClosePeriod', organizer, { period, rankingDigest: digest }));
    }
    const y = evaluateRanking(l.events, 'Y');
    expect(y.status).toBe('closed');
    expect(y.rows[0]).toMatchObject({ unitId: ktnv, rank: 1, total: 84 });

    // A dispute upheld after closing Q4 revises it.
    const entryId = `${UNITS.xnc.id}-chuyen-mon-cluster-q4`;
    l.run(
      ey('FileDispute', officerOf(UNITS.xnc.id), {
        disputeId: 'kn-q4',
        entryId,
        reason: 'Thiếu kết quả chuyên án',
      }),
    );
    l.run(
      ey('ResolveDispute', organizer, {
        disputeId: 'kn-q4',
        outcome: 'upheld',
        reason: 'Có căn cứ',
        correctedPoints: 50,
      }),
    );
    const q4 = explainRanking(l.events, 'Q4');
    expect(q4.status).toBe('revised');
    expect(q4.rows[0]).toMatchObject({ unitId: UNITS.xnc.id, rank: 1 });

    // Year-end: the chair opens the election; Cục Kỹ thuật nghiệp vụ is elected chair for 2022.
    l.run(
      ey('OpenElection', chair, {
        electionId: 'bau-cum-truong-2022',
        role: 'chair',
        candidates: [ktnv, UNITS.xnc.id],
      }),
    );
    for (const voter of UNIT_IDS)
      l.run(
        ey('CastBallot', officerOf(voter), {
          electionId: 'bau-cum-truong-2022',
          voterUnitId: voter,
          candidateUnitId: voter === UNITS.xnc.id ? voter : ktnv,
        }),
      );
    const closing = l.run(ey('CloseElection', chair, { electionId: 'bau-cum-truong-2022' }));
    expect(closing.map((e) => e.type)).toEqual(['ElectionClosed', 'ChairElected']);
    expect(closing[1]!.data).toEqual({
      electionId: 'bau-cum-truong-2022',
      role: 'chair',
      year: 2022,
      unitId: ktnv,
      effectiveDate: '2021-11-19',
    });

    // 2022: the elected unit takes the seat and holds the chair's rights there.
    const next = new TestLedger('bca-cum-2', 2022);
    const ctx = {
      cluster: { organizerUnitId: organizer.unitId!, status: 'active' as const },
      electedInPreviousYear: [closing[1]!.data as { electionId: string; role: 'chair'; unitId: string }],
    };
    for (const unitId of UNIT_IDS)
      next.run(ey('AdmitUnit', organizer, { unitId, year: 2022 }), {
        ...ctx,
        unitStatus: 'active',
        reservedClusterId: 'bca-cum-2',
      });
    const taken = next.run(
      ey('AssignChair', officerOf(ktnv), {
        year: 2022,
        unitId: ktnv,
        role: 'chair',
        source: 'election',
        electionId: 'bau-cum-truong-2022',
      }),
      ctx,
    );
    expect(taken.map((e) => e.type)).toEqual(['ChairAssigned']);
    expect(next.state.chair).toBe(ktnv);
    const open2023 = ey(
      'OpenElection',
      officerOf(ktnv),
      { year: 2022, electionId: 'bau-2023', role: 'chair', candidates: [UNITS.anm.id] },
      '2022-11-20T08:00:00Z',
    );
    expect(emulationYearDecider.decide(open2023, next.state, ctx)).toEqual([
      {
        type: 'ElectionOpened',
        data: {
          electionId: 'bau-2023',
          role: 'chair',
          forYear: 2023,
          round: 1,
          candidates: [UNITS.anm.id],
          effectiveDate: '2022-11-20',
        },
      } satisfies EmulationYearEvent,
    ]);
    expect(() => emulationYearDecider.decide({ ...open2023, actor: chair }, next.state, ctx)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});
