import { Inject, Injectable } from '@nestjs/common';
import type { Doc, FindQuery, ReadStore, Target } from '@thidua/read-store';
import { ApiError } from './api-error.js';
import { PROJECTION_RUNNER, READ_STORE } from '../infrastructure/tokens.js';

/** What the queries need of the runner (or of a follower of another process's runner). */
export interface ServedGenerations {
  target(name: string): Target;
  servedPosition(name: string): number;
}

/** Texts kept per projection while its served generation and checkpoint stand still. */
const TEXTS_PER_PROJECTION = 4096;

interface TextCache {
  generation: number;
  position: number;
  texts: Map<string, string | null>;
}

/** Reads the generation a projection serves now (a rebuild switches it under our feet; never cache it). */
@Injectable()
export class ReadModels {
  private readonly texts = new Map<string, TextCache>();

  constructor(
    @Inject(READ_STORE) readonly store: ReadStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ServedGenerations,
  ) {}

  async get<T>(projection: string, collection: string, id: string): Promise<T | null> {
    return (await this.store.get(this.target(projection), collection, id)) as T | null;
  }

  /**
   * The document as its JSON text, unparsed: a hot read answers these bytes as they are, the same
   * bytes Fastify would send for the parsed document.
   */
  async getText(projection: string, collection: string, id: string): Promise<string | null> {
    const target = this.target(projection);
    // Taken before the read: a text read while a batch lands is kept under the older checkpoint, never the
    // reverse, so a checkpoint that moved always reads again (read-your-writes waits for it to move).
    const position = this.runner.servedPosition(projection);
    let cache = this.texts.get(projection);
    if (cache?.generation !== target.generation || cache.position !== position) {
      cache = { generation: target.generation, position, texts: new Map() };
      this.texts.set(projection, cache);
    }
    const key = `${collection}\u0000${id}`;
    const cached = cache.texts.get(key);
    if (cached !== undefined) return cached;
    const text = await this.store.getText(target, collection, id);
    if (cache.texts.size >= TEXTS_PER_PROJECTION) cache.texts.clear();
    cache.texts.set(key, text);
    return text;
  }

  /** A checkpoint position the projection's served generation is known to have reached. */
  servedPosition(projection: string): number {
    return this.runner.servedPosition(projection);
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
