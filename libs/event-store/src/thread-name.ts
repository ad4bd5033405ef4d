import { writeFileSync } from 'node:fs';

/**
 * Names the calling thread (Linux: /proc/thread-self/comm), so tools (`top -H`, the bench's CPU per thread)
 * tell the worker threads apart; elsewhere nothing changes. Here because the append worker is the lowest
 * layer that names its thread; the API's projection worker uses it too.
 */
export function nameThisThread(name: string): void {
  try {
    writeFileSync('/proc/thread-self/comm', name);
  } catch {
    // Not Linux, or no /proc: the name is only for tools.
  }
}
