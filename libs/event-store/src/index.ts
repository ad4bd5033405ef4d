export * from './event-store.port.js';
export * from './errors.js';
export { checkExpectedRevision, validateAppend } from './append-rules.js';
export { createEventStore, openEsdbEventStore, type EventStoreConfig } from './create-event-store.js';
// Types only: importing the index never loads the gRPC client (openEsdbEventStore loads it on demand).
export type { EsdbEventStore, EsdbEventStoreOptions } from './esdb/esdb-event-store.js';
export {
  openSqliteEventStore,
  SqliteEventStore,
  type SqliteEventStoreOptions,
} from './sqlite/sqlite-event-store.js';
export {
  GENESIS_HASH,
  eventHash,
  hashMatches,
  sealEvent,
  sha256Hex,
  type HashableEvent,
  type SealedEvent,
} from './integrity/hash-chain.js';
export {
  computeDigest,
  digestFromHeads,
  generateSigningKeyPair,
  signDigest,
  verifyDigestSignature,
  type LogDigest,
  type SignedDigest,
} from './integrity/digest.js';
export {
  leafHash,
  merkleInclusionProof,
  merkleRoot,
  sortHeads,
  verifyMerkleInclusion,
  type StreamHead,
} from './integrity/merkle.js';
export {
  verifyLog,
  type VerifyFailure,
  type VerifyOptions,
  type VerifyProblem,
  type VerifyReport,
} from './integrity/verify-log.js';
