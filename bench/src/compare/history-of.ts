/**
 * A unit's whole history as the API serves it (GET /units/{id}/history, page after page: the JSON text of
 * UnitHistoryPages), for the dump: the one place the dump depends on how unit-history is queried. Each page
 * is asked three times (rendered, rendered and kept, served as kept): the texts must be the same bytes.
 */
import type { EventStore } from '@thidua/event-store';
import type { ReadStore, Target } from '@thidua/read-store';
import { UnitHistoryPages, type UnitHistoryPage } from '@thidua/projections';

export async function* historyOf(
  reads: ReadStore,
  events: EventStore,
  target: Target,
  unitId: string,
): AsyncGenerator<unknown> {
  const pages = new UnitHistoryPages(reads, events);
  let after = 0;
  for (;;) {
    // Rendered, rendered again (kept then), then served from what was kept: the same bytes each time.
    const { text } = await pages.pageText(target, unitId, after, 500);
    for (let again = 0; again < 2; again++)
      if ((await pages.pageText(target, unitId, after, 500)).text !== text)
        throw new Error(`${unitId} after ${after}: the kept entries differ from the rendered`);
    const page = JSON.parse(text) as UnitHistoryPage;
    yield* page.items;
    if (page.nextAfter === null) return;
    after = page.nextAfter;
  }
}
