import type { ProgressOutput } from './progress-bar.js';

/** Where a command writes, and the environment it reads: the real process in main.ts, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressOutput;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A command-line mistake: usage is printed and the exit code is 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
