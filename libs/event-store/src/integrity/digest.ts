import type { Integer } from '@thidua/domain';
/**
 * Log digests (DESIGN.md §3): the head (revision, hash) of every stream as of a global position,
 * summarised by a Merkle root (merkle.ts) and signed with Ed25519.
 *
 * Trust model: the digest carries the full list of heads, and the root is recomputable from them, so
 * a verifier needs nothing from the server to know what each stream looked like at that position.
 * The signature covers { kind, position, streamCount, root, algorithm, publicKey } plus any extra
 * field the caller put on the digest before signing (e.g. `issuedAt`); the heads are covered through
 * the root, which verifyDigestSignature recomputes. An inspector who keeps only the root can still
 * check one stream with merkleInclusionProof / verifyMerkleInclusion.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

import { canonicalJson } from '@thidua/domain';
import { StoreError } from '../errors.js';
import type { EventStore } from '../event-store.port.js';
import { GENESIS_HASH, logChainHash } from './hash-chain.js';
import { merkleRoot, sortHeads, type StreamHead } from './merkle.js';

export type { StreamHead } from './merkle.js';

export interface LogDigest {
  /** Global position the heads are taken at (inclusive). */
  position: Integer;
  streamCount: Integer;
  /** Hex sha256 Merkle root over `heads` in stream-id order. */
  root: string;
  /** Every stream head as of `position`, sorted by stream id. */
  heads?: StreamHead[];
  /**
   * The log chain as of `position` (hash-chain.ts `logChainHash` over every event's hash in position
   * order from 64 zeros), signed with the rest: it covers the order across streams and every event, not
   * only the heads. Recomputed from the events on any store; absent from digests made before it existed.
   */
  logHash?: string;
}

export interface SignedDigest extends LogDigest {
  algorithm: 'Ed25519';
  /** SPKI PEM of the signing key. Compare it with a key you trust: anyone can sign a digest. */
  publicKey: string;
  /** Base64 Ed25519 signature over signedPayload(digest). */
  signature: string;
  /** No clock here: a caller wanting a time adds `issuedAt` to the digest before signing it. */
  signedAt?: never;
}

const KIND = 'thi-dua-ledger/log-digest/v1';
const READ_BATCH = 2000;

/** Heads of every stream as of `atPosition` (default: the current head). */
export async function computeDigest(store: EventStore, atPosition?: number): Promise<LogDigest> {
  const head = await store.headPosition();
  const position = atPosition ?? head;
  if (!Number.isSafeInteger(position) || position < 0 || position > head) {
    throw new StoreError('DIGEST_POSITION', `digest position ${position} is outside the log (head ${head})`);
  }
  const heads = new Map<string, StreamHead>();
  let logHash = GENESIS_HASH;
  let after = 0;
  for (;;) {
    const batch = await store.readAll({ after, to: position, batchSize: READ_BATCH });
    const last = batch[batch.length - 1];
    if (!last) break;
    for (const e of batch) {
      heads.set(e.streamId, { streamId: e.streamId, revision: e.revision, hash: e.metadata.hash });
      logHash = logChainHash(logHash, e.metadata.hash);
    }
    after = last.position;
  }
  return digestFromHeads(position, [...heads.values()], logHash);
}

export function digestFromHeads(position: number, heads: StreamHead[], logHash?: string): LogDigest {
  const sorted = sortHeads(heads);
  return {
    position,
    streamCount: sorted.length,
    root: merkleRoot(sorted),
    heads: sorted,
    ...(logHash === undefined ? {} : { logHash }),
  };
}

/** The exact bytes that are signed: everything but the heads (covered by the root) and the signature. */
function signedPayload(digest: LogDigest & { algorithm: string; publicKey: string }): Buffer {
  const { heads: _heads, signature: _signature, ...covered } = digest as LogDigest & { signature?: string };
  return Buffer.from(canonicalJson({ ...covered, kind: KIND }), 'utf8');
}

export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function signDigest<D extends LogDigest>(digest: D, privateKeyPem: string): D & SignedDigest {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new StoreError('DIGEST_KEY', 'digest keys must be Ed25519');
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  const unsigned = { ...digest, algorithm: 'Ed25519' as const, publicKey };
  const signature = sign(null, signedPayload(unsigned), key).toString('base64');
  return { ...unsigned, signature };
}

function samePublicKey(a: string, b: string): boolean {
  try {
    const raw = (pem: string): string =>
      createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('hex');
    return raw(a) === raw(b);
  } catch {
    return false;
  }
}

/**
 * True when the signature is valid for the digest's own public key, the heads (when present) give
 * back the signed root and count, and, when `trustedPublicKeyPem` is given, the key is that one.
 */
export function verifyDigestSignature(signed: SignedDigest, trustedPublicKeyPem?: string): boolean {
  try {
    if (signed.algorithm !== 'Ed25519' || typeof signed.signature !== 'string') return false;
    if (trustedPublicKeyPem !== undefined && !samePublicKey(signed.publicKey, trustedPublicKeyPem))
      return false;
    if (signed.heads) {
      const sorted = sortHeads(signed.heads);
      if (sorted.length !== signed.streamCount || merkleRoot(sorted) !== signed.root) return false;
    }
    const key = createPublicKey(signed.publicKey);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, signedPayload(signed), key, Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}
