/**
 * A persistent map as plain JSON: a two-level trie of 64 × 64 buckets by the key's hash, so that setting
 * one key copies two 64-slot levels and one bucket (about n/4096 entries) instead of the whole map. Lets
 * `evolve` stay pure (never mutating its input, so a cached state stays valid) while a cluster-year's
 * command path keeps a flat cost per event: one level of 64 buckets copied n/64 entries per score, which
 * made a 100,000-event year quadratic to decide (the bench's as-of growth data set).
 */
export type Bucketed<V> = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, V>>>>>>;

const BITS = 6;
const MASK = (1 << BITS) - 1;

/** The key's slots at both levels: FNV-1a over UTF-16 code units (deterministic; spreads uuids and codes). */
function slotsOf(key: string): [string, string] {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return [String(h & MASK), String((h >>> BITS) & MASK)];
}

const has = (bucket: object | undefined, key: string): boolean =>
  bucket !== undefined && Object.prototype.hasOwnProperty.call(bucket, key);

export function bucketGet<V>(map: Bucketed<V>, key: string): V | undefined {
  const [top, mid] = slotsOf(key);
  const bucket = map[top]?.[mid];
  return bucket && has(bucket, key) ? bucket[key] : undefined;
}

export function bucketSet<V>(map: Bucketed<V>, key: string, value: V): Bucketed<V> {
  const [top, mid] = slotsOf(key);
  const level = map[top];
  return { ...map, [top]: { ...level, [mid]: { ...level?.[mid], [key]: value } } };
}

export function bucketDelete<V>(map: Bucketed<V>, key: string): Bucketed<V> {
  const [top, mid] = slotsOf(key);
  const level = map[top];
  const bucket = level?.[mid];
  if (!bucket || !has(bucket, key)) return map;
  const { [key]: _gone, ...rest } = bucket;
  return { ...map, [top]: { ...level, [mid]: rest } };
}
