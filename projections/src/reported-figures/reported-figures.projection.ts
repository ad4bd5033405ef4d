import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import { businessDateOf, type Integer, type ReportedFiguresRecordedData } from '@thidua/domain';
import { sourceEvent } from '../source-event.js';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import {
  REPORTED,
  REPORTED_FIGURES_PROJECTION,
  reportedDocId,
  type ReportedFiguresDoc,
} from './reported-figures.documents.js';

const int = (n: number): Integer => n as Integer;

/** `reported-figures` (see reported-figures.documents.ts): the latest report per scope and year. */
export function reportedFiguresProjection(): ProjectionDefinition {
  return {
    name: REPORTED_FIGURES_PROJECTION,
    // 2: `recorded` (the event behind the figures).
    version: 2,
    handles: ['ReportedFiguresRecorded'],
    collections: [REPORTED],
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      const d = event.data as unknown as ReportedFiguresRecordedData;
      const id = reportedDocId(d.scope, d.scopeId, d.year);
      const before = (await view.get(REPORTED, id)) as ReportedFiguresDoc | null;
      const doc: ReportedFiguresDoc = {
        scope: d.scope,
        scopeId: d.scopeId,
        year: int(d.year),
        total: int(d.total),
        collective: d.collective === undefined ? null : int(d.collective),
        individual: d.individual === undefined ? null : int(d.individual),
        source: { reference: d.source.reference, sha256: d.source.sha256 ?? null },
        statedOn: businessDateOf(event) ?? '',
        replaced: before
          ? [
              ...before.replaced,
              {
                total: before.total,
                statedOn: before.statedOn,
                reason: d.reason ?? null,
                position: before.position,
              },
            ]
          : [],
        recorded: sourceEvent(event),
        position: int(event.position),
      };
      return [{ op: 'put', collection: REPORTED, id, doc: doc as unknown as Record<string, unknown> }];
    },
  };
}
