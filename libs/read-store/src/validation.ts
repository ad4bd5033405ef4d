import type {
  Doc,
  DocChange,
  FindQuery,
  IndexSpec,
  ProjectionRuntimeStatus,
  ProjectionStatus,
  Target,
} from './read-store.port.js';
import { ReadStoreInputError } from './errors.js';

/**
 * Names are checked before they reach SQL text or a MongoDB collection name. Projection names have no
 * underscore so that the MongoDB prefix `${projection}_g${generation}_` is unambiguous.
 */
const PROJECTION_NAME = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Stored beside the fields by the MongoDB adapter; refused in documents and queries everywhere. */
const RESERVED_LIST = ['_id', '_position'] as const;
const RESERVED_FIELDS: ReadonlySet<string> = new Set(RESERVED_LIST);

export type Scalar = string | number | boolean | null;

export interface NormalizedQuery {
  where: [field: string, value: Scalar][];
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
  offset?: number;
}

export function assertTarget(target: Target): void {
  assertProjectionName(target.projection);
  if (!Number.isSafeInteger(target.generation) || target.generation < 0) {
    throw new ReadStoreInputError('INVALID_NAME', `generation must be a non-negative integer`);
  }
}

export function assertProjectionName(name: string): void {
  if (typeof name !== 'string' || !PROJECTION_NAME.test(name)) {
    throw new ReadStoreInputError('INVALID_NAME', `invalid projection name ${JSON.stringify(name)}`);
  }
}

export function assertCollectionName(name: string): void {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw new ReadStoreInputError('INVALID_NAME', `invalid collection name ${JSON.stringify(name)}`);
  }
}

export function assertFieldName(name: string): void {
  if (typeof name !== 'string' || !FIELD_NAME.test(name) || RESERVED_FIELDS.has(name)) {
    throw new ReadStoreInputError('INVALID_FIELD_NAME', `invalid field name ${JSON.stringify(name)}`);
  }
}

export function assertId(id: string): void {
  if (typeof id !== 'string' || id.length === 0) {
    throw new ReadStoreInputError('INVALID_NAME', 'document id must be a non-empty string');
  }
}

export function assertPosition(position: number): void {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new ReadStoreInputError(
      'INVALID_QUERY',
      `position must be a non-negative integer, got ${position}`,
    );
  }
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function assertCount(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new ReadStoreInputError('INVALID_QUERY', `${name} must be a non-negative integer`);
  }
}

/** Checks every field name and value of a query: values are scalars, never operators. */
export function normalizeQuery(query: FindQuery = {}): NormalizedQuery {
  const where: [string, Scalar][] = [];
  for (const [field, value] of Object.entries(query.where ?? {})) {
    assertFieldName(field);
    if (!isScalar(value)) {
      throw new ReadStoreInputError(
        'INVALID_QUERY',
        `where.${field} must be a string, number, boolean or null`,
      );
    }
    where.push([field, value]);
  }
  const normalized: NormalizedQuery = { where };
  if (query.orderBy) {
    assertFieldName(query.orderBy.field);
    if (query.orderBy.direction !== 'asc' && query.orderBy.direction !== 'desc') {
      throw new ReadStoreInputError('INVALID_QUERY', `orderBy.direction must be 'asc' or 'desc'`);
    }
    normalized.orderBy = { field: query.orderBy.field, direction: query.orderBy.direction };
  }
  assertCount('limit', query.limit);
  assertCount('offset', query.offset);
  if (query.limit !== undefined) normalized.limit = query.limit;
  if (query.offset !== undefined) normalized.offset = query.offset;
  return normalized;
}

/**
 * A document both adapters store alike: a plain object, no reserved top-level field, and nowhere a key
 * beginning with `$` (MongoDB reads it as an operator or refuses it) or a number JSON cannot hold (NaN and
 * ±Infinity: SQLite's JSON text would turn them into null, MongoDB would keep them).
 */
export function assertDoc(doc: Doc): void {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ReadStoreInputError('INVALID_DOCUMENT', 'a document must be a plain object');
  }
  // Own enumerable keys, as Object.keys lists them, without its array (one per document put, twice).
  for (const key of RESERVED_LIST) {
    if (Object.prototype.propertyIsEnumerable.call(doc, key)) {
      throw new ReadStoreInputError('INVALID_DOCUMENT', `field ${key} is reserved by the read store`);
    }
  }
  if (!storable(doc)) {
    throw new ReadStoreInputError(
      'INVALID_DOCUMENT',
      `${unstorablePath(doc, '')} (a $-key, NaN or Infinity)`,
    );
  }
}

