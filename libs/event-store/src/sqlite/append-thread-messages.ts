/** What crosses between the request thread and the append thread (append-thread.ts, append-worker.ts). */
import * as errors from '../errors.js';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';

/** The append thread's name (Linux: /proc/<pid>/task/<tid>/comm): how tools and the bench tell its CPU apart. */
export const APPEND_THREAD_NAME = 'append';

export interface AppendRequest {
  id: number;
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
}

/** To the worker: the appends of one turn of the request thread, in the order they were issued. */
export type ToAppendWorker = { type: 'append'; appends: AppendRequest[] } | { type: 'close' };

export type AppendOutcome =
  { id: number; ok: true; result: AppendResult } | { id: number; ok: false; error: SentError };

export type FromAppendWorker =
  { type: 'ready' } | { type: 'settled'; outcomes: AppendOutcome[] } | { type: 'closed' };

/** An error as structured clone can carry it: its class by name, its message, stack and own fields. */
export interface SentError {
  name: string;
  message: string;
  stack?: string | undefined;
  fields: Record<string, unknown>;
}

/** The classes an append can fail with, rebuilt on the request thread so `instanceof` still holds. */
const CLASSES: Record<string, { prototype: Error }> = Object.fromEntries(
  Object.entries(errors).filter(
    ([, value]) =>
      typeof value === 'function' && (value as { prototype: unknown }).prototype instanceof Error,
  ),
) as Record<string, { prototype: Error }>;

export function sendError(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === 'name' || key === 'message' || key === 'stack' || typeof value === 'function') continue;
    fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

export function receiveError(sent: SentError): Error {
  const error = Object.create((CLASSES[sent.name] ?? Error).prototype) as Error;
  Object.assign(error, sent.fields);
  Object.defineProperty(error, 'message', { value: sent.message, writable: true, configurable: true });
  Object.defineProperty(error, 'stack', { value: sent.stack, writable: true, configurable: true });
  error.name = sent.name;
  return error;
}
