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
  /** user + system, ms, of the other threads by name (/proc/<pid>/task/<tid>/comm; unnamed ones are "node"). */
  threads: Record<string, number>;
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

/** Ticks of every thread but the main one, summed by thread name. */
function ticksByName(pid: number): Record<string, number> {
  const byName: Record<string, number> = {};
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    if (tid === String(pid)) continue;
    try {
      const name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      byName[name] = (byName[name] ?? 0) + ticks(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return byName;
}

/** Undefined where /proc is not readable (not Linux, or the process is gone). */
export function procCpu(pid: number | undefined): ProcCpu | undefined {
  if (pid === undefined || os.platform() !== 'linux') return undefined;
  try {
    return {
      processMs: ticks(`/proc/${pid}/stat`) * TICK_MS,
      mainMs: ticks(`/proc/${pid}/task/${pid}/stat`) * TICK_MS,
      projectionMs: namedThreadTicks(pid, PROJECTION_THREAD_NAME) * TICK_MS,
      threads: Object.fromEntries(Object.entries(ticksByName(pid)).map(([name, t]) => [name, t * TICK_MS])),
    };
  } catch {
    return undefined;
  }
}

export type CpuPerRequest = Record<Exclude<keyof ProcCpu, 'threads'>, number> & {
  threads: Record<string, number>;
};

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
    // A thread that ended in between is left out; one started in between counts from zero.
    threads: Object.fromEntries(
      Object.entries(after.threads).map(([name, ms]) => [
        name,
        (ms - (before.threads[name] ?? 0)) / requests,
      ]),
    ),
  };
}
