import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type LogIntegrity } from '@thidua/event-store';
import {
  KeptHistoryDocs,
  KeptHistoryEntries,
  readUnitHistoryEntries,
  UNIT_HISTORY_PROJECTION,
  type HistoryPageOf,
  type PageEntry,
} from '@thidua/projections';
import { ReadModels } from '../../common/read-models.js';
import { LOG_INTEGRITY } from '../../infrastructure/tokens.js';
import { unitNotFound } from '../queries/units-organizers.handlers.js';

export class GetUnitHistoryQuery extends Query<HistoryPageOf<PageEntry>> {
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
  /** Heads, index pages and lookups across pages: ≈ 5 read-store reads a page less (KeptHistoryDocs). */
  private readonly kept = new KeptHistoryDocs(() => this.reads.servedPosition(UNIT_HISTORY_PROJECTION));
  /** Entries as their JSON's bytes across pages: a page asked again reads no event (KeptHistoryEntries). */
  private readonly entries = new KeptHistoryEntries(() => this.integrity.failures().length === 0);

  constructor(
    private readonly reads: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(LOG_INTEGRITY) private readonly integrity: LogIntegrity,
  ) {}

  /**
   * The page, its entries kept bytes or documents rendered now (pageBytes makes its JSON's bytes); 404
   * UNIT_NOT_FOUND for a unit no event touched (the projection keeps no head for it).
   */
  async execute({ unitId, after, limit, types }: GetUnitHistoryQuery): Promise<HistoryPageOf<PageEntry>> {
    const target = this.reads.target(UNIT_HISTORY_PROJECTION);
    const filter = types === undefined ? undefined : { types: new Set(types) };
    const page = await readUnitHistoryEntries(
      this.reads.store,
      this.events,
      target,
      unitId,
      after,
      limit,
      filter,
      this.kept,
      this.entries,
    );
    if (page.total === 0) throw unitNotFound(unitId);
    return page;
  }
}
