import type { Integer, PeriodCode } from '@thidua/domain';

/**
 * One message of GET /clusters/{c}/years/{y}/changes (Server-Sent Events, `event: change`): an event of
 * the cluster-year has been applied by the projections that handle it. Its `id:` line is `position`;
 * send it back as Last-Event-ID to resume after it.
 */
export interface ClusterYearChange {
  clusterId: string;
  year: Integer;
  /** Global position of the event in the log: re-read with `?minPosition=` this to see it. */
  position: Integer;
  eventId: string;
  /** What happened: the event's type (ScoreRecorded, ScoreCorrected, PeriodClosed, UnitAdmitted…). */
  type: string;
  /** The period the event names; null when it concerns the whole year (membership, scheme, chair, pledge…). */
  period: PeriodCode | null;
  /** The read models that moved: the projections that handle this event type, all at or past `position`. */
  projections: string[];
}
