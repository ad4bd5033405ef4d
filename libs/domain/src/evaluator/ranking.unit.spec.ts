import { ey, organizer, scheme, UNITS } from '../testing/fixtures.js';
import { score, startedLedger, TestLedger } from '../testing/ledger.js';
import { evaluateRanking, explainRanking } from './evaluate.js';
import type { Ranking } from './evaluator.types.js';

const { anm, ktnv, ngoaiTuyen, xnc, canhVe } = {
  anm: UNITS.anm.id,
  ktnv: UNITS.ktnv.id,
  ngoaiTuyen: UNITS.ngoaiTuyen.id,
  xnc: UNITS.xnc.id,
  canhVe: UNITS.canhVe.id,
};
const order = (r: Ranking) => r.rows.map((row) => [row.unitId, row.rank]);

/** Q1 of Cụm 2 / 2021 (figures invented for the test; the seed gives none). */
function q1(ledger = startedLedger()): TestLedger {
  score(ledger, anm, 'xd-dang', 28.25);
  score(ledger, anm, 'chuyen-mon', 44.5);
  score(ledger, anm, 'phong-trao', 18);
  score(ledger, anm, 'diem-thuong', 3.25);
  score(ledger, ktnv, 'xd-dang', 30);
  score(ledger, ktnv, 'chuyen-mon', 45);
  score(ledger, ktnv, 'phong-trao', 18);
  score(ledger, ktnv, 'diem-tru', 2);
  score(ledger, ngoaiTuyen, 'xd-dang', 25);
  score(ledger, ngoaiTuyen, 'chuyen-mon', 40.1);
  score(ledger, ngoaiTuyen, 'phong-trao', 14.9);
  score(ledger, xnc, 'xd-dang', 26);
  score(ledger, xnc, 'chuyen-mon', 40);
  score(ledger, xnc, 'phong-trao', 14);
  score(ledger, canhVe, 'xd-dang', 20, 'self');
  score(ledger, canhVe, 'chuyen-mon', 30);
  return ledger;
}

describe('evaluator: totals, groups, bonus, penalty, classification, missing criteria', () => {
  // Built per test (not at describe level) so the mutation run attributes coverage to each test.
  let ranking: Ranking;
  beforeEach(() => {
    ranking = evaluateRanking(q1().events, 'Q1');
  });

  it('names the cluster-year, period, status and scheme', () => {
    expect(ranking).toMatchObject({
      clusterId: 'bca-cum-2',
      year: 2021,
      period: 'Q1',
      status: 'open',
      schemeVersion: 1,
      hypothetical: false,
    });
    expect(ranking.sealedDigest).toBeUndefined();
  });

  it('adds score groups and bonus, subtracts penalties, exactly (hundredths)', () => {
    const row = (u: string) => ranking.rows.find((r) => r.unitId === u)!;
    expect(row(anm)).toMatchObject({
      total: 94,
      groups: { 'Xây dựng lực lượng': 28.25, 'Nghiệp vụ': 62.5 },
      bonus: 3.25,
      penalty: 0,
    });
    expect(row(ktnv)).toMatchObject({
      total: 91,
      groups: { 'Xây dựng lực lượng': 30, 'Nghiệp vụ': 63 },
      bonus: 0,
      penalty: 2,
    });
    expect(row(ngoaiTuyen)).toMatchObject({
      total: 80,
      groups: { 'Xây dựng lực lượng': 25, 'Nghiệp vụ': 55 },
    });
    expect(row(xnc)).toMatchObject({ total: 80, groups: { 'Xây dựng lực lượng': 26, 'Nghiệp vụ': 54 } });
    expect(row(canhVe)).toMatchObject({ total: 50, groups: { 'Xây dựng lực lượng': 20, 'Nghiệp vụ': 30 } });
  });

  it('classifies by the thresholds (Xuất sắc, Tốt), and leaves a row missing criteria unclassified', () => {
    expect(ranking.rows.map((r) => [r.unitId, r.classification?.label])).toEqual([
      [anm, 'Xuất sắc'],
      [ktnv, 'Xuất sắc'],
      [ngoaiTuyen, 'Tốt'],
      [xnc, 'Tốt'],
      [canhVe, undefined], // 50 points would be Khá, but phong-trao is missing: "chưa đủ điểm"
    ]);
    const canhVeRow = ranking.rows.find((r) => r.unitId === canhVe)!;
    expect(canhVeRow).toMatchObject({ missingCriteria: ['phong-trao'], unclassified: 'chưa đủ điểm' });
    expect(ranking.rows.find((r) => r.unitId === xnc)!.unclassified).toBeUndefined();
  });

  it('ranks by total then the first tie-break (group Nghiệp vụ: 55 beats 54)', () => {
    expect(order(ranking)).toEqual([
      [anm, 1],
      [ktnv, 2],
      [ngoaiTuyen, 3],
      [xnc, 4],
      [canhVe, 5],
    ]);
  });

  it('lists missing score criteria (bonus and penalty are never missing)', () => {
    expect(ranking.rows.find((r) => r.unitId === canhVe)!.missingCriteria).toEqual(['phong-trao']);
    expect(ranking.rows.find((r) => r.unitId === anm)!.missingCriteria).toEqual([]);
  });

  it('says which assessment each criterion came from', () => {
    const row = ranking.rows.find((r) => r.unitId === canhVe)!;
    expect(row.criteria).toEqual([
      { code: 'xd-dang', points: 20, source: 'self', entryId: `${canhVe}-xd-dang-self-q1` },
      { code: 'chuyen-mon', points: 30, source: 'cluster', entryId: `${canhVe}-chuyen-mon-cluster-q1` },
    ]);
  });
});

