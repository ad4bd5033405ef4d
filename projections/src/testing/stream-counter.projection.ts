import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';

export interface StreamCounterOptions {
  name?: string;
  version?: number;
  /** Event types counted. Default: ['Counted']. */
  handles?: readonly string[];
  /** Numeric data field summed per stream. Default 'amount'. */
  field?: string;
  /** Throws on the events it selects (a poison event for stall tests). */
  failOn?: (event: StoredEvent) => boolean;
  /** Also stores `streamLength`: how many events `view.readStream` returns up to the event. */
  foldStream?: boolean;
}

/** A stream's document in collection `streams`. */
export interface StreamCount {
  streamId: string;
  count: number;
  sum: number;
  lastRevision: number;
  streamLength?: number;
}

/**
 * Test projection: per stream, how many events it had and the sum of one numeric field, plus a
 * single `totals/all` document touched by every event (exercises the in-batch overlay).
 */
export function streamCounterProjection(options: StreamCounterOptions = {}): ProjectionDefinition {
  const field = options.field ?? 'amount';
  return {
    name: options.name ?? 'stream-counter',
    version: options.version ?? 1,
    handles: options.handles ?? ['Counted'],
    collections: ['streams', 'totals'],
    indexes: [{ collection: 'streams', fields: ['count'] }],
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      if (options.failOn?.(event)) throw new Error(`cannot handle ${event.type} #${event.position}`);
      const raw = event.data[field];
      const amount = typeof raw === 'number' ? raw : 0;
      const current = (await view.get('streams', event.streamId)) as StreamCount | null;
      const totals = (await view.get('totals', 'all')) as { count: number; sum: number } | null;
      const next: StreamCount = {
        streamId: event.streamId,
        count: (current?.count ?? 0) + 1,
        sum: (current?.sum ?? 0) + amount,
        lastRevision: event.revision,
      };
      if (options.foldStream)
        next.streamLength = (await view.readStream(event.streamId, event.position)).length;
      return [
        { op: 'put', collection: 'streams', id: event.streamId, doc: { ...next } },
        {
          op: 'put',
          collection: 'totals',
          id: 'all',
          doc: { count: (totals?.count ?? 0) + 1, sum: (totals?.sum ?? 0) + amount },
        },
      ];
    },
  };
}
