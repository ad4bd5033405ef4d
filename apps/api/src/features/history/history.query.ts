import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { UNIT_HISTORY_PROJECTION, UnitHistoryPages, type UnitHistoryPage } from '@thidua/projections';
import { ReadModels } from '../../common/read-models.js';
import type { StoredJson } from '../../openapi/stored-json.js';
import { unitNotFound } from '../queries/units-organizers.handlers.js';

export class GetUnitHistoryQuery extends Query<StoredJson<UnitHistoryPage>> {
  constructor(
    readonly unitId: string,
    readonly after: number,
    readonly limit: number,
    /** Only entries of these event types (none: every entry). */
    readonly types?: readonly string[],
  ) {
    super();
  }
}

@QueryHandler(GetUnitHistoryQuery)
export class GetUnitHistoryHandler implements IQueryHandler<GetUnitHistoryQuery> {
  /** Keeps the entries it rendered, each served again only while the log confirms its event unchanged. */
  private readonly pages: UnitHistoryPages;

  constructor(
    private readonly reads: ReadModels,
    @Inject(EVENT_STORE) events: EventStore,
  ) {
    this.pages = new UnitHistoryPages(reads.store, events);
  }

  /** The page as JSON text; 404 UNIT_NOT_FOUND for a unit no event touched (the projection keeps no head for it). */
  async execute({ unitId, after, limit, types }: GetUnitHistoryQuery): Promise<StoredJson<UnitHistoryPage>> {
    const target = this.reads.target(UNIT_HISTORY_PROJECTION);
    const filter = types === undefined ? undefined : { types: new Set(types) };
    const page = await this.pages.pageText(target, unitId, after, limit, filter);
    if (page.total === 0) throw unitNotFound(unitId);
    return page.text as StoredJson<UnitHistoryPage>;
  }
}
