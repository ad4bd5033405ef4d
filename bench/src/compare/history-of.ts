/**
 * A unit's whole history as the API serves it (GET /units/{id}/history, page after page), for the
 * dump: the one place the dump depends on how unit-history is queried.
 */
import type { EventStore } from '@thidua/event-store';
import type { ReadStore, Target } from '@thidua/read-store';
import { readUnitHistory } from '@thidua/projections';

export async function* historyOf(
  reads: ReadStore,
  events: EventStore,
  target: Target,
  unitId: string,
): AsyncGenerator<unknown> {
  let after = 0;
  for (;;) {
    const page = await readUnitHistory(reads, events, target, unitId, after, 500);
    yield* page.items;
    if (page.nextAfter === null) return;
    after = page.nextAfter;
  }
}
