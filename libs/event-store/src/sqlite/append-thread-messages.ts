/** What crosses between the request thread and the append thread (append-thread.ts, append-worker.ts). */
import * as errors from '../errors.js';
import type { AppendResult, NewEvent } from '../event-store.port.js';
import type { AppendInput, CommitOutcome } from './commit-outcome.js';

/** The append thread's name (Linux: /proc/<pid>/task/<tid>/comm): how tools and the bench tell its CPU apart. */
export const APPEND_THREAD_NAME = 'append';

/** An append as sent to the worker: what commitAppends takes, and the id its answer comes back by. */
export interface AppendRequest extends AppendInput {
  id: number;
}

/** To the worker: the appends of one turn of the request thread, in the order they were issued. */
export type ToAppendWorker = { type: 'append'; appends: AppendRequest[] } | { type: 'close' };

/**
 * To the request thread: the outcomes of the appends one commit answered, packed. A fresh write is
 * answered by three primitives in flat arrays (its last revision, position and hash; the request thread
 * knows the rest), not an object graph per append for structured clone to walk on both sides.
 */
export interface SettledAppends {
  type: 'settled';
  /** The appends answered, by id, in the order committed. */
  ids: number[];
  /** Per append; -1 when its outcome is instead the next of `others`. */
  revisions: number[];
  positions: number[];
  hashes: string[];
  /** The outcomes that are not a fresh write (a replay's stored result, a refusal), in order. */
  others: ({ ok: true; result: AppendResult } | { ok: false; error: SentError })[];
}

export type FromAppendWorker = { type: 'ready' } | SettledAppends | { type: 'closed' };

/** An error as structured clone can carry it: its class by name, its message, stack and own fields. */
export interface SentError {
  name: string;
  message: string;
  stack?: string | undefined;
  fields: Record<string, unknown>;
}

/** Packs commitAppends' outcomes (in the order of `appends`), filled by push: a holey array clones slowly. */
export function packOutcomes(
  appends: readonly { id: number }[],
  outcomes: readonly CommitOutcome[],
): SettledAppends {
  const message: SettledAppends = {
    type: 'settled',
    ids: [],
    revisions: [],
    positions: [],
    hashes: [],
    others: [],
  };
  appends.forEach((append, i) => {
    const outcome = outcomes[i] ?? { ok: false, error: new Error('append lost its outcome') };
    message.ids.push(append.id);
    if (outcome.ok && !outcome.result.duplicate && outcome.result.hash !== undefined) {
      message.revisions.push(outcome.result.revision);
      message.positions.push(outcome.result.position);
      message.hashes.push(outcome.result.hash);
    } else {
      message.revisions.push(-1);
      message.positions.push(-1);
      message.hashes.push('');
      message.others.push(outcome.ok ? outcome : { ok: false, error: sendError(outcome.error) });
    }
  });
  return message;
}

/**
 * Unpacks a settled message on the request thread: `settle` gets each append still in `sent` (by id) with
 * its outcome, a fresh result rebuilt from what was sent and a refusal rebuilt with its class.
 */
export function unpackOutcomes<T extends Pick<AppendInput, 'streamId' | 'events'>>(
  message: SettledAppends,
  sent: ReadonlyMap<number, T>,
  settle: (append: T, id: number, outcome: CommitOutcome) => void,
): void {
  let other = 0;
  message.ids.forEach((id, i) => {
    const revision = message.revisions[i] as number;
    const packed = revision === -1 ? message.others[other++] : undefined;
    const append = sent.get(id);
    if (!append) return;
    if (!packed) {
      const position = message.positions[i] as number;
      const hash = message.hashes[i] as string;
      settle(append, id, {
        ok: true,
        result: freshResult(append.streamId, append.events, revision, position, hash),
      });
    } else if (packed.ok) settle(append, id, packed);
    else settle(append, id, { ok: false, error: receiveError(packed.error) });
  });
}

/** The AppendResult of a fresh write (as runGroup makes it): its events took the positions up to `position`. */
export function freshResult(
  streamId: string,
  events: readonly NewEvent[],
  revision: number,
  position: number,
  hash: string,
): AppendResult {
  const n = events.length;
  const eventIds: string[] = [];
  const positions: number[] = [];
  for (let i = 0; i < n; i++) {
    eventIds.push((events[i] as NewEvent).eventId);
    positions.push(position - n + 1 + i);
  }
  return { streamId, revision, position, eventIds, positions, duplicate: false, hash };
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
