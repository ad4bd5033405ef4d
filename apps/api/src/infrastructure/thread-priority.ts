import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { basename } from 'node:path';

/**
 * How much lower than the request thread the projection worker runs (a nice value). Projections are
 * eventually consistent (read-your-writes waits for them), requests are not: where both threads share a
 * core, the one answering HTTP and committing appends should not wait out the worker's time slice.
 */
export const PROJECTION_THREAD_NICE = 10;

/**
 * Lowers the calling thread's priority by `nice` (Linux: setpriority on the thread's own id, from
 * /proc/thread-self, affects that thread only). Answers the thread id, or undefined where that is not
 * possible (another OS, no /proc): then nothing changes.
 */
export function lowerThisThreadPriority(nice: number): number | undefined {
  try {
    const tid = Number(basename(readlinkSync('/proc/thread-self')));
    if (!Number.isInteger(tid) || tid <= 0) return undefined;
    setPriority(tid, Math.min(19, getPriority(tid) + nice));
    return tid;
  } catch {
    return undefined;
  }
}
