/**
 * The ranker (rank.ts) on small streams built by hand: what-if refusals with their exact fields, entries
 * it leaves out and why, classification boundaries, knock-outs and the bar from rank 1.
 */
import { canonicalJson } from '../canonical-json.js';
import { scheme, UNITS } from '../testing/fixtures.js';
import { errorOf, Play, record } from '../testing/played-year.js';
import { referenceEvaluateRanking } from '../testing/reference-evaluator.js';
import { evaluateRanking, explainYearFold, rankYearFold, whatIf } from './evaluate.js';
import { foldYearLog, yearLog } from './year-log.js';
import type { Ranking } from './evaluator.types.js';

const { anm, ktnv, ngoaiTuyen, xnc, canhVe } = {
  anm: UNITS.anm.id,
  ktnv: UNITS.ktnv.id,
  ngoaiTuyen: UNITS.ngoaiTuyen.id,
  xnc: UNITS.xnc.id,
  canhVe: UNITS.canhVe.id,
};

/** The five units, scheme version 1 (the fixture's, with `more`), Q1 open. */
function year(more: Record<string, unknown> = {}): Play {
  const play = new Play();
  for (const u of Object.values(UNITS)) play.add('UnitAdmitted', { unitId: u.id });
  play.add('ScoringSchemePublished', { version: 1, ...scheme, ...more });
  play.add('PeriodOpened', { period: 'Q1' });
  return play;
}

/** Records `points` for `unitId` on `criterion` (entry `${unitId}/${criterion}`). */
function score(play: Play, unitId: string, criterion: string, points: number, more = {}): string {
  const entryId = `${unitId}/${criterion}`;
  play.add('ScoreRecorded', record(entryId, points, { unitId, criterion, ...more }));
  return entryId;
}

const rowOf = (r: Ranking, unitId: string) => r.rows.find((x) => x.unitId === unitId)!;

describe('rank: what-if refusals name the offending field', () => {
  it.each([
    [{ exclude: [`${anm}/xd-dang`, 'nope'] }, 'ENTRY_NOT_FOUND', 'not-found', 'exclude[1]'],
    [
      {
        overrides: [
          { entryId: `${anm}/xd-dang`, points: 1 },
          { entryId: 'nope', points: 1 },
        ],
      },
      'ENTRY_NOT_FOUND',
      'not-found',
      'overrides[1].entryId',
    ],
    [
      { overrides: [{ entryId: `${ktnv}/xd-dang`, points: 1 }] },
      'ENTRY_WITHDRAWN',
      'unprocessable',
      'overrides[0].entryId',
    ],
    [
      {
        overrides: [
          { entryId: `${anm}/xd-dang`, points: 1 },
          { entryId: `${anm}/xd-dang`, points: 2 },
        ],
      },
      'OVERRIDE_CONFLICT',
      'unprocessable',
      'overrides[1].entryId',
    ],
    [
      { exclude: [`${anm}/xd-dang`], overrides: [{ entryId: `${anm}/xd-dang`, points: 1 }] },
      'OVERRIDE_CONFLICT',
      'unprocessable',
      'overrides[0].entryId',
    ],
    [
      { overrides: [{ entryId: `${anm}/xd-dang`, points: 30.01 }] },
      'POINTS_OUT_OF_RANGE',
      'unprocessable',
      'overrides[0].points',
    ],
  ])('%j → %s', (options, code, status, field) => {
    const play = year();
    score(play, anm, 'xd-dang', 20);
    score(play, ktnv, 'xd-dang', 20);
    play.add('ScoreWithdrawn', { period: 'Q1', entryId: `${ktnv}/xd-dang`, reason: 'Trùng' });
    expect(errorOf(() => whatIf(play.events, 'Q1', options))).toMatchObject({ code, status, field });
  });

  it('takes an override up to the criterion’s maximum, any size when the scheme has no such criterion or no scheme', () => {
    const play = year();
    const entryId = score(play, anm, 'xd-dang', 20);
    expect(
      rowOf(whatIf(play.events, 'Q1', { overrides: [{ entryId, points: 30 }] }).hypothetical, anm).total,
    ).toBe(30);
    const unknown = score(play, anm, 'khac', 5);
    expect(() =>
      whatIf(play.events, 'Q1', { overrides: [{ entryId: unknown, points: 1000 }] }),
    ).not.toThrow();
    const bare = new Play();
    bare.add('UnitAdmitted', { unitId: anm });
    bare.add('PeriodOpened', { period: 'Q1' });
    const only = score(bare, anm, 'xd-dang', 5);
    expect(
      whatIf(bare.events, 'Q1', { overrides: [{ entryId: only, points: 1000 }] }).hypothetical,
    ).toMatchObject({ schemeVersion: null, hypothetical: true });
  });

  it('marks a what-if with exclusions only as hypothetical', () => {
    const play = year();
    const entryId = score(play, anm, 'xd-dang', 20);
    expect(whatIf(play.events, 'Q1', { exclude: [entryId] }).hypothetical.hypothetical).toBe(true);
    expect(evaluateRanking(play.events, 'Q1').hypothetical).toBe(false);
  });
});

