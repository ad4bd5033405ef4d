import { recordingDate } from '../business-date.js';
import { DATED_SINCE_V2 } from './schema-versions.js';

/** A stored event as far as upcasting reads it (structurally the event store's StoredEvent). */
export interface UpcastSource {
  type: string;
  data: unknown;
  metadata: { occurredAt: string; schemaVersion?: number };
}

/** Where each type keeps its business date: `effectiveDate` unless it has a date of its own name. */
const DATE_FIELD: Readonly<Record<string, string>> = {
  AwardDecisionIssued: 'date',
  ConferenceHeld: 'date',
  ComplaintFiled: 'receivedOn',
  ComplaintEscalated: 'receivedOn',
};

/** Types with no business date: steps of the membership registry (the admission carries the date). */
const UNDATED: ReadonlySet<string> = new Set(['MembershipReserved', 'MembershipReleased']);

/**
 * The event's data at the current schema version, deterministically, never changing what is stored:
 * a version-1 event of a type dated since version 2 gets `effectiveDate` = the date (in Vietnam) it was
 * recorded on, and a version-1 scoring scheme keeps the rule it was sealed under (`classifyIncomplete`:
 * rows with missing criteria were classified). A missing schemaVersion counts as 1. Data already
 * current is returned as it is (no copy).
 */
export function upcastData(event: UpcastSource): Record<string, unknown> {
  const data = event.data as Record<string, unknown>;
  if (typeof data !== 'object' || data === null) return data; // not an event's data: the caller refuses it
  if ((event.metadata.schemaVersion ?? 1) >= 2 || !DATED_SINCE_V2.has(event.type)) return data;
  const upcast: Record<string, unknown> = { ...data };
  if (upcast['effectiveDate'] === undefined)
    upcast['effectiveDate'] = recordingDate(event.metadata.occurredAt);
  if (event.type === 'ScoringSchemePublished' || event.type === 'ScoringSchemeAmended')
    upcast['classifyIncomplete'] = true;
  return upcast;
}

/** The event with its data upcast (the same object when nothing changes). */
export function upcastEvent<E extends UpcastSource>(event: E): E {
  const data = upcastData(event);
  return data === event.data ? event : { ...event, data };
}

/** The business date of an event (after upcasting), or null for a type that has none. */
export function businessDateOf(event: UpcastSource): string | null {
  if (UNDATED.has(event.type)) return null;
  const value = upcastData(event)[DATE_FIELD[event.type] ?? 'effectiveDate'];
  return typeof value === 'string' ? value : null;
}
