/** Entry of the log page reader thread (log-page-thread.ts). */
import { parentPort, workerData } from 'node:worker_threads';

import { servePages } from './log-page-thread.js';

if (!parentPort) throw new Error('log-page-worker runs as a worker thread');
servePages(parentPort, (workerData as { file: string }).file);
