import {
  MaxAppendSizeExceededError,
  UnknownError,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';

import { AppendTooLargeError, InvalidPositionError, StoreError } from '../errors.js';
import type { EventData, EventMetadata, StoredEvent } from '../event-store.port.js';

/** Events the server writes for itself ($stats, $settings, projections, …): never part of our log. */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/** Stream reads on servers before 22.x carry no $all position (it comes back as 2^64-1 or absent). */
const NO_POSITION = 1n << 63n;

/** Our global position is the commit position (unique per event for gRPC writes, which is all we do). */
export function positionNumber(position: Position | undefined, what: string): number {
  if (!position || position.commit >= NO_POSITION) {
    throw new StoreError(
      'ESDB_POSITION_MISSING',
      `${what}: the server gave no $all position (EventStoreDB 22.10+ needed)`,
    );
  }
  return Number(position.commit);
}

export function toPosition(position: number): Position {
  const p = BigInt(position);
  return { commit: p, prepare: p };
}

/** Maps a recorded event, or returns null for a system event or a link whose target is gone. */
export function toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | null {
  const e = resolved.event;
  if (!e || isSystemEvent(e.streamId, e.type)) return null;
  if (!e.isJson) {
    throw new StoreError(
      'ESDB_FOREIGN_EVENT',
      `event ${e.id} in ${e.streamId} is not JSON: this store holds ledger events only`,
    );
  }
  const metadata = e.metadata as EventMetadata | undefined;
  if (!metadata || typeof metadata !== 'object' || typeof metadata.hash !== 'string') {
    throw new StoreError(
      'ESDB_FOREIGN_EVENT',
      `event ${e.id} in ${e.streamId} carries no ledger metadata (hash chain)`,
    );
  }
  return {
    eventId: e.id,
    type: e.type,
    streamId: e.streamId,
    revision: Number(e.revision),
    position: positionNumber(e.position, `event ${e.id}`),
    data: e.data as EventData,
    metadata,
  };
}

/**
 * Iterates a read until it ends or `visit` returns false. A read stopped early (by `visit`, or by a
 * throw in `visit` or in a mapper) is cancelled: leaving the loop only destroys the client's stream,
 * while the gRPC call goes on holding server resources.
 */
export async function consume<E>(read: StreamingRead<E>, visit: (item: E) => boolean | void): Promise<void> {
  let ended = false;
  try {
    for await (const item of read as AsyncIterable<E>) {
      if (visit(item) === false) return;
    }
    ended = true;
  } finally {
    if (!ended) await read.cancel().catch(() => undefined);
  }
}

/** 24.x answers a start that is not an event's position with status UNKNOWN and this text. */
export function isInvalidPosition(error: unknown): boolean {
  return error instanceof UnknownError && /invalid position/i.test(error.message);
}

/** The server's refusals the port names with its own errors; anything else unchanged. */
export function portError(error: unknown, context: { streamId?: string; after?: number }): unknown {
  if (error instanceof MaxAppendSizeExceededError)
    return new AppendTooLargeError(context.streamId ?? '', undefined, error.maxAppendSize);
  if (isInvalidPosition(error)) return new InvalidPositionError(context.after ?? 0);
  return error;
}
