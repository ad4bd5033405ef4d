export * from './read-store.port.js';
export * from './errors.js';
export { createReadStore, type ReadStoreConfig } from './create-read-store.js';
export { openSqliteReadStore } from './sqlite/sqlite-read-store.js';
export { openMongoReadStore } from './mongodb/mongodb-read-store.js';
