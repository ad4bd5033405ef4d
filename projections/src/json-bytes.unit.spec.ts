import { jsonBytes, JsonBytesWriter } from './json-bytes.js';

/** What every body must equal: Fastify's bytes for it. */
const expected = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));

class Row {
  constructor(
    readonly unitId: string,
    readonly total: number,
  ) {}
  hidden = undefined;
}

const awkward = {
  name: 'Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ',
  escapes: 'quote " backslash \\ newline \n tab \t line separator \u2028 control \u0001',
  lone: 'lone surrogates \ud800 and \udfff, a pair 😀',
  numbers: [0, -0, 1.5, 1e21, 1e-7, NaN, Infinity, -Infinity],
  holes: [1, undefined, () => 1, Symbol('s'), null, , 3], // eslint-disable-line no-sparse-arrays
  skipped: { a: undefined, b: () => 1, c: Symbol('c'), d: 1 },
  empty: { object: {}, array: [] as unknown[], nested: [[], [{}], { x: [] }] },
  date: new Date('2021-06-30T17:00:00.000Z'),
  toJSON: { inner: { toJSON: (key: string) => `called with ${key}` } },
  toUndefined: { gone: { toJSON: () => undefined }, kept: 1 },
  boxed: [new Number(2), new String('s'), new Boolean(false)], // eslint-disable-line no-new-wrappers
  rows: [new Row('cuc-ktnv', 94.5), new Row('cuc-qlxnc', 86)],
  collections: { map: new Map([[1, 2]]), set: new Set([1]), typed: new Uint8Array([7, 8]) },
  deep: { a: { b: { c: { d: { e: [1, { f: 'sâu' }] } } } } },
  '': 'an empty key',
  '0': 'a key that is an index',
};

describe('jsonBytes', () => {
  it.each([0, 1, 2, 3, 8])('gives the bytes JSON.stringify gives, split to depth %i', (depth) => {
    const w = new JsonBytesWriter();
    w.value(awkward, depth);
    expect(w.copyOut().equals(expected(awkward))).toBe(true);
  });

  it('writes top-level values of every kind as JSON.stringify does', () => {
    for (const v of [null, true, 0, 'Việt Nam', [], {}, [undefined], new Date(0), { toJSON: () => [1] }])
      expect(jsonBytes(v).equals(expected(v))).toBe(true);
  });

  it('refuses what JSON.stringify gives no JSON for, or throws on', () => {
    expect(() => jsonBytes(undefined)).toThrow(TypeError);
    expect(() => jsonBytes(() => 1)).toThrow(TypeError);
    expect(() => jsonBytes({ n: 1n })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle['self'] = { cycle };
    expect(() => jsonBytes(cycle)).toThrow();
  });

  it('grows past its first buffer and copies out exactly what was written, into the memory given', () => {
    const big = {
      rows: Array.from({ length: 400 }, (_, i) => ({ unitId: `đơn-vị-${i}`, note: 'ư'.repeat(300) })),
    };
    const want = expected(big);
    expect(want.length).toBeGreaterThan(64 * 1024);
    const memory = Buffer.alloc(want.length + 10);
    const out = jsonBytes(big, (size) => memory.subarray(0, size));
    expect(out.buffer).toBe(memory.buffer);
    expect(out.equals(want)).toBe(true);
    expect(() => jsonBytes(big, (size) => Buffer.alloc(size - 1))).toThrow(/allocate\(\d+\) gave/);
  });

  it('starts each body afresh', () => {
    expect(jsonBytes({ a: 'một' }).toString()).toBe('{"a":"một"}');
    expect(jsonBytes([2]).toString()).toBe('[2]');
  });
});
