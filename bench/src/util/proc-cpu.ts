/**
 * CPU time of another process from /proc (Linux): the whole process, its main thread alone, and the
 * API's projection worker (the thread it names PROJECTION_THREAD_NAME).
 */
import fs from 'node:fs';
import os from 'node:os';

import { PROJECTION_THREAD_NAME } from '@thidua/projections';

export interface ProcCpu {
  /** user + system, ms: every thread (the API's projection worker included). */
  processMs: number;
  /** user + system, ms: the main thread (the one that answers HTTP and decides). */
  mainMs: number;
  /** user + system, ms: the projection worker thread; 0 when there is none. */
  projectionMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticks(statFile: string): number {
  const text = fs.readFileSync(statFile, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Ticks of the threads of `pid` named `name`. */
function namedThreadTicks(pid: number, name: string): number {
  let sum = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      if (fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() === name)
        sum += ticks(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return sum;
}

/** Undefined where /proc is not readable (not Linux, or the process is gone). */
export function procCpu(pid: number | undefined): ProcCpu | undefined {
  if (pid === undefined || os.platform() !== 'linux') return undefined;
  try {
    return {
      processMs: ticks(`/proc/${pid}/stat`) * TICK_MS,
      mainMs: ticks(`/proc/${pid}/task/${pid}/stat`) * TICK_MS,
      projectionMs: namedThreadTicks(pid, PROJECTION_THREAD_NAME) * TICK_MS,
    };
  } catch {
    return undefined;
  }
}

export type CpuPerRequest = Record<keyof ProcCpu, number>;

/** CPU used between two snapshots, per request, in ms. */
export function cpuPerRequest(
  before: ProcCpu | undefined,
  after: ProcCpu | undefined,
  requests: number,
): CpuPerRequest | undefined {
  if (!before || !after || requests <= 0) return undefined;
  return {
    processMs: (after.processMs - before.processMs) / requests,
    mainMs: (after.mainMs - before.mainMs) / requests,
    projectionMs: (after.projectionMs - before.projectionMs) / requests,
  };
}
