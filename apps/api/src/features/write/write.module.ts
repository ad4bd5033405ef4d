import { Module } from '@nestjs/common';
import type { EventStore } from '@thidua/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { DeciderRunner } from '../../write-model/decider-runner.js';
import { StreamContexts } from './stream-contexts.js';
import { StreamWriter } from './stream-writer.js';

/**
 * The write side's shared pieces: ONE DeciderRunner for the whole app (its state cache and per-stream
 * turn-taking only work if every command goes through the same instance), the writer that turns a
 * request into a decided, appended command, and the loaders of cross-stream context.
 */
@Module({
  providers: [
    {
      provide: DeciderRunner,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new DeciderRunner(store),
    },
    StreamWriter,
    StreamContexts,
  ],
  exports: [DeciderRunner, StreamWriter, StreamContexts],
})
export class WriteModule {}
