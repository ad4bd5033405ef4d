import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import { PERIODS } from '../periods.js';
import { realisticYear } from '../testing/realistic-year.js';
import { rankingDigestInput, rankingForDigest, writeRankingDigestInput } from './digest.js';
import { evaluateRanking } from './evaluate.js';
import type { Ranking } from './evaluator.types.js';
import { prng } from '../testing/prng.js';

/** The definition the digest writer must give byte for byte (and what it was before the writer). */
const definition = (ranking: Ranking): string => canonicalJson(rankingForDigest(ranking));

const TEXTS = [
  'Xuất sắc',
  'chưa đủ điểm',
  'Đơn vị',
  'e\u0301',
  '"q"\\',
  '\n\t',
  '😀',
  '\ud800',
  'cụm-1',
  '',
  ' ~!#[]',
  '\u007f',
  '\u2028',
];
const GROUP_KEYS = ['Xây dựng lực lượng', 'Nghiệp vụ', 'a', 'B', '10', '2', '__proto__', 'constructor', ''];

/** A ranking as the evaluator gives it, each part now and then missing, undefined or of another shape. */
function randomRanking(rnd: () => number): Ranking {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const maybe = <T>(v: T, p = 0.08): T | undefined => (rnd() < p ? undefined : v);
  const points = (): number => pick([0, -0, 12.5, 99.75, 1e21, 3e-7, Math.round(rnd() * 2000) / 100]);
  const oddValue = (): unknown => pick([null, 'x', 1, { z: 1, a: [2, undefined] }, [1, , 3], () => 1]);
  const score = (): unknown => {
    if (rnd() < 0.08) return oddValue();
    const c: Record<string, unknown> = {
      code: maybe(rnd() < 0.2 ? pick(TEXTS) : `tc-${Math.floor(rnd() * 30)}`),
      points: rnd() < 0.05 ? pick(['7', null]) : points(),
      source: rnd() < 0.2 ? pick(TEXTS) : pick(['self', 'cluster', 'appraisal']),
      entryId: `${Math.floor(rnd() * 1e9).toString(16)}-${pick(TEXTS)}`,
    };
    if (rnd() < 0.05) c.note = pick(TEXTS); // a fifth key
    if (rnd() < 0.03) delete c.source; // three keys
    return c;
  };
  const groups = (): Record<string, unknown> => {
    const g: Record<string, unknown> = {};
    const n = Math.floor(rnd() * 5);
    for (let i = 0; i < n; i++)
      // defineProperty: an own "__proto__" key, as the evaluator makes it for such a group.
      Object.defineProperty(g, pick(GROUP_KEYS), {
        value: maybe(points()),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return g;
  };
  const row = (i: number): unknown => {
    const criteria: unknown[] = [];
    const n = Math.floor(rnd() * 6);
    for (let j = 0; j < n; j++) criteria.push(score());
    if (rnd() < 0.05) criteria.length += 1; // a hole
    if (rnd() < 0.05) criteria.push(undefined);
    const r: Record<string, unknown> = {
      unitId: maybe(`don-vi-${i}-${pick(TEXTS)}`),
      total: maybe(points()),
      groups: rnd() < 0.05 ? oddValue() : maybe(groups()),
      bonus: maybe(points()),
      penalty: maybe(points()),
      rank: maybe(i + 1),
      classification:
        rnd() < 0.3 ? null : maybe(rnd() < 0.1 ? oddValue() : { code: 'xuat-sac', label: pick(TEXTS) }),
      criteria: rnd() < 0.03 ? oddValue() : maybe(criteria, 0.03),
      missingCriteria: maybe(rnd() < 0.3 ? [`tc-${i}`, pick(TEXTS)] : []),
    };
    if (rnd() < 0.2) r.unclassified = 'chưa đủ điểm';
    if (rnd() < 0.2)
      r.cappedBy = [
        {
          findingId: 'f-1',
          knockOut: 'ky-luat',
          label: pick(TEXTS),
          effect: 'cap-classification',
          capTo: maybe('kha', 0.5),
          evidence: pick(TEXTS),
        },
      ];
    if (rnd() < 0.1) Object.assign(r, { placedBy: null, explain: [{ code: 'x' }] }); // not digested
    return rnd() < 0.02 ? pick([7, 'row']) : r;
  };
  const rows: unknown[] = [];
  const n = Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) rows.push(row(i));
  if (rnd() < 0.05) rows.length += 1; // a hole
  return {
    clusterId: maybe(`cum-${pick(TEXTS)}`),
    year: maybe(2025),
    period: maybe(pick(['Q1', 'H1', 'Y'])),
    status: 'open',
    schemeVersion: rnd() < 0.2 ? null : maybe(3),
    position: 42,
    revisedBy: [],
    hypothetical: false,
    ignoredEntries: [],
    rows,
  } as unknown as Ranking;
}

const piecesOf = (ranking: Ranking): string[] => {
  const pieces: string[] = [];
  writeRankingDigestInput(ranking, (p) => pieces.push(p));
  return pieces;
};

describe('the ranking digest writer', () => {
  it('gives canonicalJson(rankingForDigest(ranking)) byte for byte, on random rankings', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const ranking = randomRanking(prng(seed));
      expect({ seed, text: rankingDigestInput(ranking) }).toEqual({ seed, text: definition(ranking) });
      expect({ seed, text: piecesOf(ranking).join('') }).toEqual({ seed, text: definition(ranking) });
    }
  });

  it('writes scores with inherited or non-enumerable keys as canonicalJson does', () => {
    const ranking = randomRanking(prng(11));
    const inherited = Object.create({ points: 5 }) as Record<string, unknown>;
    Object.assign(inherited, { code: 'a', entryId: 'e', source: 's' });
    const extra = Object.create({ note: 'x' }) as Record<string, unknown>;
    Object.assign(extra, { code: 'a', entryId: 'e', points: 1, source: 's' });
    const hidden = { code: 'a', entryId: 'e', points: 2 } as Record<string, unknown>;
    Object.defineProperty(hidden, 'source', { value: 's', enumerable: false });
    const row = { unitId: 'u', total: 1, criteria: [inherited, extra, hidden] };
    const odd = { ...ranking, rows: [row] } as unknown as Ranking;
    expect(rankingDigestInput(odd)).toBe(definition(odd));
  });

  it('checks the criterion scores without an Object.keys array per score', () => {
    const row = (u: number) => ({
      unitId: `u-${u}`,
      total: 10,
      rank: u + 1,
      criteria: Array.from({ length: 10 }, (_, i) => ({
        code: `tc-${i}`,
        points: i / 4,
        source: 'cluster',
        entryId: `e-${u}-${i}`,
      })),
    });
    const ranking = {
      ...randomRanking(prng(5)),
      rows: Array.from({ length: 20 }, (_, u) => row(u)),
    } as Ranking;
    const scores = 200;
    const keys = Object.keys;
    let calls = 0;
    Object.keys = (o: object) => {
      calls += 1;
      return keys(o);
    };
    try {
      piecesOf(ranking);
    } finally {
      Object.keys = keys;
    }
    expect(calls).toBeLessThan(scores / 10);
  });

  it('refuses a non-finite number as canonicalJson does', () => {
    const ranking = randomRanking(prng(7));
    const row = { unitId: 'a', total: NaN, criteria: [] } as unknown as Ranking['rows'][number];
    const bad = { ...ranking, rows: [row] };
    expect(() => definition(bad)).toThrow(TypeError);
    expect(() => rankingDigestInput(bad)).toThrow(TypeError);
    const badScore = {
      ...row,
      total: 1,
      criteria: [{ code: 'a', entryId: 'e', points: Infinity, source: 's' }],
    } as unknown as Ranking['rows'][number];
    expect(() => rankingDigestInput({ ...ranking, rows: [badScore] })).toThrow(TypeError);
  });

  it('gives the realistic year the digests it sealed before the writer (pinned), a row a piece', () => {
    const events = realisticYear().events;
    const digests = PERIODS.map(({ code }) => {
      const ranking = evaluateRanking(events, code);
      const pieces = piecesOf(ranking);
      expect(pieces).toHaveLength(ranking.rows.length + 2);
      const hash = createHash('sha256');
      for (const p of pieces) hash.update(p, 'utf8');
      return `${code} ${hash.digest('hex')}`;
    });
    expect(digests).toEqual(PINNED);
  });
});

/** sha256 of canonicalJson(rankingForDigest(evaluateRanking(realisticYear().events, period))) on main at 4be39b2. */
const PINNED = [
  'Q1 67b72a9a73da0835a8f3812f6fe8cb44d088d2a071d713300afeac8fb8fd958d',
  'Q2 502b684c0c1632536969b1c8867ddb25495e3e48391fba8681a717b5e610d6ec',
  'Q3 adbd8206d8b04cce0ed276ea125c6ca7e1710cc849ec4ea7f30fb8a3b615af40',
  'Q4 fa6d3fb73002fb70ff7b48ba947d97501f2ea2e8f000f7b634d6e1ed44fa1fdc',
  'H1 5796f5c1f230cc0270641ea5185f195c88a1eb145f4d46c59822414d5250bc89',
  'M9 5d240e22dbf6e3749cf02ad32263e9f4f63cc28d52676abc7856be0431d56469',
  'Y e65f520f13ac098cdf6c2cac41dbb0a7237444308537a960744d1914690b01ae',
];
