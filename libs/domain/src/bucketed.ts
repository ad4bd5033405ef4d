/**
 * A persistent map as plain JSON: keys spread over 64 buckets, so that setting one key copies one
 * bucket (about n/64 entries) instead of the whole map. Lets `evolve` stay pure (never mutating its
 * input, so a cached state stays valid) and still fold a 20,000-event cluster-year quickly.
 */
export type Bucketed<V> = Readonly<Record<string, Readonly<Record<string, V>>>>;

const BUCKETS = 64;

function bucketOf(key: string): string {
  // FNV-1a over UTF-16 code units: deterministic and spreads uuids and short codes alike.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return String((h >>> 0) % BUCKETS);
}

export function bucketGet<V>(map: Bucketed<V>, key: string): V | undefined {
  const bucket = map[bucketOf(key)];
  return bucket && Object.prototype.hasOwnProperty.call(bucket, key) ? bucket[key] : undefined;
}

export function bucketSet<V>(map: Bucketed<V>, key: string, value: V): Bucketed<V> {
  const b = bucketOf(key);
  return { ...map, [b]: { ...map[b], [key]: value } };
}

export function bucketDelete<V>(map: Bucketed<V>, key: string): Bucketed<V> {
  const b = bucketOf(key);
  const bucket = map[b];
  if (!bucket || !Object.prototype.hasOwnProperty.call(bucket, key)) return map;
  const { [key]: _gone, ...rest } = bucket;
  return { ...map, [b]: rest };
}
