import { jsonBytes as piecewiseJsonBytes } from '@thidua/projections';
import { replyBuffers } from '../common/reusable-buffers.js';

/** A body the read store holds as JSON text and the route sends unchanged (GET …/rankings/{p}). */
export type StoredJson<T> = string & { readonly storedJsonOf?: T };

/** A body sent as the UTF-8 bytes of its JSON (GET /units/{u}/history): what Fastify would send for it. */
export type JsonBytes<T> = Buffer & { readonly jsonBytesOf?: T };

/**
 * The JSON of `body` as UTF-8 bytes, written in pieces (`jsonBytes` of @thidua/projections: byte for byte
 * `Buffer.from(JSON.stringify(body))`) into memory lent to `reply` until its response has finished. A
 * computed ranking answer is 170–840 KB of JSON with Vietnamese names: one string of it, and fresh memory
 * for its bytes, cost several times the stringify itself (docs/benchmarks/pass-18.md).
 */
export function jsonBytes<T>(reply: object, body: T): JsonBytes<T> {
  return piecewiseJsonBytes(body, (size) => replyBuffers.lend(reply, size));
}
