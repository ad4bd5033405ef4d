import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { transpileForNode } from '@thidua/testkit';
import { TEST_SECRET } from '../../support/test-app.js';
import { fetchHttp, type Http } from './http.js';

/**
 * Transpiles apps/api/src/main.ts and everything it imports (no type check: `npm run typecheck` does
 * that) into `outDir`, so the real API can run as a child process. Returns the entry point.
 */
export function buildApi(root: string, outDir: string): string {
  // The projection and append workers are loaded by URL at run time, not imported: entries of their own.
  const [entry] = transpileForNode(
    root,
    [
      'apps/api/src/main.ts',
      'apps/api/src/infrastructure/projection-worker.ts',
      'libs/event-store/src/sqlite/append-worker.ts',
    ],
    outDir,
  ) as [string];
  return entry;
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

/**
 * Starts `node main.js` on DATA_DIR with PORT=0 and resolves when /health/live answers on the port the
 * child itself logs ("listening", with its url). A port picked here and bound by the child later could be
 * taken in between by another suite's server, whose answers would then pass for the child's.
 */
export async function startApiProcess(
  entry: string,
  options: { dataDir: string; env?: Record<string, string> },
): Promise<ApiProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_OPTIONS']; // jest's --experimental-vm-modules is not for the child
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, [entry], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      DATA_DIR: options.dataDir,
      PORT: '0',
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
  const deadline = Date.now() + 60_000;
  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    for (;;) {
      if (gone) throw new Error(`the API process exited before ${what}:\n${output}`);
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the API process did not ${what} within 60 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const url = await waitFor(
    'say where it listens',
    async () => /"url":"(http:\/\/[^"]+)","msg":"listening"/.exec(output)?.[1],
  );
  const http = fetchHttp(url);
  await waitFor('answer /health/live', async () => {
    try {
      return (await http('GET', '/health/live')).status === 200 ? true : undefined;
    } catch {
      return undefined; // not answering yet
    }
  });
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
