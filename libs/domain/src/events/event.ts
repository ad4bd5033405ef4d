/**
 * A domain event as deciders produce it: an explicit, versionable type string (never a class name)
 * and its data. The command handler adds the envelope (eventId, metadata with actor, occurredAt and
 * `schemaVersion` from EVENT_SCHEMA_VERSIONS).
 */
export interface TypedEvent<T extends string, D> {
  type: T;
  data: D;
}
