import { Inject, Injectable } from '@nestjs/common';
import type { Doc, FindQuery, ReadStore, Target } from '../../../../libs/read-store/src/read-store.port.js';
import { ApiError } from './api-error.js';
import { PROJECTION_RUNNER, READ_STORE } from '../infrastructure/tokens.js';

/** What the queries need of the runner (or of a follower of another process's runner). */
export interface ServedGenerations {
  target(name: string): Target;
}

/** Reads the generation a projection serves now (a rebuild switches it under our feet; never cache it). */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(READ_STORE) readonly store: ReadStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ServedGenerations,
  ) {}

  async get<T>(projection: string, collection: string, id: string): Promise<T | null> {
    return (await this.store.get(this.target(projection), collection, id)) as T | null;
  }

  async find<T>(projection: string, collection: string, query?: FindQuery): Promise<T[]> {
    return (await this.store.find(this.target(projection), collection, query)) as Doc[] as T[];
  }

  /** The served generation of a projection, or 503 before it is served. */
  target(projection: string): Target {
    try {
      return this.runner.target(projection);
    } catch {
      // Not started yet (boot, or the projector has not created the generation).
      throw new ApiError(
        503,
        'PROJECTION_UNAVAILABLE',
        `projection ${projection} is not being served yet; retry later`,
        undefined,
        { 'retry-after': '1' },
      );
    }
  }
}
