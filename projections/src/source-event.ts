import type { StoredEvent } from '@thidua/event-store';
import type { Actor, Integer } from '@thidua/domain';

/**
 * The event a read-model value came from, enough for an inspector to open it (`/audit/streams/{streamId}`,
 * the console's raw-event page) and to say who recorded it and when.
 */
export interface SourceEvent {
  eventId: string;
  streamId: string;
  revision: Integer;
  position: Integer;
  /** When it was recorded (the log's time, not the act's business date). */
  recordedAt: string;
  /** Who recorded it: the verified token's subject, role and unit. */
  actor: Actor;
}

export function sourceEvent(event: StoredEvent): SourceEvent {
  const { actor, occurredAt } = event.metadata;
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    recordedAt: occurredAt,
    actor: { id: actor.id, role: actor.role, ...(actor.unitId !== undefined && { unitId: actor.unitId }) },
  };
}
