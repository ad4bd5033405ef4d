import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { ProjectionFollower, ProjectionReadView, ProjectionStatusReport } from '@thidua/projections';
import type { Target } from '@thidua/read-store';
import type { FromWorker, ToWorker, WorkerSettings } from './projection-thread-messages.js';

const WORKER = new URL('./projection-worker.js', import.meta.url);

/**
 * The worker runs from JavaScript: the build, or the tests' transpiled API. Under jest the sources are
 * TypeScript and there is no worker script beside this module: the projections then run on the API
 * thread (ProjectionRunner), as with PROJECTION_THREAD=main.
 */
export function projectionWorkerAvailable(): boolean {
  return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));
}

/**
 * The projections on a worker thread of the API process: the second core projects while this thread
 * answers HTTP, decides and appends. Reads (targets, checkpoints, status, read-your-writes waits) go
 * through a ProjectionFollower of the read store the worker writes; each append of this thread wakes the
 * worker's subscription at once (no poll delay); an admin rebuild is run by the worker.
 */
export class ProjectionThread implements ProjectionReadView {
  private worker: Worker | undefined;
  private wakePending = false;
  private nextId = 1;
  private readonly rebuilds = new Map<number, { resolve(): void; reject(error: Error): void }>();
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly follower: ProjectionFollower,
    private readonly settings: WorkerSettings,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const worker = new Worker(WORKER, { workerData: this.settings });
    this.worker = worker;
    let stoppedResolve!: () => void;
    this.stopped = new Promise((resolve) => (stoppedResolve = resolve));
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'started':
            resolve();
            return;
          case 'stopped':
            stoppedResolve();
            return;
          case 'rebuilt': {
            const waiting = this.rebuilds.get(message.id);
            this.rebuilds.delete(message.id);
            if (message.error === undefined) waiting?.resolve();
            else waiting?.reject(new Error(message.error));
            return;
          }
          case 'log':
            this.logger[message.level](message.obj, message.msg);
            return;
        }
      });
      worker.once('error', (error) => {
        this.logger.error({ err: error }, 'the projection thread failed');
        reject(error);
      });
      worker.once('exit', () => {
        stoppedResolve();
        for (const waiting of this.rebuilds.values())
          waiting.reject(new Error('the projection thread ended'));
        this.rebuilds.clear();
      });
    });
    await this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    this.post(worker, { type: 'stop' });
    await this.stopped;
    await worker.terminate();
  }

  /** An append was committed here: the worker's subscription looks now (once per tick at most). */
  appended(): void {
    const worker = this.worker;
    if (!worker || this.wakePending) return;
    this.wakePending = true;
    setImmediate(() => {
      this.wakePending = false;
      this.post(worker, { type: 'appended' });
    });
  }

  /** Rebuilds a projection on the worker (beside the served generation; switches when caught up). */
  rebuild(name: string): Promise<void> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('the projection thread is not running'));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.rebuilds.set(id, { resolve, reject });
      this.post(worker, { type: 'rebuild', id, name });
    });
  }

  status(): Promise<ProjectionStatusReport[]> {
    return this.follower.status();
  }

  waitFor(position: number, timeoutMs: number, projections?: string[]): Promise<boolean> {
    return this.follower.waitFor(position, timeoutMs, projections);
  }

  target(name: string): Target {
    return this.follower.target(name);
  }

  servedPosition(name: string): number {
    return this.follower.servedPosition(name);
  }

  integrityFailure(name: string): ReturnType<ProjectionReadView['integrityFailure']> {
    return this.follower.integrityFailure(name);
  }

  private post(worker: Worker, message: ToWorker): void {
    worker.postMessage(message);
  }
}
