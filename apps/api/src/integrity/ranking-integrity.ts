import { Inject, Injectable } from '@nestjs/common';
import type { LogIntegrity } from '@thidua/event-store';
import {
  type ProjectionReadView,
  RANKINGS_PROJECTION,
  type RankingIntegrityFailure,
} from '@thidua/projections';
import { LOG_INTEGRITY, PROJECTION_RUNNER } from '../infrastructure/tokens.js';
import type { StoredJson } from '../openapi/stored-json.js';

/**
 * A stored ranking is never served as final when the log under it is known to be broken: its stream's
 * chain (or the log as a whole) failed a check of this process, or the rankings projection stopped at an
 * integrity failure in that stream (told by whoever runs it). Then `finality` is `integrity-failure` and
 * `integrityFailure` names the event.
 */
@Injectable()
export class RankingIntegrity {
  constructor(
    @Inject(LOG_INTEGRITY) private readonly integrity: LogIntegrity,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionReadView,
  ) {}

  failureOf(streamId: string): RankingIntegrityFailure | undefined {
    const own = this.integrity.failureOf(streamId);
    if (own) return own;
    const stall = this.projections.integrityFailure(RANKINGS_PROJECTION);
    if (!stall || (stall.streamId !== undefined && stall.streamId !== streamId)) return undefined;
    return {
      ...(stall.streamId === undefined ? {} : { streamId: stall.streamId }),
      ...(stall.revision === undefined ? {} : { revision: stall.revision }),
      position: stall.position,
      ...(stall.eventId ? { eventId: stall.eventId } : {}),
      detail: stall.message,
    };
  }

  /** The stored document as served: its text unchanged, unless a failure affects its stream. */
  mark<D extends object>(streamId: string, text: StoredJson<D>): D | StoredJson<D> {
    const failure = this.failureOf(streamId);
    if (!failure) return text;
    return { ...(JSON.parse(text) as D), finality: 'integrity-failure', integrityFailure: failure };
  }
}
