import { canonicalJson } from '../canonical-json.js';
import { ey, organizer, scheme, UNITS } from '../testing/fixtures.js';
import { score, startedLedger, type TestLedger } from '../testing/ledger.js';
import { referenceExplainRanking } from '../testing/reference-evaluator.js';
import { explainRanking } from './evaluate.js';

/**
 * `placedBy` under the knock-outs of issue 13: a row barred from rank 1 says the bar placed it, a capped
 * row keeps the placement of its points, and the bar is about rank 1 only. The reference evaluator, which
 * reads the placement from the rows' own fields, must agree to the byte.
 */
const { anm, ktnv, xnc, ngoaiTuyen, canhVe } = {
  anm: UNITS.anm.id,
  ktnv: UNITS.ktnv.id,
  xnc: UNITS.xnc.id,
  ngoaiTuyen: UNITS.ngoaiTuyen.id,
  canhVe: UNITS.canhVe.id,
};
const knockOuts = [
  {
    code: 'su-co',
    label: 'Để xảy ra sự cố nghiêm trọng',
    effect: 'cap-classification' as const,
    capTo: 'kha',
  },
  { code: 'ky-luat', label: 'Có cán bộ bị kỷ luật', effect: 'bar-rank-1' as const },
];

/** All five members scored in full: xd-dang, chuyen-mon, phong-trao 18. */
function ledgerOf(points: Record<string, [number, number]>): TestLedger {
  expect(Object.keys(points).sort()).toEqual([anm, ktnv, xnc, ngoaiTuyen, canhVe].sort());
  const l = startedLedger({ ...scheme, knockOuts });
  for (const [unitId, [xd, cm]] of Object.entries(points)) {
    score(l, unitId, 'xd-dang', xd);
    score(l, unitId, 'chuyen-mon', cm);
    score(l, unitId, 'phong-trao', 18);
  }
  return l;
}
const raise = (l: TestLedger, findingId: string, unitId: string, knockOut: string) =>
  l.run(
    ey('RecordFinding', organizer, {
      findingId,
      unitId,
      period: 'Q1',
      knockOut,
      evidence: `Biên bản ${findingId}`,
    }),
  );
/** Unit, rank, placement and classification of each row, after checking the reference agrees. */
function placements(l: TestLedger) {
  const explained = explainRanking(l.events, 'Q1');
  expect(canonicalJson(explained)).toBe(canonicalJson(referenceExplainRanking(l.events, 'Q1')));
  return explained.rows.map((r) => [r.unitId, r.rank, r.placedBy?.by ?? null, r.classification?.code]);
}

describe('placedBy with knock-outs (issue 13)', () => {
  it('says "barred-from-rank-1" for a row its points put first; a capped row stays placed by its points', () => {
    const l = ledgerOf({
      [anm]: [30, 48], // 96
      [ktnv]: [29, 47], // 94
      [xnc]: [28, 46], // 92
      [ngoaiTuyen]: [20, 30], // 68
      [canhVe]: [20, 30], // 68
    });
    raise(l, 'kl-1', anm, 'ky-luat');
    raise(l, 'kl-2', xnc, 'su-co');
    expect(placements(l)).toEqual([
      [ktnv, 1, null, 'xuat-sac'],
      [anm, 2, 'barred-from-rank-1', 'xuat-sac'],
      [xnc, 3, 'total', 'kha'], // capped at Khá: its classification, not its place
      [canhVe, 4, 'total', 'kha'],
      [ngoaiTuyen, 4, 'tied', 'kha'],
    ]);
  });

  it('never lets a barred row share rank 1: level on every key, it is placed by the bar', () => {
    const l = ledgerOf({
      [anm]: [29, 47],
      [ktnv]: [29, 47],
      [xnc]: [20, 30],
      [ngoaiTuyen]: [20, 28],
      [canhVe]: [20, 26],
    });
    raise(l, 'kl-1', anm, 'ky-luat');
    expect(placements(l).slice(0, 2)).toEqual([
      [ktnv, 1, null, 'xuat-sac'],
      [anm, 2, 'barred-from-rank-1', 'xuat-sac'],
    ]);
  });

  it('bars rank 1 only: below it, a barred row and a free one with equal keys share their rank', () => {
    const l = ledgerOf({
      [ktnv]: [30, 48],
      [anm]: [28, 46],
      [xnc]: [28, 46],
      [canhVe]: [20, 30],
      [ngoaiTuyen]: [20, 22],
    });
    raise(l, 'kl-1', anm, 'ky-luat');
    expect(placements(l)).toEqual([
      [ktnv, 1, null, 'xuat-sac'],
      [anm, 2, 'total', 'xuat-sac'],
      [xnc, 2, 'tied', 'xuat-sac'],
      [canhVe, 4, 'total', 'kha'],
      [ngoaiTuyen, 5, 'total', 'kha'],
    ]);
  });

  it('places a free row below barred ones by its points, and every row by points when all are barred', () => {
    const l = ledgerOf({
      [anm]: [30, 48],
      [ktnv]: [29, 47],
      [xnc]: [28, 46],
      [ngoaiTuyen]: [20, 30],
      [canhVe]: [20, 22],
    });
    raise(l, 'kl-1', anm, 'ky-luat');
    raise(l, 'kl-2', ktnv, 'ky-luat');
    expect(placements(l).slice(0, 4)).toEqual([
      [xnc, 1, null, 'xuat-sac'],
      [anm, 2, 'barred-from-rank-1', 'xuat-sac'],
      [ktnv, 3, 'total', 'xuat-sac'],
      [ngoaiTuyen, 4, 'total', 'kha'],
    ]);
    for (const [i, unitId] of [xnc, ngoaiTuyen, canhVe].entries()) raise(l, `kl-${i + 3}`, unitId, 'ky-luat');
    // Nobody may take rank 1 by the rule, yet the ranking still orders: the bars then decide nothing.
    expect(placements(l).map((r) => r.slice(0, 3))).toEqual([
      [anm, 1, null],
      [ktnv, 2, 'total'],
      [xnc, 3, 'total'],
      [ngoaiTuyen, 4, 'total'],
      [canhVe, 5, 'total'],
    ]);
  });
});
