import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadStore } from './read-store.port.js';
import { openSqliteReadStore } from './sqlite/sqlite-read-store.js';

export interface ReadStoreConfig {
  /** Directory of the embedded SQLite file `read-models.sqlite` (created if missing). */
  dataDir: string;
  /** When set, read models live in MongoDB instead. */
  mongodbUri?: string;
  mongodbDbName?: string;
}

export async function createReadStore(config: ReadStoreConfig): Promise<ReadStore> {
  if (config.mongodbUri) {
    // Loaded only when asked for: the driver's BSON serializer allocates a 17 MiB buffer at load.
    const { openMongoReadStore } = await import('./mongodb/mongodb-read-store.js');
    return openMongoReadStore(config.mongodbUri, config.mongodbDbName);
  }
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteReadStore(join(config.dataDir, 'read-models.sqlite'));
}
