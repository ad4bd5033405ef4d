/** The read-store port and its adapters. */
export { createReadStore } from './create-read-store.js';
export {
  READ_STORE,
  type ApplyOptions,
  type Doc,
  type DocChange,
  type FindQuery,
  type IndexSpec,
  type ProjectionRuntimeStatus,
  type ProjectionStatus,
  type ReadStore,
  type Target,
} from './read-store.port.js';
export { openSqliteReadStore, type SqliteReadStore } from './sqlite/sqlite-read-store.js';
export {
  assertCollectionName,
  assertDoc,
  assertId,
  assertIndexes,
  assertProjectionName,
} from './validation.js';
