import type { ErrorBody } from '../common/api-error.js';

/** One check of the readiness probe (terminus): up or down, with what it found. */
export interface HealthIndicatorDetail {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

/** What /health/ready answers: each check under `details`, and again under `info` (up) or `error` (down). */
export interface Readiness {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, HealthIndicatorDetail>;
  error?: Record<string, HealthIndicatorDetail>;
  details: Record<string, HealthIndicatorDetail>;
}

/** 503 NOT_READY: the API's error shape with the readiness report. */
export type NotReady = ErrorBody & Readiness;

export interface Liveness {
  status: 'ok';
}
