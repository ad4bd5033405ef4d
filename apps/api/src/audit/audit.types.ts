import type { Integer } from '@thidua/domain';
import type { IntegrityFailure, SignedDigest, StoredEvent } from '@thidua/event-store';

/** GET /audit/streams/{s}: a page of a stream's raw events. */
export interface StreamEventsPage {
  streamId: string;
  events: StoredEvent[];
  /** Revision to ask for next, or null when this page reached the end of the stream. */
  nextRevision: Integer | null;
  /** Present when the stream fails its integrity check: the events are then shown as stored, unverified. */
  integrityFailure?: IntegrityFailure;
}

/** A signed digest as GET /audit/digest issues it: `issuedAt` is inside the signed payload. */
export type IssuedDigest = SignedDigest & {
  /** When the server issued it (ISO-8601). */
  issuedAt: string;
};

/** The key that signs digests. */
export interface PublicKey {
  algorithm: 'Ed25519';
  /** SPKI PEM. */
  publicKey: string;
}
