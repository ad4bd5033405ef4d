/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, strings NFC as given.
 * The hash chain and ranking digests depend on it, so it must never change shape.
 *
 * One pass that appends to a string (no per-object map/filter/join arrays): it is on the append path
 * (every event is hashed) and the digest path. Its output is exactly the earlier map/join version's,
 * down to the corner cases: undefined object fields are dropped; undefined or null array elements give
 * null, holes of a sparse array give nothing; a value JSON.stringify cannot render (function, symbol)
 * gives nothing in an array and `undefined` in an object; non-finite numbers are refused.
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

/** Quoted keys with their colon: a cluster-year's events and rankings repeat the same few dozen keys. */
const quoted = new Map<string, string>();
const MAX_QUOTED = 4096;

function quoteKey(key: string): string {
  let q = quoted.get(key);
  if (q === undefined) {
    q = JSON.stringify(key) + ':';
    if (quoted.size < MAX_QUOTED) quoted.set(key, q);
  }
  return q;
}

function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('non-finite number');
      return '' + value; // what JSON.stringify gives for a finite number (-0 → "0")
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    default:
      // bigint throws; function and symbol give undefined, as JSON.stringify does.
      return JSON.stringify(value);
  }
}

function writeArray(array: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    if (i > 0) out += ',';
    const v = array[i];
    if (v === undefined) {
      if (i in array) out += 'null';
    } else {
      const text = write(v);
      if (text !== undefined) out += text;
    }
  }
  return out + ']';
}

function writeObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  const n = keys.length;
  // Code-unit order, as Array.prototype.sort gives strings; an insertion sort is quicker for a few keys.
  if (n > 8) keys.sort();
  else
    for (let i = 1; i < n; i++) {
      const k = keys[i]!;
      let j = i - 1;
      while (j >= 0 && keys[j]! > k) {
        keys[j + 1] = keys[j]!;
        j--;
      }
      keys[j + 1] = k;
    }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    if (first) first = false;
    else out += ',';
    out += quoteKey(key) + write(v);
  }
  return out + '}';
}
