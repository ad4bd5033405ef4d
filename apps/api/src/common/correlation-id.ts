import { randomUUID } from 'node:crypto';

export const CORRELATION_HEADER = 'x-correlation-id';

/** 1..128 characters that are safe in a header, a log line and an event's metadata. */
const SAFE = /^[A-Za-z0-9._:@-]{1,128}$/;

export function isValidCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && SAFE.test(value);
}

/** The caller's id when it is well-formed, else a fresh one (a bad one is replaced, not refused). */
export function correlationIdFrom(headers: Record<string, string | string[] | undefined>): string {
  const given = headers[CORRELATION_HEADER];
  return isValidCorrelationId(given) ? given : randomUUID();
}
