import { ey, UNITS, chair } from '../testing/fixtures.js';
import { score, startedLedger } from '../testing/ledger.js';
import { explainRanking, whatIf } from './evaluate.js';

const { anm, ktnv, ngoaiTuyen, xnc, canhVe } = {
  anm: UNITS.anm.id,
  ktnv: UNITS.ktnv.id,
  ngoaiTuyen: UNITS.ngoaiTuyen.id,
  xnc: UNITS.xnc.id,
  canhVe: UNITS.canhVe.id,
};

function ledger() {
  const l = startedLedger();
  for (const [u, xd, cm, pt] of [
    [anm, 30, 45, 18],
    [ktnv, 28, 45, 18],
    [ngoaiTuyen, 25, 40, 15],
    [xnc, 26, 40, 14],
  ] as const) {
    score(l, u, 'xd-dang', xd);
    score(l, u, 'chuyen-mon', cm);
    score(l, u, 'phong-trao', pt);
  }
  score(l, canhVe, 'xd-dang', 20, 'self');
  score(l, canhVe, 'chuyen-mon', 30);
  return l;
}

describe('evaluator: what-if', () => {
  it('overrides and exclusions give a hypothetical ranking and the diff to the actual one', () => {
    const l = ledger();
    const result = whatIf(l.events, 'Q1', {
      overrides: [{ entryId: `${xnc}-chuyen-mon-cluster-q1`, points: 46 }],
      exclude: [`${canhVe}-xd-dang-self-q1`],
    });
    expect(result.actual.hypothetical).toBe(false);
    expect(result.hypothetical.hypothetical).toBe(true);
    expect(result.diff).toEqual([
      {
        unitId: canhVe,
        totalBefore: 50,
        totalAfter: 30,
        rankBefore: 5,
        rankAfter: 5,
        // phong-trao is missing: unclassified either way ("chưa đủ điểm").
        classificationBefore: null,
        classificationAfter: null,
      },
      {
        unitId: ngoaiTuyen,
        totalBefore: 80,
        totalAfter: 80,
        rankBefore: 3,
        rankAfter: 4,
        classificationBefore: 'tot',
        classificationAfter: 'tot',
      },
      {
        unitId: xnc,
        totalBefore: 80,
        totalAfter: 86,
        rankBefore: 4,
        rankAfter: 3,
        classificationBefore: 'tot',
        classificationAfter: 'tot',
      },
    ]);
    expect(result.hypothetical.rows.find((r) => r.unitId === canhVe)!.missingCriteria).toEqual([
      'xd-dang',
      'phong-trao',
    ]);
  });

  it('says how each row was placed: by a lower total, a tie-break, or every key equal', () => {
    const l = ledger();
    const placements = (rows: ReadonlyArray<{ unitId: string; rank: number; placedBy: unknown }>) =>
      rows.map(({ unitId, rank, placedBy }) => ({ unitId, rank, placedBy }));
    // ktnv's xd-dang 28 → 30 makes its every key equal to anm's (93, Nghiệp vụ 63, no bonus or penalty).
    const { actual, hypothetical } = whatIf(l.events, 'Q1', {
      overrides: [{ entryId: `${ktnv}-xd-dang-cluster-q1`, points: 30 }],
    });
    expect(placements(actual.rows)).toEqual(placements(explainRanking(l.events, 'Q1').rows));
    expect(placements(actual.rows).slice(2, 4)).toEqual([
      { unitId: ngoaiTuyen, rank: 3, placedBy: { aboveUnitId: ktnv, by: 'total' } },
      // 80 each: Nghiệp vụ 55 against 54, the scheme's first tie-break.
      { unitId: xnc, rank: 4, placedBy: { aboveUnitId: ngoaiTuyen, by: 'group:Nghiệp vụ' } },
    ]);
    expect(placements(hypothetical.rows).slice(0, 3)).toEqual([
      { unitId: anm, rank: 1, placedBy: null },
      { unitId: ktnv, rank: 1, placedBy: { aboveUnitId: anm, by: 'tied' } },
      { unitId: ngoaiTuyen, rank: 3, placedBy: { aboveUnitId: ktnv, by: 'total' } },
    ]);
  });

  it('excluding a cluster entry falls back to the self entry', () => {
    const l = ledger();
    const self = score(l, xnc, 'chuyen-mon', 48, 'self');
    const { hypothetical, diff } = whatIf(l.events, 'Q1', { exclude: [`${xnc}-chuyen-mon-cluster-q1`] });
    expect(
      hypothetical.rows.find((r) => r.unitId === xnc)!.criteria.find((c) => c.code === 'chuyen-mon'),
    ).toEqual({
      code: 'chuyen-mon',
      points: 48,
      source: 'self',
      entryId: self,
    });
    expect(diff.find((d) => d.unitId === xnc)).toMatchObject({ totalBefore: 80, totalAfter: 88 });
  });

  it('explain marks overridden and excluded entries', () => {
    const l = ledger();
    const cm = `${xnc}-chuyen-mon-cluster-q1`;
    const r = explainRanking(l.events, 'Q1', {
      overrides: [{ entryId: cm, points: 46 }],
      exclude: [`${xnc}-xd-dang-cluster-q1`],
    });
    const x = r.rows.find((y) => y.unitId === xnc)!;
    expect(x.explain.find((c) => c.code === 'chuyen-mon')!.entries[0]).toMatchObject({
      points: 40,
      overriddenTo: 46,
      used: true,
      status: 'active',
    });
    expect(x.explain.find((c) => c.code === 'xd-dang')!.entries[0]).toMatchObject({
      status: 'excluded',
      used: false,
    });
  });

  it('applies as of a position to both sides', () => {
    const l = ledger();
    const at = l.lastPosition;
    l.run(ey('CorrectScore', chair, { entryId: `${xnc}-chuyen-mon-cluster-q1`, points: 50, reason: 'r' }));
    const { actual, diff } = whatIf(l.events, 'Q1', {
      upToPosition: at,
      overrides: [{ entryId: `${xnc}-phong-trao-cluster-q1`, points: 15 }],
    });
    expect(actual.rows.find((r) => r.unitId === xnc)!.total).toBe(80);
    expect(diff).toEqual(
      [
        {
          unitId: xnc,
          totalBefore: 80,
          totalAfter: 81,
          rankBefore: 4,
          rankAfter: 3,
          classificationBefore: 'tot',
          classificationAfter: 'tot',
        },
        {
          unitId: ngoaiTuyen,
          totalBefore: 80,
          totalAfter: 80,
          rankBefore: 3,
          rankAfter: 4,
          classificationBefore: 'tot',
          classificationAfter: 'tot',
        },
      ].sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
    );
  });

  it('refuses unknown, withdrawn, doubly-named entries and points out of range', () => {
    const l = ledger();
    const cm = `${xnc}-chuyen-mon-cluster-q1`;
    expect(() => whatIf(l.events, 'Q1', { overrides: [{ entryId: 'e-404', points: 1 }] })).toThrow(
      expect.objectContaining({ code: 'ENTRY_NOT_FOUND' }),
    );
    expect(() => whatIf(l.events, 'Q1', { exclude: ['e-404'] })).toThrow(
      expect.objectContaining({ code: 'ENTRY_NOT_FOUND' }),
    );
    expect(() => whatIf(l.events, 'Q1', { overrides: [{ entryId: cm, points: 51 }] })).toThrow(
      expect.objectContaining({ code: 'POINTS_OUT_OF_RANGE' }),
    );
    expect(() => whatIf(l.events, 'Q1', { overrides: [{ entryId: cm, points: 1 }], exclude: [cm] })).toThrow(
      expect.objectContaining({ code: 'OVERRIDE_CONFLICT' }),
    );
    l.run(ey('WithdrawScore', chair, { entryId: cm, reason: 'r' }));
    expect(() => whatIf(l.events, 'Q1', { overrides: [{ entryId: cm, points: 1 }] })).toThrow(
      expect.objectContaining({ code: 'ENTRY_WITHDRAWN' }),
    );
  });
});