describe('evaluator: ties and tie-breaks', () => {
  it('equal keys share a rank (standard competition ranking 1, 2, 2, 4) and are listed by unit id', () => {
    const l = startedLedger();
    for (const [u, xd, cm, pt] of [
      [anm, 30, 50, 10],
      [ngoaiTuyen, 20, 40, 20],
      [ktnv, 20, 45, 15],
      [xnc, 25, 40, 15],
      [canhVe, 30, 40, 10],
    ] as const) {
      score(l, u, 'xd-dang', xd);
      score(l, u, 'chuyen-mon', cm);
      score(l, u, 'phong-trao', pt);
    }
    expect(order(evaluateRanking(l.events, 'Q1'))).toEqual([
      [anm, 1],
      [ktnv, 2],
      [ngoaiTuyen, 2],
      [xnc, 4],
      [canhVe, 5],
    ]);
  });

  function tieBreakLedger(tieBreaks = scheme.tieBreaks): TestLedger {
    const l = startedLedger({ ...scheme, tieBreaks });
    score(l, ktnv, 'xd-dang', 30);
    score(l, ktnv, 'chuyen-mon', 45);
    score(l, ktnv, 'phong-trao', 10);
    score(l, ktnv, 'diem-tru', 5);
    score(l, xnc, 'xd-dang', 25);
    score(l, xnc, 'chuyen-mon', 45);
    score(l, xnc, 'phong-trao', 10);
    score(l, ngoaiTuyen, 'xd-dang', 22);
    score(l, ngoaiTuyen, 'chuyen-mon', 45);
    score(l, ngoaiTuyen, 'phong-trao', 10);
    score(l, ngoaiTuyen, 'diem-thuong', 3);
    return l;
  }

  it('applies penalty (lower first) then bonus (higher first) after an equal group', () => {
    const r = evaluateRanking(tieBreakLedger().events, 'Q1');
    expect(r.rows.slice(0, 3).map((row) => row.total)).toEqual([80, 80, 80]);
    // ngoai-tuyen: bonus 3 wins the bonus tie-break only after penalty; ktnv carries a penalty of 5
    expect(order(r)).toEqual([
      [ngoaiTuyen, 1],
      [xnc, 2],
      [ktnv, 3],
      [canhVe, 4],
      [anm, 4],
    ]);
    expect(r.rows.at(-1)).toMatchObject({ total: 0, classification: null, unclassified: 'chưa đủ điểm' });
    expect(r.rows.at(-1)!.missingCriteria).toEqual(['xd-dang', 'chuyen-mon', 'phong-trao']);
  });

  it('explain says what placed each row below the one above: total, the first tie-break that differs, or a tie', () => {
    const r = explainRanking(tieBreakLedger().events, 'Q1');
    expect(r.rows.map((row) => [row.unitId, row.placedBy])).toEqual([
      [ngoaiTuyen, null],
      [xnc, { aboveUnitId: ngoaiTuyen, by: 'bonus' }], // same group and penalty, 3 bonus points fewer
      [ktnv, { aboveUnitId: xnc, by: 'penalty' }], // same group, a penalty of 5
      [canhVe, { aboveUnitId: ktnv, by: 'total' }],
      [anm, { aboveUnitId: canhVe, by: 'tied' }], // both 0: rank 4, listed by unit id
    ]);
    const first = explainRanking(tieBreakLedger(['criterion:xd-dang']).events, 'Q1');
    expect(first.rows[1]!.placedBy).toEqual({ aboveUnitId: ktnv, by: 'criterion:xd-dang' });
    // Explain only: the plain ranking carries no placement.
    expect(evaluateRanking(tieBreakLedger().events, 'Q1').rows[1]).not.toHaveProperty('placedBy');
  });

  it("follows the scheme's own order of tie-breaks (criterion:xd-dang first)", () => {
    const r = evaluateRanking(tieBreakLedger(['criterion:xd-dang']).events, 'Q1');
    expect(order(r).slice(0, 3)).toEqual([
      [ktnv, 1],
      [xnc, 2],
      [ngoaiTuyen, 3],
    ]);
  });

  it('without tie-breaks equal totals share the rank', () => {
    const r = evaluateRanking(tieBreakLedger([]).events, 'Q1');
    expect(order(r).slice(0, 3)).toEqual([
      [ktnv, 1],
      [ngoaiTuyen, 1],
      [xnc, 1],
    ]);
  });
});

