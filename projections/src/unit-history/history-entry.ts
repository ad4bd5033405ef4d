import type { StoredEvent } from '@thidua/event-store';
import { businessDateOf } from '@thidua/domain';
import type { HistoryEntryDoc, Touch } from './unit-history.documents.js';

/** One entry of a unit's history: the event's own fields (from the log) and how it concerns the unit. */
export function historyEntry(event: StoredEvent, touch: Touch): HistoryEntryDoc {
  const { actor, occurredAt, reason, hash } = event.metadata;
  return {
    unitId: touch.unitId,
    position: event.position,
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    hash,
    occurredAt,
    effectiveDate: businessDateOf(event),
    actor: { id: actor.id, role: actor.role, ...(actor.unitId !== undefined && { unitId: actor.unitId }) },
    ...(reason !== undefined && { reason }),
    summary: touch.summary,
    refs: touch.refs,
  };
}
