/**
 * A domain event as deciders produce it: an explicit, versionable type string (never a class name)
 * and its data. The command handler adds the envelope (eventId, metadata with actor, occurredAt and
 * `schemaVersion` from EVENT_SCHEMA_VERSIONS).
 */
export interface TypedEvent<T extends string, D> {
  type: T;
  data: D;
}

/**
 * The act's business date (`YYYY-MM-DD`: signed on, held on, scored for, decided on), beside the instant
 * it was recorded (`metadata.occurredAt`). Every dated event type carries it from schema version 2 on;
 * a stored version-1 event is upcast on read with the date it was recorded on (see upcast.ts). Optional
 * in the type only so that hand-written test events may leave it out.
 */
export interface Dated {
  effectiveDate?: string;
}
