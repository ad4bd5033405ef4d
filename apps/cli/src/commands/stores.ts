import { createEventStore, type EventStore } from '@thidua/event-store';
import { createReadStore, type ReadStore } from '@thidua/read-store';
import type { AppConfig } from '../../../api/src/config/app-config.js';

/** Opens the event store the configuration names, runs `work`, and always closes it. */
export async function withEventStore<T>(
  config: AppConfig,
  work: (events: EventStore) => Promise<T>,
): Promise<T> {
  const events = await createEventStore({
    dataDir: config.dataDir,
    eventstoreConnectionString: config.eventstoreConnectionString,
  });
  try {
    return await work(events);
  } finally {
    await events.close();
  }
}

export async function withStores<T>(
  config: AppConfig,
  work: (events: EventStore, reads: ReadStore) => Promise<T>,
): Promise<T> {
  return withEventStore(config, async (events) => {
    const reads = await createReadStore({ dataDir: config.dataDir, mongodbUri: config.mongodbUri });
    try {
      return await work(events, reads);
    } finally {
      await reads.close();
    }
  });
}
