/** The event-store port, its adapters and the integrity tools (hash chain, verify, signed digests). */
export { createEventStore } from './create-event-store.js';
export {
  AppendTooLargeError,
  EventIdConflictError,
  IntegrityError,
  type IntegrityFailure,
  InvalidAppendError,
  InvalidPositionError,
  isStorageError,
  StorageError,
  storageErrorOf,
  PartialDuplicateError,
  RevisionConflictError,
  StoreError,
} from './errors.js';
export {
  EVENT_STORE,
  type Actor,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type NewEventMetadata,
  type ReadAllOptions,
  type ReadStreamOptions,
  type Role,
  type StoredEvent,
  type Subscription,
  type SubscriptionHandlers,
  type SubscriptionOutage,
} from './event-store.port.js';
export {
  computeDigest,
  generateSigningKeyPair,
  signDigest,
  verifyDigestSignature,
  type SignedDigest,
} from './integrity/digest.js';
export { GENESIS_HASH, sealEvent } from './integrity/hash-chain.js';
export { verifyLog, type VerifyReport } from './integrity/verify-log.js';
export { type LogIntegrity, VerifyingEventStore } from './integrity/verifying-event-store.js';
export { type TailCheckResult, type VerifiedAnchor, verifyTail } from './integrity/tail-check.js';
export { configureDatabase } from './sqlite/schema.js';
export { nameThisThread } from './thread-name.js';
export { openSqliteEventStore, type SqliteEventStore } from './sqlite/sqlite-event-store.js';
export {
  openDatabase as openSqliteFile,
  setMaxPageCount as setSqliteMaxPageCount,
} from './sqlite/open-database.js';
