/** Append checks shared by both adapters, so they refuse exactly the same things. */
import { AppendTooLargeError, InvalidAppendError, RevisionConflictError } from './errors.js';
import type { ExpectedRevision, NewEvent } from './event-store.port.js';

/** A lower-case UUID, not the nil one (EventStoreDB refuses an empty GUID and answers ids lower-case). */
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** EventStoreDB's default MaxAppendSize; both adapters refuse a larger append (the port's limit). */
export const MAX_APPEND_SIZE = 1_048_576;

/** Refuses malformed appends before they reach a store. */
export function validateAppend(streamId: string, events: NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new InvalidAppendError(String(streamId), 'empty stream id');
  if (streamId.startsWith('$'))
    throw new InvalidAppendError(streamId, 'a stream id must not begin with $ (reserved)', 'RESERVED_NAME');
  if (!Array.isArray(events) || events.length === 0)
    throw new InvalidAppendError(streamId, 'no events to append');
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < 0) {
      throw new InvalidAppendError(streamId, `invalid expected revision ${expected}`);
    }
  } else if (expected !== 'any' && expected !== 'no-stream' && expected !== 'exists') {
    throw new InvalidAppendError(streamId, `invalid expected revision ${String(expected)}`);
  }
  const seen = new Set<string>();
  for (const e of events) {
    if (typeof e.eventId !== 'string' || e.eventId.length === 0)
      throw new InvalidAppendError(streamId, 'event without id');
    if (!EVENT_ID.test(e.eventId) || e.eventId === NIL_UUID) {
      throw new InvalidAppendError(
        streamId,
        `event id ${JSON.stringify(e.eventId)} is not a lower-case UUID`,
        'INVALID_EVENT_ID',
      );
    }
    if (typeof e.type !== 'string' || e.type.length === 0)
      throw new InvalidAppendError(streamId, 'event without type');
    if (e.type.startsWith('$'))
      throw new InvalidAppendError(
        streamId,
        `event type ${e.type} begins with $ (reserved)`,
        'RESERVED_NAME',
      );
    if (seen.has(e.eventId)) throw new InvalidAppendError(streamId, `event id ${e.eventId} appears twice`);
    seen.add(e.eventId);
  }
}

/**
 * Refuses an append over `limit` bytes, counted as EventStoreDB counts them (Event.SizeOnDisk summed
 * over the append): the UTF-8 bytes of data and metadata as stored, plus twice the type's length.
 */
export function checkAppendSize(
  streamId: string,
  events: readonly { type: string }[],
  stored: readonly { dataJson: string; metadataJson: string }[],
  limit: number = MAX_APPEND_SIZE,
): void {
  let size = 0;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: most appends are far enough below to skip counting.
  for (let i = 0; i < events.length; i++) {
    const row = stored[i] as { dataJson: string; metadataJson: string };
    size +=
      (row.dataJson.length + row.metadataJson.length) * 3 + (events[i] as { type: string }).type.length * 2;
  }
  if (size <= limit) return;
  size = 0;
  for (let i = 0; i < events.length; i++) {
    const row = stored[i] as { dataJson: string; metadataJson: string };
    size +=
      Buffer.byteLength(row.dataJson, 'utf8') +
      Buffer.byteLength(row.metadataJson, 'utf8') +
      (events[i] as { type: string }).type.length * 2;
  }
  if (size > limit) throw new AppendTooLargeError(streamId, size, limit);
}

/** Throws RevisionConflictError unless `current` (undefined = no stream) satisfies `expected`. */
export function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  current: number | undefined,
): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && current === undefined) ||
    (expected === 'exists' && current !== undefined) ||
    expected === current;
  if (!ok) throw new RevisionConflictError(streamId, String(expected), current ?? 'no-stream');
}