describe('rank: entries left out', () => {
  it('leaves out points above the maximum (listed, shown as ignored), unless a what-if overrides or excludes them', () => {
    const play = year();
    const over = score(play, anm, 'xd-dang', 35);
    score(play, anm, 'chuyen-mon', 40);
    const ranking = evaluateRanking(play.events, 'Q1');
    expect(rowOf(ranking, anm).total).toBe(40);
    expect(ranking.ignoredEntries).toEqual([
      { entryId: over, unitId: anm, criterion: 'xd-dang', reason: 'points-above-max' },
    ]);
    const explained = explainYearFold(play.fold, 'Q1');
    const detail = explained.rows.find((r) => r.unitId === anm)!.explain.find((c) => c.code === 'xd-dang')!;
    expect(detail.entries.map((e) => [e.entryId, e.status, e.used])).toEqual([[over, 'ignored', false]]);
    const overridden = whatIf(play.events, 'Q1', { overrides: [{ entryId: over, points: 25 }] }).hypothetical;
    expect(rowOf(overridden, anm).total).toBe(65);
    expect(overridden.ignoredEntries).toEqual([]);
    expect(whatIf(play.events, 'Q1', { exclude: [over] }).hypothetical.ignoredEntries).toEqual([]);
  });

  it('uses per criterion the latest usable entry of the strongest assessment; explain lists every entry', () => {
    // The decider keeps one active entry per assessment; the evaluator folds any log, so it picks.
    const play = year();
    const entry = (id: string, points: number, assessment: string): void => {
      play.add('ScoreRecorded', record(id, points, { unitId: anm, criterion: 'xd-dang', assessment }));
    };
    entry('s1', 5, 'self');
    entry('c1', 10, 'cluster');
    entry('c2', 12, 'cluster');
    entry('s2', 6, 'self');
    const used = (): number | undefined => rowOf(evaluateRanking(play.events, 'Q1'), anm).total;
    expect(used()).toBe(12); // c2: the latest cluster entry, over any self entry
    entry('c3', 31, 'cluster'); // above the maximum: ignored, so c2 still counts
    expect(used()).toBe(12);
    entry('a1', 3, 'appraisal');
    expect(used()).toBe(3);
    play.add('ScoreWithdrawn', { entryId: 'a1', period: 'Q1', reason: 'nhập nhầm' });
    expect(used()).toBe(12);
    const detail = explainYearFold(play.fold, 'Q1')
      .rows.find((r) => r.unitId === anm)!
      .explain.find((c) => c.code === 'xd-dang')!;
    expect(detail.entries.map((e) => [e.entryId, e.status, e.used])).toEqual([
      ['s1', 'active', false],
      ['c1', 'active', false],
      ['c2', 'active', true],
      ['s2', 'active', false],
      ['c3', 'ignored', false],
      ['a1', 'withdrawn', false],
    ]);
  });

  it('counts nothing from an entry of an assessment it does not know', () => {
    const play = year();
    score(play, anm, 'xd-dang', 20, { assessment: 'peer' });
    expect(rowOf(evaluateRanking(play.events, 'Q1'), anm)).toMatchObject({ total: 0, criteria: [] });
  });

  it('makes criterion scores with one constructor (no object literal V8 would pretenure), keys in CriterionScore order', () => {
    const play = year();
    score(play, anm, 'xd-dang', 20);
    score(play, ktnv, 'xd-dang', 18, { assessment: 'cluster' });
    const scores = evaluateRanking(play.events, 'Q1').rows.flatMap((r) => r.criteria);
    expect(scores).toHaveLength(2);
    const prototypes = new Set(scores.map((s) => Object.getPrototypeOf(s)));
    expect(prototypes.size).toBe(1);
    expect(prototypes.has(Object.prototype)).toBe(false);
    // The stored documents' bytes follow the key order.
    expect(scores.map((s) => Object.keys(s))).toEqual([
      ['code', 'points', 'source', 'entryId'],
      ['code', 'points', 'source', 'entryId'],
    ]);
  });

  it('writes a group named __proto__ as an own field of the row', () => {
    const play = year({
      criteria: [{ code: 'a', title: 'A', group: '__proto__', maxPoints: 10, kind: 'score' }],
      tieBreaks: [],
    });
    score(play, anm, 'a', 7);
    const groups = rowOf(evaluateRanking(play.events, 'Q1'), anm).groups;
    expect(Object.getPrototypeOf(groups)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(groups, '__proto__')?.value).toBe(7);
  });
});

