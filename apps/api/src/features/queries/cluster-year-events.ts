import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, StoredEvent } from '../../../../../libs/event-store/src/event-store.port.js';
import { clusterStream, emulationStream } from '../../../../../libs/domain/src/index.js';
import { ApiError } from '../../common/api-error.js';
import { EVENT_STORE } from '../../infrastructure/tokens.js';

const PAGE = 1000;

export const clusterNotFound = (clusterId: string): ApiError =>
  new ApiError(404, 'CLUSTER_NOT_FOUND', `cluster ${clusterId} does not exist`, 'clusterId');
export const clusterYearNotFound = (clusterId: string, year: number): ApiError =>
  new ApiError(404, 'CLUSTER_YEAR_NOT_FOUND', `cluster ${clusterId} has no emulation year ${year}`, 'year');

/**
 * The events of a cluster-year stream (`emulation-{c}-{y}`) straight from the event store, for what is
 * computed at query time by the evaluator (as-of, explain, what-if). Stored events are the evaluator's
 * EvaluatorEvent structurally.
 */
@Injectable()
export class ClusterYearEvents {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  /** Every event of the stream; 404 CLUSTER_NOT_FOUND / CLUSTER_YEAR_NOT_FOUND when it has none. */
  async read(clusterId: string, year: number): Promise<{ streamId: string; events: StoredEvent[] }> {
    const streamId = emulationStream(clusterId, year);
    const events: StoredEvent[] = [];
    for (let fromRevision = 0; ;) {
      const page = await this.events.readStream(streamId, { fromRevision, maxCount: PAGE });
      events.push(...page);
      if (page.length < PAGE) break;
      fromRevision = page[page.length - 1]!.revision + 1;
    }
    if (events.length === 0) {
      const cluster = await this.events.readStream(clusterStream(clusterId), { maxCount: 1 });
      throw cluster.length === 0 ? clusterNotFound(clusterId) : clusterYearNotFound(clusterId, year);
    }
    return { streamId, events };
  }
}
