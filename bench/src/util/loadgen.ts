/**
 * The HTTP load generator: `connections` keep-alive connections (node:http Agent), each sending its next
 * request as soon as the previous answer is read. Latency is per request, from write to the end of the
 * body. A warm-up period runs first and is not counted.
 */
import http from 'node:http';

import { Samples } from './stats.js';

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  ms: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  /** Requests whose status `ok` refused, or that failed at the socket. */
  failures: number;
  /** CPU used by this (load generator) process during the measured part, as a share of one core. */
  clientCpu: number;
}

export interface LoadOptions {
  port: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** The next request, or undefined when there is no more work. */
  next: () => RequestSpec | undefined;
  ok: (status: number) => boolean;
  /** Called with each measured answer's status and body (only when given: bodies are otherwise discarded). */
  onBody?: (status: number, body: string) => void;
}

export function send(
  agent: http.Agent,
  port: number,
  spec: RequestSpec,
  wantBody = false,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...spec.headers };
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(spec.body);
    }
    const req = http.request(
      { host: '127.0.0.1', port, method: spec.method, path: spec.path, headers, agent },
      (res) => {
        let body = '';
        if (wantBody) res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        else res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (spec.body !== undefined) req.write(spec.body);
    req.end();
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latency = new Samples();
  const statuses: Record<string, number> = {};
  let failures = 0;
  let requests = 0;
  let max = 0;
  const begin = performance.now();
  const measureFrom = begin + options.warmupSeconds * 1000;
  const deadline = measureFrom + options.seconds * 1000;
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  let measuredStart = 0;
  let measuredEnd = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const now = performance.now();
      if (now >= deadline) return;
      if (!cpuAtStart && now >= measureFrom) {
        cpuAtStart = process.cpuUsage();
        measuredStart = now;
      }
      const spec = options.next();
      if (!spec) return;
      const t0 = performance.now();
      let status = 0;
      let body = '';
      try {
        ({ status, body } = await send(agent, options.port, spec, options.onBody !== undefined));
      } catch {
        status = -1;
      }
      const t1 = performance.now();
      if (t0 < measureFrom || t1 > deadline) continue;
      measuredEnd = Math.max(measuredEnd, t1);
      requests++;
      latency.push(t1 - t0);
      max = Math.max(max, t1 - t0);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (!options.ok(status)) failures++;
      options.onBody?.(status, body);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  agent.destroy();
  const ms = Math.max(1, (measuredEnd || performance.now()) - (measuredStart || measureFrom));
  const cpu = cpuAtStart ? process.cpuUsage(cpuAtStart) : { user: 0, system: 0 };
  return {
    requests,
    ms,
    perSecond: (requests * 1000) / ms,
    p50: latency.percentile(50),
    p99: latency.percentile(99),
    max,
    statuses,
    failures,
    clientCpu: (cpu.user + cpu.system) / 1000 / ms,
  };
}