describe('rank: classification and knock-outs', () => {
  it('classifies a total exactly at a threshold at that threshold, one hundredth below at the next', () => {
    const play = year();
    score(play, anm, 'xd-dang', 25);
    score(play, ktnv, 'xd-dang', 24.99);
    for (const unitId of [anm, ktnv]) {
      score(play, unitId, 'chuyen-mon', 50);
      score(play, unitId, 'phong-trao', 0);
    }
    const ranking = evaluateRanking(play.events, 'Q1');
    expect(rowOf(ranking, anm)).toMatchObject({ total: 75, classification: { code: 'tot' } });
    expect(rowOf(ranking, ktnv)).toMatchObject({ total: 74.99, classification: { code: 'kha' } });
    expect('sealedDigest' in ranking).toBe(false);
  });

  it('names a cap with the threshold it caps to, a bar from rank 1 without one', () => {
    const play = year({
      knockOuts: [
        { code: 'cap', label: 'Vi phạm', effect: 'cap-classification', capTo: 'kha' },
        { code: 'bar', label: 'Kỷ luật', effect: 'bar-rank-1' },
      ],
    });
    for (const [findingId, knockOut] of [
      ['f-1', 'cap'],
      ['f-2', 'bar'],
    ])
      play.add('FindingRecorded', { findingId, unitId: anm, period: 'Q1', knockOut, evidence: 'Biên bản' });
    expect(rowOf(evaluateRanking(play.events, 'Q1'), anm).cappedBy).toStrictEqual([
      {
        findingId: 'f-1',
        knockOut: 'cap',
        label: 'Vi phạm',
        effect: 'cap-classification',
        capTo: 'kha',
        evidence: 'Biên bản',
      },
      { findingId: 'f-2', knockOut: 'bar', label: 'Kỷ luật', effect: 'bar-rank-1', evidence: 'Biên bản' },
    ]);
  });

  function barred(barredUnits: string[], totals: Record<string, number>): Play {
    const play = year({ knockOuts: [{ code: 'bar', label: 'Kỷ luật', effect: 'bar-rank-1' }] });
    for (const [unitId, points] of Object.entries(totals)) score(play, unitId, 'xd-dang', points);
    barredUnits.forEach((unitId, i) =>
      play.add('FindingRecorded', {
        findingId: `f-${i}`,
        unitId,
        period: 'Q1',
        knockOut: 'bar',
        evidence: 'BB',
      }),
    );
    return play;
  }

  it('lets a barred row share a rank below 1 with the rows level with it', () => {
    // anm alone first; ngoaiTuyen and xnc level second, xnc (listed after it) barred.
    const play = barred([xnc], { [anm]: 30, [ngoaiTuyen]: 20, [xnc]: 20 });
    const rows = explainYearFold(play.fold, 'Q1').rows;
    expect(rows.slice(0, 3).map((r) => [r.unitId, r.rank, r.placedBy?.by ?? null])).toEqual([
      [anm, 1, null],
      [ngoaiTuyen, 2, 'total'],
      [xnc, 2, 'tied'],
    ]);
  });

  it.each([
    ['sorts between the free rows', ktnv, [anm, ngoaiTuyen]],
    ['sorts before the free rows', anm, [ktnv, ngoaiTuyen]],
  ])(
    'gives rank 1 to every free row level at the top when a barred row level with them %s',
    (_, bar, free) => {
      // Three rows level at 20: the two free ones share rank 1 whatever the ids; the barred one is third.
      const play = barred([bar], { [anm]: 20, [ktnv]: 20, [ngoaiTuyen]: 20 });
      const rows = rankYearFold(play.fold, 'Q1').rows;
      expect(rows.slice(0, 3).map((r) => [r.unitId, r.rank])).toEqual([
        [free[0], 1],
        [free[1], 1],
        [bar, 3],
      ]);
    },
  );

  it('ranks a period where every row is barred', () => {
    const play = barred(
      Object.values(UNITS).map((u) => u.id),
      { [canhVe]: 10 },
    );
    expect(rankYearFold(play.fold, 'Q1').rows.map((r) => [r.unitId, r.rank])).toEqual([
      [canhVe, 1],
      [anm, 2],
      [ktnv, 2],
      [ngoaiTuyen, 2],
      [xnc, 2],
    ]);
  });
});

