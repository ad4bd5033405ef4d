import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@thidua/event-store';

/** A `Counted` event (or another type) for runner tests. */
export function testEvent(data: Record<string, unknown>, type = 'Counted'): NewEvent {
  const id = randomUUID();
  return {
    eventId: id,
    type,
    data,
    metadata: {
      actor: { id: 'tester', role: 'admin' },
      occurredAt: '2024-05-01T08:00:00.000Z',
      correlationId: id,
      causationId: id,
      schemaVersion: 1,
    },
  };
}
