import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { EventStore } from './event-store.port.js';
import { openSqliteEventStore } from './sqlite/sqlite-event-store.js';

export interface EventStoreConfig {
  /** Directory of the embedded store; the log is `${dataDir}/events.sqlite`. */
  dataDir: string;
  /** When set, EventStoreDB is used instead of SQLite. */
  eventstoreConnectionString?: string;
  /** SQLite only: poll interval for appends made by other processes. */
  pollIntervalMs?: number;
  /** SQLite only: appends committed by a worker thread (SqliteEventStoreOptions.appendThread). */
  appendThread?: boolean;
}

/**
 * Opens an EventStoreDB store. Loaded on demand so the embedded default never loads the gRPC client.
 */
export async function openEsdbEventStore(connectionString: string): Promise<EventStore> {
  const esdb = await import('./esdb/esdb-event-store.js');
  return esdb.openEsdbEventStore(connectionString);
}

/** EventStoreDB when a connection string is configured, else SQLite under `dataDir`. */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  if (config.eventstoreConnectionString) return openEsdbEventStore(config.eventstoreConnectionString);
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteEventStore(join(config.dataDir, 'events.sqlite'), {
    ...(config.pollIntervalMs !== undefined && { pollIntervalMs: config.pollIntervalMs }),
    ...(config.appendThread && { appendThread: true }),
  });
}
