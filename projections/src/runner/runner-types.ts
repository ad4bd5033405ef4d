import type { ProjectionStatus } from '../../../libs/read-store/src/read-store.port.js';

export interface RunnerLogger {
  info(o: object, msg?: string): void;
  error(o: object, msg?: string): void;
}

export interface ProjectionRunnerOptions {
  /** Events evolved per read-store write (one transaction with the checkpoint). Default 500. */
  batchSize?: number;
  logger?: RunnerLogger;
}

/** The event a projection stopped at (or the batch whose write failed). */
export interface StallInfo {
  position: number;
  eventId: string;
  type: string;
  message: string;
}

export interface ProjectionStatusReport {
  name: string;
  version: number;
  /** Generation served to queries. */
  generation: number;
  status: ProjectionStatus;
  /** Checkpoint of the served generation. */
  position: number;
  head: number;
  lag: number;
  error?: StallInfo;
  /** A generation being built beside the served one (rebuild or version change). */
  rebuild?: { generation: number; position: number };
}
