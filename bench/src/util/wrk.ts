/**
 * The native load generator: `wrk` (Debian package `wrk`; installed with apt-get when absent, never a
 * downloaded binary), pinned with taskset to the CPUs given (away from the server's), fed a list of
 * requests by a Lua script (each request once, in order: score commands must not repeat), one thread.
 * Reports what runLoad reports, and the generator's own CPU (user + system of wrk, from the shell's
 * `times`), so that a figure where the generator was the limit is marked.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type { LoadResult, RequestSpec } from './loadgen.js';

let wrkPath: string | null | undefined;

function which(binary: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** wrk's path, installing the Debian package first when it is absent and we may; undefined if neither. */
export function ensureWrk(log: (line: string) => void): string | undefined {
  if (wrkPath !== undefined) return wrkPath ?? undefined;
  let found = which('wrk');
  if (!found && which('apt-get') && process.getuid?.() === 0) {
    log('  installing wrk (apt-get install -y wrk)…');
    const install = (): void =>
      void execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'wrk'], { stdio: 'ignore' });
    try {
      install();
    } catch {
      // An image without package lists (or stale ones) finds no wrk: fetch the lists once and try again.
      try {
        execFileSync('apt-get', ['update'], { stdio: 'ignore' });
        install();
      } catch {
        log('  wrk could not be installed: the node:http generator is used (figures it limits are marked)');
      }
    }
    found = which('wrk');
  }
  wrkPath = found ?? null;
  return found;
}

const LUA = `
local lines = {}
statuses = {} -- global: done() reads each thread's copy with thread:get
local threads = {}
local i = 0
function setup(thread) table.insert(threads, thread) end
function init(args)
  for line in io.lines(args[1]) do
    local method, path, auth, body = line:match("^([^\\t]*)\\t([^\\t]*)\\t([^\\t]*)\\t(.*)$")
    local headers = { ["authorization"] = auth }
    if body == "" then body = nil else headers["content-type"] = "application/json" end
    table.insert(lines, wrk.format(method, path, headers, body))
  end
  rotate = args[2] == "rotate"
end
function request()
  i = i + 1
  if i > #lines then
    if rotate then i = 1 else wrk.thread:stop() return lines[#lines] end
  end
  return lines[i]
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local counts = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses") or {}) do counts[status] = (counts[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%d":%d', status, n)) end
  io.write(string.format('WRK {"requests":%d,"durationUs":%d,"socketErrors":%d,"p50":%d,"p99":%d,"max":%d,"statuses":{%s}}\\n',
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, table.concat(parts, ",")))
end
`;

export interface WrkOptions {
  wrk: string;
  port: number;
  connections: number;
  seconds: number;
  /** Requests in order; without `rotate`, the run stops when they are used up. */
  requests: RequestSpec[];
  rotate: boolean;
  ok: (status: number) => boolean;
  /** taskset CPU list for wrk (away from the server), if any. */
  cpus?: string;
  workDir: string;
}

export interface WrkResult extends LoadResult {
  generator: 'wrk';
}

export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  fs.mkdirSync(options.workDir, { recursive: true });
  const script = path.join(options.workDir, 'requests.lua');
  const list = path.join(options.workDir, `requests-${process.hrtime.bigint()}.tsv`);
  fs.writeFileSync(script, LUA);
  fs.writeFileSync(
    list,
    options.requests
      .map((r) => [r.method, r.path, r.headers['authorization'] ?? '', r.body ?? ''].join('\t'))
      .join('\n') + '\n',
  );
  const wrkArgs = [
    '-t1',
    `-c${options.connections}`,
    `-d${Math.max(1, Math.round(options.seconds))}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    `http://127.0.0.1:${options.port}`,
    '--',
    list,
    options.rotate ? 'rotate' : 'once',
  ];
  const command = [...(options.cpus ? ['taskset', '-c', options.cpus] : []), options.wrk, ...wrkArgs]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  // `times` prints the shell's then its children's user and system time: wrk's own CPU.
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('sh', ['-c', `${command}; times`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
  fs.rmSync(list, { force: true });
  const m = /WRK (\{.*\})/.exec(output);
  if (!m) throw new Error(`wrk gave no result:\n${output}`);
  const r = JSON.parse(m[1]!) as {
    requests: number;
    durationUs: number;
    socketErrors: number;
    p50: number;
    p99: number;
    max: number;
    statuses: Record<string, number>;
  };
  const times = output.trim().split('\n').slice(-1)[0] ?? '';
  const seconds = [...times.matchAll(/(\d+)m([\d.]+)s/g)].map((x) => Number(x[1]) * 60 + Number(x[2]));
  const cpuSeconds = (seconds[0] ?? 0) + (seconds[1] ?? 0);
  const ms = r.durationUs / 1000;
  const refused = Object.entries(r.statuses)
    .filter(([status]) => !options.ok(Number(status)))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    generator: 'wrk',
    requests: r.requests,
    ms,
    perSecond: (r.requests * 1000) / ms,
    p50: r.p50 / 1000,
    p99: r.p99 / 1000,
    max: r.max / 1000,
    statuses: r.statuses,
    failures: refused + r.socketErrors,
    clientCpu: cpuSeconds / (ms / 1000),
  };
}
