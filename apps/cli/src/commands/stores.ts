import { createEventStore, type EventStore, VerifyingEventStore } from '@thidua/event-store';
import { createReadStore, type ReadStore } from '@thidua/read-store';
import type { AppConfig } from '../../../api/src/config/app-config.js';

/**
 * Opens the event store the configuration names, runs `work`, and always closes it. `verified`: every
 * event read is checked against the hash chain (a broken log fails the command: rebuild, digest); verify
 * reads without it, to report what is broken.
 */
export async function withEventStore<T>(
  config: AppConfig,
  work: (events: EventStore) => Promise<T>,
  options: { verified?: boolean } = {},
): Promise<T> {
  const opened = await createEventStore({
    dataDir: config.dataDir,
    eventstoreConnectionString: config.eventstoreConnectionString,
  });
  const events = options.verified ? new VerifyingEventStore(opened) : opened;
  try {
    return await work(events);
  } finally {
    await events.close();
  }
}

/** The event store (verified) and the read store, for the projection commands. */
export async function withStores<T>(
  config: AppConfig,
  work: (events: EventStore, reads: ReadStore) => Promise<T>,
): Promise<T> {
  return withEventStore(
    config,
    async (events) => {
      const reads = await createReadStore({ dataDir: config.dataDir, mongodbUri: config.mongodbUri });
      try {
        return await work(events, reads);
      } finally {
        await reads.close();
      }
    },
    { verified: true },
  );
}
