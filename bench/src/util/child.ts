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
  /** Give the child a stdin pipe (servers read `stop` from it). */
  stdin?: boolean;
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
  const stdio: ['pipe' | 'ignore', 'pipe', 'pipe'] = [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'];
  return options.cpus && hasTaskset()
    ? spawn('taskset', ['-c', options.cpus, process.execPath, ...nodeArgs], { env, stdio })
    : spawn(process.execPath, nodeArgs, { env, stdio });
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
export function runChild<T>(
  script: string,
  args: string[],
  options: ChildOptions = {},
): Promise<ChildRun<T>> {
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

/** Pins every thread of this process to the given CPUs (Linux taskset); false when not possible. */
export function pinSelf(cpus: string): boolean {
  if (!hasTaskset()) return false;
  return spawnSync('taskset', ['-a', '-cp', cpus, String(process.pid)]).status === 0;
}
