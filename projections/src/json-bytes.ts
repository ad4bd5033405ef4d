/**
 * JSON written as UTF-8 bytes into one scratch buffer, in pieces, and copied out once: byte for byte
 * `Buffer.from(JSON.stringify(value))`, without one large string.
 *
 * Why: `JSON.stringify` of a large body gives a string made of parts, joined on its first use. For a
 * 170 KB answer with Vietnamese names (a 20,000-event as-of), joining and encoding it cost ≈ 2–3 ms,
 * about four times the stringify itself: the joined two-byte string (≈ 340 KB) and the bytes are fresh
 * large allocations, whose pages the kernel faults in and zeroes each time (docs/benchmarks/pass-18.md).
 * Pieces of a few KB are young-generation strings, encoded into memory that is used again.
 *
 * Synchronous use only: one scratch buffer serves every body of the thread in turn.
 */
export class JsonBytesWriter {
  private scratch = Buffer.allocUnsafe(64 * 1024);
  private at = 0;

  /** Bytes written since `reset`. */
  get length(): number {
    return this.at;
  }

  reset(): void {
    this.at = 0;
  }

  /** A string's UTF-8 bytes (a JSON text, or part of one). */
  text(s: string): void {
    this.room(s.length * 3); // a UTF-16 code unit is at most 3 bytes of UTF-8
    this.at += this.scratch.write(s, this.at);
  }

  byte(b: number): void {
    this.room(1);
    this.scratch[this.at++] = b;
  }

  /** Bytes already encoded (a kept history entry's JSON). */
  bytes(b: Buffer): void {
    this.room(b.length);
    this.at += b.copy(this.scratch, this.at);
  }

  /** Replaces the byte at `index` (before `length`). */
  patch(index: number, b: number): void {
    this.scratch[index] = b;
  }

  /** Takes back the last `count` bytes. */
  drop(count: number): void {
    this.at -= count;
  }

  /**
   * `value`'s JSON, as `JSON.stringify` writes it: arrays and objects down to `depth` levels member by
   * member, each member below that with one `JSON.stringify`. One difference, for a value no body has: a
   * `toJSON` that returns an object with a `toJSON` of its own has that one called too.
   */
  value(value: unknown, depth: number): void {
    this.write(jsonValueOf(value, ''), depth);
  }

  /** `v`: a value whose `toJSON` (if any) was called already. */
  private write(v: unknown, depth: number): void {
    if (depth <= 0 || !splittable(v)) {
      const json = JSON.stringify(v) as string | undefined;
      if (json === undefined) throw new TypeError(`no JSON for a ${typeof v}`);
      this.text(json);
      return;
    }
    if (Array.isArray(v)) {
      this.byte(OPEN_ARRAY);
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.byte(COMMA);
        const e = jsonValueOf(v[i], String(i));
        // An array writes `null` where an object leaves the member out.
        if (omitted(e)) this.text('null');
        else this.write(e, depth - 1);
      }
      this.byte(CLOSE_ARRAY);
      return;
    }
    this.byte(OPEN_OBJECT);
    let first = true;
    for (const k of Object.keys(v)) {
      const e = jsonValueOf((v as Record<string, unknown>)[k], k);
      if (omitted(e)) continue;
      if (!first) this.byte(COMMA);
      first = false;
      this.text(JSON.stringify(k));
      this.byte(COLON);
      this.write(e, depth - 1);
    }
    this.byte(CLOSE_OBJECT);
  }

  /** What was written, copied into `allocate(length)` (which must give exactly that many bytes). */
  copyOut(allocate: (size: number) => Buffer = Buffer.allocUnsafe): Buffer {
    const out = allocate(this.at);
    if (out.length !== this.at) throw new Error(`allocate(${this.at}) gave ${out.length} bytes`);
    this.scratch.copy(out, 0, 0, this.at);
    return out;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.scratch.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, this.at + bytes));
    this.scratch.copy(grown, 0, 0, this.at);
    this.scratch = grown;
  }
}

const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const COMMA = 0x2c;
const COLON = 0x3a;

/** The value JSON.stringify serialises for a member: what its `toJSON` gives, if it has one. */
function jsonValueOf(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return (toJSON as (key: string) => unknown).call(v, key);
  }
  return v;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * Written member by member: arrays and objects, except the boxed primitives, which JSON.stringify writes
 * as their primitive value (or refuses, for a BigInt).
 */
const splittable = (v: unknown): v is object =>
  v !== null &&
  typeof v === 'object' &&
  !(v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt);

/** The thread's writer (synchronous use: each body is written and copied out before the next). */
export const jsonBytesWriter = new JsonBytesWriter();

/**
 * Depth to which a body is written member by member: a ranking's rows (depth 2) and each row's members
 * (3). Pieces below are a row's criteria, or an explained criterion with its entries: a few KB each.
 */
const JSON_BYTES_DEPTH = 3;

/** `Buffer.from(JSON.stringify(body))`, byte for byte, written in pieces (see JsonBytesWriter). */
export function jsonBytes(body: unknown, allocate?: (size: number) => Buffer): Buffer {
  const w = jsonBytesWriter;
  w.reset();
  w.value(body, JSON_BYTES_DEPTH);
  return w.copyOut(allocate);
}
