/**
 * Writes the data set into our SQLite store the way a busy API would: many commands in flight, each
 * one append, joined by the group commit (here up to `window` appends per transaction). Keeps the first
 * appends in memory as the pool for the append figures.
 */
import { type AppendResult, openSqliteEventStore } from '@thidua/event-store';
import type { PlannedAppend } from '../dataset/generator.js';

export interface LoadResult {
  events: number;
  appends: number;
  ms: number;
  /** Of `ms`, the time spent generating (deciding) the appends rather than storing them. */
  generateMs: number;
  pool: PlannedAppend[];
}

export async function loadIntoStore(
  file: string,
  appends: Iterable<PlannedAppend>,
  options: { window: number; poolEvents: number; onProgress?: (events: number) => void },
): Promise<LoadResult> {
  // BENCH_APPEND_THREAD=1: the appends committed by the append thread (the API's default), e.g. so that
  // `bench:dump` shows the log it writes is the same file.
  const store = await openSqliteEventStore(file, {
    appendThread: process.env['BENCH_APPEND_THREAD'] === '1',
  });
  const pool: PlannedAppend[] = [];
  let poolEvents = 0;
  let events = 0;
  let count = 0;
  let pending: Array<Promise<AppendResult>> = [];
  let lastReport = 0;
  const start = performance.now();
  let generateMs = 0;
  const iterator = appends[Symbol.iterator]();
  try {
    for (;;) {
      const t0 = performance.now();
      const step = iterator.next();
      generateMs += performance.now() - t0;
      if (step.done) break;
      const a = step.value;
      if (poolEvents < options.poolEvents) {
        pool.push(a);
        poolEvents += a.events.length;
      }
      pending.push(store.append(a.streamId, a.events, a.expected));
      events += a.events.length;
      count++;
      if (pending.length >= options.window) {
        await Promise.all(pending);
        pending = [];
        if (events - lastReport >= 100_000) {
          lastReport = events;
          options.onProgress?.(events);
        }
      }
    }
    await Promise.all(pending);
  } finally {
    await store.close();
  }
  return { events, appends: count, ms: performance.now() - start, generateMs, pool };
}
