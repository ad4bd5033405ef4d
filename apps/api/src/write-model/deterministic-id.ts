import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562 custom) derived from a name: the same Idempotency-Key always gives
 * the same event ids, so the store's unique event id makes a repeated command write nothing.
 */
export function deterministicUuid(name: string): string {
  const b = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The id of an entity a command creates (score entry, dispute, election) when it carries an Idempotency-Key. */
export function entityIdOf(actorId: string, idempotencyKey: string, kind: string): string {
  return deterministicUuid(`${actorId}\u0000${idempotencyKey}\u0000${kind}`);
}
