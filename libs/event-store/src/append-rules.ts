/** Append checks shared by both adapters, so they refuse exactly the same things. */
import { InvalidAppendError, RevisionConflictError } from './errors.js';
import type { ExpectedRevision, NewEvent } from './event-store.port.js';

/** Refuses malformed appends before they reach a store. */
export function validateAppend(streamId: string, events: NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new InvalidAppendError(String(streamId), 'empty stream id');
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
    if (typeof e.type !== 'string' || e.type.length === 0)
      throw new InvalidAppendError(streamId, 'event without type');
    if (seen.has(e.eventId)) throw new InvalidAppendError(streamId, `event id ${e.eventId} appears twice`);
    seen.add(e.eventId);
  }
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
