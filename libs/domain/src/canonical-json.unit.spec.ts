import { canonicalJson } from './canonical-json.js';
import { prng } from './testing/prng.js';

/** The implementation before the one-pass rewrite, verbatim: the output must not change. */
function previousCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number');
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => previousCanonicalJson(v ?? null)).join(',')}]`;
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${previousCanonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

const ALPHABET = [
  'a',
  'Z',
  '0',
  '_',
  '-',
  ' ',
  '"',
  '\\',
  '\n',
  '\t',
  '\u0001',
  '\u007f',
  'ụ',
  'Đ',
  'ổ',
  'é',
  'e\u0301',
  '😀',
  '\ud800',
  '\udc00',
  '/',
  '\u2028',
];
const KEYS = [
  'a',
  'b',
  'B',
  'aa',
  '',
  '10',
  '2',
  '__proto__',
  'constructor',
  'Cụm',
  'cụm',
  'đ',
  'z',
  '😀',
  'ä',
];

function randomString(rnd: () => number, max = 8): string {
  let s = '';
  const n = Math.floor(rnd() * max);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  return s;
}

function randomNumber(rnd: () => number): number {
  const pick = Math.floor(rnd() * 8);
  if (pick === 0) return 0;
  if (pick === 1) return -0;
  if (pick === 2) return Math.round(rnd() * 10_000) / 100;
  if (pick === 3) return -Math.floor(rnd() * 1e6);
  if (pick === 4) return rnd() * 1e21;
  if (pick === 5) return rnd() * 1e-7;
  if (pick === 6) return Number.MAX_SAFE_INTEGER - Math.floor(rnd() * 10);
  return rnd();
}

function randomValue(rnd: () => number, depth: number): unknown {
  const kind = Math.floor(rnd() * (depth > 3 ? 6 : 9));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return rnd() < 0.5;
    case 3:
    case 4:
      return randomNumber(rnd);
    case 5:
      return randomString(rnd);
    case 6: {
      const array: unknown[] = [];
      const n = Math.floor(rnd() * 5);
      for (let i = 0; i < n; i++) array.push(randomValue(rnd, depth + 1));
      if (rnd() < 0.1) array.length += 2; // holes
      return array;
    }
    default: {
      const object: Record<string, unknown> = {};
      // Up to 12 keys: few-key objects and many-key ones are sorted differently.
      const n = Math.floor(rnd() * (rnd() < 0.2 ? 13 : 6));
      for (let i = 0; i < n; i++) {
        const key = rnd() < 0.7 ? KEYS[Math.floor(rnd() * KEYS.length)]! : randomString(rnd, 4);
        // defineProperty: an own "__proto__" key, as JSON.parse makes it.
        Object.defineProperty(object, key, {
          value: randomValue(rnd, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return object;
    }
  }
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'Cụm'], c: undefined, b: null } })).toBe(
      '{"a":{"b":null,"d":[1,"Cụm"]},"b":1}',
    );
  });
  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ x: NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Infinity])).toThrow(TypeError);
    expect(() => canonicalJson(-Infinity)).toThrow(TypeError);
  });

  it('gives exactly what the previous implementation gave, on random nested values', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const value = randomValue(prng(seed), 0);
      expect({ seed, json: canonicalJson(value) }).toEqual({ seed, json: previousCanonicalJson(value) });
    }
  });

  it('keeps the corner cases of the previous implementation', () => {
    const fn = (): void => undefined;
    const sparse = [1, , undefined, null, fn, Symbol('s')];
    const proto = JSON.parse('{"__proto__":{"b":1},"a":[]}') as unknown;
    const cases: unknown[] = [
      undefined,
      null,
      -0,
      1e21,
      'e\u0301',
      '\ud800',
      sparse,
      { f: fn, u: undefined, n: null },
      proto,
      new Date(0),
      new Map([['a', 1]]),
      Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 }),
      { '10': 1, '2': 2, b: 3, B: 4, '': 5 },
    ];
    for (const value of cases) expect(canonicalJson(value)).toBe(previousCanonicalJson(value));
    expect(() => canonicalJson({ big: 1n })).toThrow(TypeError);
  });
});