describe('rank: sort keys, work arrays, the rows’ own constructors', () => {
  /** ktnv, xnc and ngoai-tuyen at 80 each; ngoai-tuyen alone has diem-thuong (3). */
  function tied(tieBreaks: readonly string[]): Play {
    const play = year({ tieBreaks });
    for (const [unitId, xd, cm, pt, bonus] of [
      [ktnv, 30, 50, 0, 0],
      [xnc, 30, 49, 1, 0], // level with ktnv in total, group and bonus, not in chuyen-mon
      [ngoaiTuyen, 27, 50, 0, 3],
    ] as const) {
      score(play, unitId, 'xd-dang', xd);
      score(play, unitId, 'chuyen-mon', cm);
      score(play, unitId, 'phong-trao', pt);
      if (bonus > 0) score(play, unitId, 'diem-thuong', bonus);
    }
    return play;
  }
  const places = (play: Play) =>
    evaluateRanking(play.events, 'Q1')
      .rows.slice(0, 3)
      .map((r) => [r.unitId, r.total, r.rank]);

  it('breaks a tie by a criterion that is not the scheme’s first, as the reference does', () => {
    const play = tied(['criterion:diem-thuong']);
    expect(places(play)).toEqual([
      [ngoaiTuyen, 80, 1],
      [ktnv, 80, 2],
      [xnc, 80, 2],
    ]);
    expect(canonicalJson(evaluateRanking(play.events, 'Q1'))).toBe(
      canonicalJson(referenceEvaluateRanking(play.events, 'Q1')),
    );
  });

  it('counts a tie-break naming a group or criterion the scheme lacks as level (0 for every row)', () => {
    const play = tied(['group:Không có', 'criterion:khong-co', 'bonus']);
    expect(places(play)).toEqual([
      [ngoaiTuyen, 80, 1], // decided by the bonus, after two levels
      [ktnv, 80, 2],
      [xnc, 80, 2],
    ]);
    expect(canonicalJson(evaluateRanking(play.events, 'Q1'))).toBe(
      canonicalJson(referenceEvaluateRanking(play.events, 'Q1')),
    );
  });

  it('ranks more members, criteria and strings than the work arrays first hold, from events and from a year log', () => {
    const play = new Play();
    const units = Array.from({ length: 300 }, (_, i) => `don-vi-${String(i).padStart(3, '0')}`);
    for (const unitId of units) play.add('UnitAdmitted', { unitId });
    play.add('ScoringSchemePublished', { version: 1, ...scheme });
    play.add('PeriodOpened', { period: 'Q1' });
    units.forEach((unitId, i) => {
      score(play, unitId, 'xd-dang', i % 31);
      score(play, unitId, 'chuyen-mon', (i * 7) % 51);
      if (i % 3 === 0) score(play, unitId, 'phong-trao', i % 21);
      if (i % 5 === 0) score(play, unitId, 'diem-tru', i % 4);
    });
    const expected = canonicalJson(referenceEvaluateRanking(play.events, 'Q1'));
    expect(canonicalJson(evaluateRanking(play.events, 'Q1'))).toBe(expected);
    expect(canonicalJson(rankYearFold(foldYearLog(yearLog(play.events), 'Q1'), 'Q1'))).toBe(expected);
    // The work arrays grew past their first sizes (256 cells, keys and strings; 64 columns and groups).
    const rows = evaluateRanking(play.events, 'Q1').rows;
    expect(rows.length * scheme.criteria.length).toBeGreaterThan(256);
    expect(new Set(rows.map((r) => r.rank)).size).toBeGreaterThan(30);
  });

  it('makes rows, classifications and groups by constructors, keys in RankingRow order', () => {
    const play = tied(['bonus']);
    score(play, anm, 'xd-dang', 1); // anm misses criteria: unclassified
    const rows = evaluateRanking(play.events, 'Q1').rows;
    for (const made of [rows[0]!, rows[0]!.classification!, rows[0]!.groups])
      expect(Object.getPrototypeOf(made)).not.toBe(Object.prototype);
    // The stored documents' bytes follow the key order.
    const fixed = ['unitId', 'total', 'groups', 'bonus', 'penalty', 'rank', 'classification', 'criteria'];
    expect(Object.keys(rows[0]!)).toEqual([...fixed, 'missingCriteria']);
    expect(Object.keys(rowOf(evaluateRanking(play.events, 'Q1'), anm))).toEqual([
      ...fixed,
      'missingCriteria',
      'unclassified',
    ]);
    expect(Object.keys(rows[0]!.groups)).toEqual(['Xây dựng lực lượng', 'Nghiệp vụ']);
  });
});
