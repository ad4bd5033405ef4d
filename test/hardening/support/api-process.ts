import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';
import { transpileForNode } from '@thidua/testkit';
import { TEST_SECRET } from '../../support/test-app.js';
import { fetchHttp, type Http } from './http.js';

/**
 * Transpiles apps/api/src/main.ts and everything it imports (no type check: `npm run typecheck` does
 * that) into `outDir`, so the real API can run as a child process. Returns the entry point.
 */
export function buildApi(root: string, outDir: string): string {
  // The projection worker is loaded by URL at run time, not imported: transpiled as an entry of its own.
  const [entry] = transpileForNode(
    root,
    ['apps/api/src/main.ts', 'apps/api/src/infrastructure/projection-worker.ts'],
    outDir,
  ) as [string];
  return entry;
}

/** A port free right now (the OS picks it; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  http: Http;
  /** Everything the process wrote to stderr (and stdout), for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node main.js` on DATA_DIR and PORT; resolves when /health/live answers. */
export async function startApiProcess(
  entry: string,
  options: { dataDir: string; port: number; env?: Record<string, string> },
): Promise<ApiProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_OPTIONS']; // jest's --experimental-vm-modules is not for the child
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, [entry], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      DATA_DIR: options.dataDir,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'warn',
      RATE_LIMIT: '0',
      ...options.env,
    },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const http = fetchHttp(`http://127.0.0.1:${options.port}`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (gone) throw new Error(`the API process exited before it answered:\n${output}`);
    try {
      if ((await http('GET', '/health/live')).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API process did not answer /health/live within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    http,
    output: () => output,
    exited,
    kill: async () => {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      await exited;
    },
  };
}
