/** Runs a bench child process (node) that prints one JSON result line prefixed with RESULT. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface ChildRun<T> {
  result: T;
  stderr: string;
}

export interface ChildOptions {
  /** Extra node flags (e.g. --cpu-prof). */
  nodeFlags?: string[];
  env?: NodeJS.ProcessEnv;
  /** Pin to these CPUs with taskset (Linux), when available. */
  cpus?: string;
  /** Lines of progress from the child (stdout lines not starting with RESULT). */
  onLine?: (line: string) => void;
}

export const RESULT_PREFIX = 'RESULT ';

/** Prints the result line of a child (used by the child scripts). */
export function emitResult(value: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(value)}\n`);
}

export function spawnNode(script: string, args: string[], options: ChildOptions = {}): ChildProcess {
  const nodeArgs = [...(options.nodeFlags ?? []), script, ...args];
  const env = { ...process.env, ...options.env };
  delete env['NODE_OPTIONS'];
  return options.cpus && hasTaskset()
    ? spawn('taskset', ['-c', options.cpus, process.execPath, ...nodeArgs], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, nodeArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

let tasksetAvailable: boolean | undefined;
/** True where `taskset` (util-linux) can pin processes to CPUs. */
export function hasTaskset(): boolean {
  if (tasksetAvailable === undefined) {
    tasksetAvailable = process.platform === 'linux' && spawnSync('taskset', ['-V']).status === 0;
  }
  return tasksetAvailable;
}

/** Runs a child to completion and returns its RESULT line, parsed. Rejects on a non-zero exit. */
export function runChild<T>(script: string, args: string[], options: ChildOptions = {}): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    const child = spawnNode(script, args, options);
    let stdout = '';
    let stderr = '';
    let result: T | undefined;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      let nl: number;
      while ((nl = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, nl);
        stdout = stdout.slice(nl + 1);
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as T;
        else options.onLine?.(line);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0 && result !== undefined) resolve({ result, stderr });
      else reject(new Error(`${script} exited with ${code ?? signal}: ${stderr.slice(-2000)}`));
    });
  });
}
