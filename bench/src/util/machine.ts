import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  nproc: number;
  memoryGiB: number;
  node: string;
  platform: string;
  kernel: string;
  /** Filesystem type of the directory holding the SQLite files (fsync cost depends on it). */
  dataFilesystem: string;
  sqlite: string;
}

function filesystemOf(dir: string): string {
  try {
    const out = execFileSync('df', ['-PT', dir], { encoding: 'utf8' }).trim().split('\n')[1] ?? '';
    const [device, type] = out.split(/\s+/);
    return `${type ?? '?'} (${device ?? '?'})`;
  } catch {
    return 'unknown';
  }
}

export function machineInfo(dataDir: string, sqliteVersion: string): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = fs
      .readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':')[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: os.cpus() it is
  }
  return {
    cpuModel,
    nproc: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    dataFilesystem: filesystemOf(dataDir),
    sqlite: sqliteVersion,
  };
}

/**
 * CPU time (user + system, ms) of this process's main thread alone (Linux: /proc/self/task/<pid>/stat,
 * clock ticks of 10 ms), beside process.cpuUsage() which counts every thread.
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Peak resident set of a process (VmHWM), in MiB; undefined where /proc is missing. */
export function peakRssMiB(pid: number | 'self' = 'self'): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