describe('evaluator: cluster score over self score', () => {
  it('uses the cluster entry where present, else the self entry, and says which', () => {
    const l = startedLedger();
    const selfCm = score(l, xnc, 'chuyen-mon', 48, 'self');
    const clusterCm = score(l, xnc, 'chuyen-mon', 40, 'cluster');
    const selfXd = score(l, xnc, 'xd-dang', 26, 'self');
    const r = explainRanking(l.events, 'Q1');
    const row = r.rows.find((x) => x.unitId === xnc)!;
    expect(row.criteria).toEqual([
      { code: 'xd-dang', points: 26, source: 'self', entryId: selfXd },
      { code: 'chuyen-mon', points: 40, source: 'cluster', entryId: clusterCm },
    ]);
    const cm = row.explain.find((c) => c.code === 'chuyen-mon')!;
    expect(cm.entries.map((e) => [e.entryId, e.assessment, e.used])).toEqual([
      [selfCm, 'self', false],
      [clusterCm, 'cluster', true],
    ]);
    expect(row.total).toBe(66);
  });
});

describe('evaluator: statuses, ignored entries and refusals', () => {
  it('a period never opened is not-opened; members still listed with nothing entered', () => {
    const r = evaluateRanking(q1().events, 'Q2');
    expect(r.status).toBe('not-opened');
    expect(r.rows).toHaveLength(5);
    expect(r.rows.every((row) => row.total === 0 && row.rank === 1)).toBe(true);
  });

  it('before any scheme the scheme version is null and rows carry no classification', () => {
    const l = new TestLedger();
    l.run(ey('SetChairPolicy', organizer, { forbidConsecutiveTerms: true }));
    const r = evaluateRanking(l.events, 'Q1');
    expect(r).toMatchObject({ schemeVersion: null, status: 'not-opened', rows: [] });
  });

  it('ignores, and reports, entries of withdrawn units and of criteria the scheme in force dropped', () => {
    const l = q1();
    l.run(ey('WithdrawUnit', organizer, { unitId: canhVe, reason: 'Điều chuyển' }));
    l.run(
      ey('AmendScoringScheme', organizer, {
        ...scheme,
        criteria: scheme.criteria.filter((c) => c.code !== 'phong-trao'),
        reason: 'Bỏ tiêu chí phong trào',
      }),
    );
    const r = evaluateRanking(l.events, 'Q1');
    expect(r.schemeVersion).toBe(2);
    expect(r.rows.map((row) => row.unitId)).not.toContain(canhVe);
    expect(r.rows.find((row) => row.unitId === anm)!.total).toBe(76);
    expect(r.ignoredEntries).toEqual(
      expect.arrayContaining([
        {
          entryId: `${canhVe}-xd-dang-self-q1`,
          unitId: canhVe,
          criterion: 'xd-dang',
          reason: 'unit-not-member',
        },
        {
          entryId: `${anm}-phong-trao-cluster-q1`,
          unitId: anm,
          criterion: 'phong-trao',
          reason: 'criterion-not-in-scheme',
        },
      ]),
    );
    expect(r.ignoredEntries).toHaveLength(2 + 4);
  });

  it('refuses empty input, mixed streams, bad periods, bad as-of values', () => {
    const events = q1().events;
    expect(() => evaluateRanking([], 'Q1')).toThrow(expect.objectContaining({ code: 'NO_EVENTS' }));
    const other = { ...events[0]!, streamId: 'emulation-bca-cum-7-2021' };
    expect(() => evaluateRanking([...events, other], 'Q1')).toThrow(
      expect.objectContaining({ code: 'MIXED_STREAMS' }),
    );
    expect(() => evaluateRanking([{ ...events[0]!, streamId: 'unit-x' }], 'Q1')).toThrow(
      expect.objectContaining({ code: 'NOT_AN_EMULATION_STREAM' }),
    );
    expect(() => evaluateRanking(events, 'Q9' as 'Q1')).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD' }),
    );
    expect(() => evaluateRanking(events, 'Q1', { upToTime: 'hôm qua' })).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME' }),
    );
    expect(() => evaluateRanking(events, 'Q1', { upToPosition: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_POSITION' }),
    );
  });
});
