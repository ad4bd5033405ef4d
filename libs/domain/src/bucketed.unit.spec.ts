import { bucketDelete, bucketGet, bucketSet, type Bucketed } from './bucketed.js';

/** A deterministic stream of operations (no randomness in the domain's tests either). */
function* operations(count: number): Generator<{ op: 'set' | 'delete'; key: string; value: number }> {
  let x = 12345;
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const key = `k-${x % 3000}`; // keys repeat: overwrites and deletes of present and absent keys
    yield { op: x % 5 === 0 ? 'delete' : 'set', key, value: i };
  }
}

describe('bucketed: a persistent map', () => {
  it('given a sequence of sets and deletes, when read, then it answers as a Map does for every key', () => {
    let map: Bucketed<number> = {};
    const expected = new Map<string, number>();
    for (const { op, key, value } of operations(20_000)) {
      if (op === 'set') {
        map = bucketSet(map, key, value);
        expected.set(key, value);
      } else {
        map = bucketDelete(map, key);
        expected.delete(key);
      }
    }
    for (let k = 0; k < 3000; k++) expect(bucketGet(map, `k-${k}`)).toBe(expected.get(`k-${k}`));
  });

  it('given a map, when a key is set or deleted, then the map it came from is unchanged', () => {
    let map: Bucketed<string> = {};
    for (let i = 0; i < 500; i++) map = bucketSet(map, `u-${i}`, `v${i}`);
    const before = JSON.stringify(map);
    const changed = bucketSet(map, 'u-7', 'changed');
    const removed = bucketDelete(map, 'u-8');
    expect(JSON.stringify(map)).toBe(before);
    expect(bucketGet(changed, 'u-7')).toBe('changed');
    expect(bucketGet(removed, 'u-8')).toBeUndefined();
    expect(bucketGet(map, 'u-7')).toBe('v7');
    expect(bucketGet(map, 'u-8')).toBe('v8');
  });

  it('given a key that is absent, when deleted, then the same map is returned', () => {
    const map = bucketSet({}, 'a', 1);
    expect(bucketDelete(map, 'b')).toBe(map);
  });

  it('given a key named like an Object.prototype member, then it is absent until set', () => {
    const map = bucketSet<number>({}, 'a', 1);
    expect(bucketGet(map, 'toString')).toBeUndefined();
    expect(bucketGet(bucketSet(map, 'toString', 2), 'toString')).toBe(2);
  });

  it('given many keys, when one is set, then it copies a small share of them (the cost stays flat)', () => {
    let map: Bucketed<number> = {};
    for (let i = 0; i < 40_000; i++) map = bucketSet(map, `entry-${i}`, i);
    const next = bucketSet(map, 'entry-1', -1);
    // Shared structure: every top-level slot but one is the same object as before.
    const tops = Object.keys(map);
    const changedTops = tops.filter((t) => next[t] !== map[t]);
    expect(changedTops).toHaveLength(1);
    const top = changedTops[0]!;
    expect(Object.keys(next[top]!).length).toBeLessThanOrEqual(64);
    const changedMids = Object.keys(map[top]!).filter((m) => next[top]![m] !== map[top]![m]);
    expect(changedMids).toHaveLength(1);
    expect(Object.keys(next[top]![changedMids[0]!]!).length).toBeLessThan(40);
  });
});
