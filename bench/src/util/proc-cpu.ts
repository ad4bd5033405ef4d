/** CPU time of another process from /proc (Linux): the whole process, and its main thread alone. */
import fs from 'node:fs';
import os from 'node:os';

export interface ProcCpu {
  /** user + system, ms: every thread (the API's projection worker included). */
  processMs: number;
  /** user + system, ms: the main thread (the one that answers HTTP and decides). */
  mainMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticks(statFile: string): number {
  const text = fs.readFileSync(statFile, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Undefined where /proc is not readable (not Linux, or the process is gone). */
export function procCpu(pid: number | undefined): ProcCpu | undefined {
  if (pid === undefined || os.platform() !== 'linux') return undefined;
  try {
    return {
      processMs: ticks(`/proc/${pid}/stat`) * TICK_MS,
      mainMs: ticks(`/proc/${pid}/task/${pid}/stat`) * TICK_MS,
    };
  } catch {
    return undefined;
  }
}

/** CPU used between two snapshots, per request, in ms. */
export function cpuPerRequest(
  before: ProcCpu | undefined,
  after: ProcCpu | undefined,
  requests: number,
): { processMs: number; mainMs: number } | undefined {
  if (!before || !after || requests <= 0) return undefined;
  return {
    processMs: (after.processMs - before.processMs) / requests,
    mainMs: (after.mainMs - before.mainMs) / requests,
  };
}