/** Whether every value is storable alike (the fast pass: no path is built unless one is not). */
function storable(value: unknown): boolean {
  if (typeof value === 'number') return value - value === 0; // false for NaN and ±Infinity
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!storable(value[i])) return false;
    return true;
  }
  for (const key in value) {
    if (key.charCodeAt(0) === 36 /* $ */ || !storable((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** Where the first value `storable` refused is, for the error message. */
function unstorablePath(value: unknown, path: string): string {
  if (typeof value === 'number') return `${path || 'value'} is ${value}`;
  if (Array.isArray(value)) {
    const i = value.findIndex((v) => !storable(v));
    return unstorablePath(value[i], `${path}[${i}]`);
  }
  for (const key in value as Record<string, unknown>) {
    const at = path ? `${path}.${key}` : key;
    if (key.charCodeAt(0) === 36) return `key ${at} begins with $`;
    const child = (value as Record<string, unknown>)[key];
    if (!storable(child)) return unstorablePath(child, at);
  }
  return path;
}

export function assertIndexes(indexes: readonly IndexSpec[]): void {
  for (const index of indexes) {
    assertCollectionName(index.collection);
    if (index.fields.length === 0) throw new ReadStoreInputError('INVALID_QUERY', 'an index needs fields');
    index.fields.forEach(assertFieldName);
  }
}

export type PositionedChange = DocChange & { position: number };

/**
 * Validates a batch and keeps the last change per document (in batch order), each with its position
 * (the change's own, else the batch position).
 */
export function collapseChanges(changes: readonly DocChange[], batchPosition: number): PositionedChange[] {
  const byKey = new Map<string, PositionedChange>();
  for (const change of changes) {
    assertCollectionName(change.collection);
    assertId(change.id);
    if (change.op === 'put') assertDoc(change.doc);
    else if (change.op !== 'delete') throw new ReadStoreInputError('INVALID_DOCUMENT', 'unknown change op');
    const position = change.position ?? batchPosition;
    assertPosition(position);
    if (position > batchPosition) {
      throw new ReadStoreInputError(
        'INVALID_DOCUMENT',
        `change position ${position} is past the batch position`,
      );
    }
    const key = `${change.collection}\u0000${change.id}`;
    byKey.delete(key); // re-insert so the order follows the last change
    byKey.set(key, { ...change, position });
  }
  return [...byKey.values()];
}

const STATUSES: ReadonlySet<ProjectionStatus> = new Set([
  'running',
  'catching-up',
  'stalled',
  'integrity-failure',
  'rebuilding',
  'stopped',
]);

/**
 * Checks a runtime status record and copies only its known fields (both when written and when read
 * back, so a record left by another version of the code cannot smuggle anything through).
 */
export function normalizeRuntimeStatus(record: ProjectionRuntimeStatus): ProjectionRuntimeStatus {
  const invalid = (what: string): never => {
    throw new ReadStoreInputError('INVALID_DOCUMENT', `projection status: ${what}`);
  };
  if (record === null || typeof record !== 'object') invalid('must be an object');
  assertProjectionName(record.projection);
  if (!STATUSES.has(record.status)) invalid(`unknown status ${JSON.stringify(record.status)}`);
  if (!Number.isSafeInteger(record.generation) || record.generation < 0) invalid('generation');
  if (typeof record.blocked !== 'boolean') invalid('blocked must be a boolean');
  if (typeof record.updatedAt !== 'string') invalid('updatedAt must be a string');
  const normalized: ProjectionRuntimeStatus = {
    projection: record.projection,
    status: record.status,
    generation: record.generation,
    blocked: record.blocked,
    updatedAt: record.updatedAt,
  };
  if (record.error !== undefined && record.error !== null) {
    const { position, eventId, type, message } = record.error;
    if (!Number.isSafeInteger(position) || position < 0) invalid('error.position');
    if (typeof eventId !== 'string' || typeof type !== 'string' || typeof message !== 'string') {
      invalid('error.eventId, error.type and error.message must be strings');
    }
    normalized.error = { position, eventId, type, message };
    const { streamId, revision } = record.error;
    if (streamId !== undefined && streamId !== null) {
      if (typeof streamId !== 'string') invalid('error.streamId must be a string');
      normalized.error.streamId = streamId;
    }
    if (revision !== undefined && revision !== null) {
      if (!Number.isSafeInteger(revision) || revision < 0) invalid('error.revision');
      normalized.error.revision = revision;
    }
  }
  if (record.outage !== undefined && record.outage !== null) {
    const { since, attempts, message } = record.outage;
    if (typeof since !== 'string' || typeof message !== 'string') invalid('outage.since and outage.message');
    if (!Number.isSafeInteger(attempts) || attempts < 1) invalid('outage.attempts');
    normalized.outage = { since, attempts, message };
  }
  if (record.rebuildGeneration !== undefined && record.rebuildGeneration !== null) {
    if (!Number.isSafeInteger(record.rebuildGeneration) || record.rebuildGeneration < 0) {
      invalid('rebuildGeneration');
    }
    normalized.rebuildGeneration = record.rebuildGeneration;
  }
  return normalized;
}
