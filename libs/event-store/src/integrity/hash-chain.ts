/**
 * The per-stream hash chain (DESIGN.md §3), shared by both adapters and by `verifyLog`.
 *
 *   hash = sha256hex(prevHash ‖ canonicalJson({ eventId, type, streamId, revision, data, metadata }))
 *
 * where `metadata` carries `prevHash` and not `hash`. The global position is deliberately NOT hashed:
 * EventStoreDB only assigns it after the write. Revision 0 links to GENESIS_HASH (64 zeros), so every
 * `prevHash` is a 64-hex string.
 */
import { hash as oneShotHash } from 'node:crypto';

import { canonicalJson } from '../../../domain/src/canonical-json.js';
import type { EventData, EventMetadata, NewEvent, StoredEvent } from '../event-store.port.js';

export const GENESIS_HASH = '0'.repeat(64);

/** One-shot crypto.hash (Node ≥ 20.12): about twice as fast as createHash for short inputs. */
export function sha256Hex(text: string): string {
  return oneShotHash('sha256', text, 'hex');
}

/** What the hash covers. `metadata.hash`, if present, is ignored. */
export interface HashableEvent {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  data: EventData;
  metadata: Omit<EventMetadata, 'hash'> & { hash?: string };
}

/**
 * canonicalJson of the envelope, built from already-canonical parts. The keys are written in sorted
 * order (data < eventId < metadata < revision < streamId < type), so the result equals
 * `canonicalJson(envelope)` (checked by the unit test) without serialising `data` twice.
 */
function envelopeJson(e: HashableEvent, dataJson: string, metadataJson: string): string {
  return (
    `{"data":${dataJson},"eventId":${JSON.stringify(e.eventId)},"metadata":${metadataJson}` +
    `,"revision":${canonicalJson(e.revision)},"streamId":${JSON.stringify(e.streamId)},"type":${JSON.stringify(e.type)}}`
  );
}

function metadataWithoutHash(metadata: HashableEvent['metadata']): Omit<EventMetadata, 'hash'> {
  if (!('hash' in metadata)) return metadata;
  const { hash: _hash, ...rest } = metadata;
  return rest;
}

/** The chained hash of one event, recomputed from its content. */
export function eventHash(e: HashableEvent): string {
  const metadata = metadataWithoutHash(e.metadata);
  return sha256Hex(metadata.prevHash + envelopeJson(e, canonicalJson(e.data), canonicalJson(metadata)));
}

/** True when the stored hash matches the event's content (the link to the previous event is checked apart). */
export function hashMatches(e: StoredEvent): boolean {
  return eventHash(e) === e.metadata.hash;
}

export interface SealedEvent {
  metadata: EventMetadata;
  /** canonicalJson(data): what the hash covers, ready to store as text. */
  dataJson: string;
  /** JSON of the sealed metadata (with prevHash and hash), ready to store as text. */
  metadataJson: string;
  hash: string;
}

/** Adds `prevHash` and `hash` to a new event about to be stored at `revision` of `streamId`. */
export function sealEvent(
  streamId: string,
  revision: number,
  prevHash: string,
  event: NewEvent,
): SealedEvent {
  // The store owns prevHash and hash: whatever a writer put there is replaced.
  const { hash: _callerHash, prevHash: _callerPrev, ...given } = event.metadata as EventMetadata;
  const unsealed = { ...given, prevHash };
  const dataJson = canonicalJson(event.data);
  const unsealedJson = canonicalJson(unsealed);
  const hash = sha256Hex(
    prevHash +
      envelopeJson(
        {
          eventId: event.eventId,
          type: event.type,
          streamId,
          revision,
          data: event.data,
          metadata: unsealed,
        },
        dataJson,
        unsealedJson,
      ),
  );
  // Stored text only has to parse back to the same values; key order inside it does not matter.
  const metadataJson =
    unsealedJson === '{}' ? `{"hash":"${hash}"}` : `${unsealedJson.slice(0, -1)},"hash":"${hash}"}`;
  return { metadata: { ...unsealed, hash }, dataJson, metadataJson, hash };
}
