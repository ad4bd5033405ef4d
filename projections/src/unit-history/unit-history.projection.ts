import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { DocWork } from './doc-work.js';
import { ProjectedLookups } from './lookups.js';
import {
  HISTORY_AWARDS,
  HISTORY_COMPLAINTS,
  HISTORY_PROPOSALS,
  HISTORY_CLUSTERS,
  HISTORY_ELECTIONS,
  HISTORY_NAMES,
  HISTORY_SCHEMES,
  UNIT_HISTORY_PROJECTION,
  type HistoryNameDoc,
} from './unit-history.documents.js';
import { touchesOf } from './unit-history.touches.js';

/**
 * The event types that set a lookup a summary reads (a unit's name, a cluster, a scheme's criterion
 * titles, an election, an award, a complaint, a proposal): the only ones the projection handles. Every
 * other type of UNIT_HISTORY_TYPES is only rendered, from the log, when a page of history is read.
 */
export const LOOKUP_TYPES = [
  'UnitRegistered',
  'UnitRenamed',
  'ClusterFormed',
  'ClusterRenamed',
  'ScoringSchemePublished',
  'ScoringSchemeAmended',
  'ElectionOpened',
  'AwardDecisionIssued',
  'ComplaintFiled',
  'ProposalSubmitted',
] as const;

/** 2: entries keyed in log order, per-unit index pages of positions (no `page` field, no JSON index). */
/** 3: entries carry the act's business date (`effectiveDate`). */
/** 4: no entry documents: the history is an index of the log, rendered when read; versioned lookups. */
/** 5: no index pages or heads: the event store's tags (event_tags) are the index; lookups only. */
export const UNIT_HISTORY_VERSION = 5;

/**
 * `unit-history`: the lookups the summaries of a unit's history need (unit-history.documents.ts), each
 * versioned by the event that set it. Which events concern a unit is not kept here: the event store tags
 * each event with its units in the append's transaction (the domain's unitTagger), and a page of history
 * reads the unit's positions from there, the events from the log, and renders them
 * (unit-history.query.ts). Nothing of the event itself is copied. Never re-reads a stream.
 */
export function unitHistoryProjection(): ProjectionDefinition {
  return {
    name: UNIT_HISTORY_PROJECTION,
    version: UNIT_HISTORY_VERSION,
    handles: LOOKUP_TYPES,
    collections: [
      HISTORY_NAMES,
      HISTORY_CLUSTERS,
      HISTORY_SCHEMES,
      HISTORY_ELECTIONS,
      HISTORY_AWARDS,
      HISTORY_COMPLAINTS,
      HISTORY_PROPOSALS,
    ],
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      const work = new DocWork(view, event.position);
      const lookups = new ProjectedLookups(work);
      for (const touch of await touchesOf(event, lookups)) {
        if (touch.name === undefined) continue;
        await lookups.get(HISTORY_NAMES, touch.unitId);
        const name: HistoryNameDoc = { unitId: touch.unitId, name: touch.name, position: 0 };
        lookups.put(HISTORY_NAMES, touch.unitId, name);
      }
      return work.changes();
    },
  };
}
