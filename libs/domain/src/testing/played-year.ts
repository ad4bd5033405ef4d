/**
 * Small cluster-year streams built by hand, event by event, and folded as they are played: for specs that
 * need events the decider would refuse or never writes in that order (unknown entries, a close sealing a
 * version never published, scores after the seal). Test support only.
 */
import { DomainError } from '../errors.js';
import { schemaVersionOf } from '../events/schema-versions.js';
import type { EvaluatorEvent } from '../evaluator/evaluator.types.js';
import { foldYearEvent, initialYearFold, rankingStamp, type YearFold } from '../evaluator/year-fold.js';
import type { PeriodCode } from '../periods.js';
import { emulationStream } from '../streams.js';
import { CLUSTER, organizer, scheme, UNIT_IDS, UNITS, YEAR } from './fixtures.js';

const anm = UNITS.anm.id;
export const STREAM = emulationStream(CLUSTER, YEAR);

/** A stream folded as it is played; positions advance by 2 (other streams write in between). */
export class Play {
  readonly fold: YearFold;
  readonly events: EvaluatorEvent[] = [];
  constructor(trace = true) {
    this.fold = initialYearFold(STREAM, { trace });
  }

  event(type: string, data: Record<string, unknown>): EvaluatorEvent {
    const n = this.events.length;
    return {
      eventId: `ev-${n + 1}`,
      type,
      streamId: STREAM,
      data,
      position: 2 * (n + 1),
      revision: n,
      metadata: {
        actor: organizer,
        occurredAt: '2021-04-01T08:00:00.000Z',
        schemaVersion: schemaVersionOf(type),
      },
    };
  }

  add(type: string, data: Record<string, unknown>): EvaluatorEvent {
    const e = this.event(type, data);
    foldYearEvent(this.fold, e);
    this.events.push(e);
    return e;
  }

  /** Adds, and says whether the ranking stamp of `period` moved. */
  moves(period: PeriodCode, type: string, data: Record<string, unknown>): boolean {
    const before = rankingStamp(this.fold, period);
    this.add(type, data);
    return rankingStamp(this.fold, period) !== before;
  }
}

/** Five members, scheme version 1, Q1 and Q2 open, one score for Cục An ninh mạng in Q1. */
export function started(trace = true): Play {
  const play = new Play(trace);
  for (const unitId of UNIT_IDS) play.add('UnitAdmitted', { unitId });
  play.add('ScoringSchemePublished', { version: 1, ...scheme, effectiveDate: '2021-01-04' });
  play.add('PeriodOpened', { period: 'Q1' });
  play.add('PeriodOpened', { period: 'Q2' });
  play.add('ScoreRecorded', record('e-1', 28));
  return play;
}

export function record(entryId: string, points: number, more: Record<string, unknown> = {}) {
  return {
    entryId,
    unitId: anm,
    period: 'Q1',
    criterion: 'xd-dang',
    points,
    assessment: 'cluster',
    effectiveDate: '2021-04-01',
    ...more,
  };
}

export const close = (period: PeriodCode, schemeVersion = 1) => ({
  period,
  rankingDigest: 'a'.repeat(64),
  schemeVersion,
  effectiveDate: '2021-04-01',
});

export function errorOf(fn: () => unknown): DomainError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
}
