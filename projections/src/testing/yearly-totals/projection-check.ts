/** Helpers for the projection tests: real SQLite stores, the whole log, documents as comparable sets. Test support only. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '@thidua/domain';
import { type EventStore, openSqliteEventStore, type StoredEvent } from '@thidua/event-store';
import {
  type Doc,
  type DocChange,
  openSqliteReadStore,
  type ReadStore,
  type Target,
} from '@thidua/read-store';
import type { ProjectionDefinition, ProjectionView } from '../../projection.js';
import { ProjectionRunner } from '../../runner/projection-runner.js';

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'thidua-projection-'));
  private n = 0;
  file(name: string): string {
    return join(this.path, `${name}-${(this.n += 1)}.sqlite`);
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export function openEvents(file: string): Promise<EventStore> {
  return openSqliteEventStore(file, { pollIntervalMs: 5 });
}

export function openReads(file: string): Promise<ReadStore> {
  return openSqliteReadStore(file);
}

export async function readLog(events: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (let after = 0; ;) {
    const batch = await events.readAll({ after, batchSize: 1000 });
    if (batch.length === 0) return all;
    all.push(...batch);
    after = batch[batch.length - 1]!.position;
  }
}

/** Every document of every collection, each collection as a sorted list of canonical JSON strings. */
export async function documentsOf(
  reads: ReadStore,
  target: Target,
  definition: ProjectionDefinition,
): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const collection of definition.collections)
    result[collection] = (await reads.find(target, collection)).map((d) => canonicalJson(d)).sort();
  return result;
}

export async function runToHead(
  events: EventStore,
  reads: ReadStore,
  definitions: ProjectionDefinition[],
  batchSize = 500,
): Promise<ProjectionRunner> {
  const runner = new ProjectionRunner(events, reads, definitions, { batchSize });
  await runner.start();
  await reachHead(runner, events);
  return runner;
}

export async function reachHead(runner: ProjectionRunner, events: EventStore): Promise<void> {
  if (!(await runner.waitFor(await events.headPosition(), 20_000)))
    throw new Error(`projections did not reach the head: ${JSON.stringify(await runner.status())}`);
}

/**
 * Documents in memory under the runner's rule: a change at or below the position already stored for its
 * document is ignored. Lets a test deliver events again, as a store that redelivers would.
 */
export class GuardedDocs implements ProjectionView {
  private readonly docs = new Map<string, { collection: string; doc: Doc; position: number }>();

  async get(collection: string, id: string): Promise<Doc | null> {
    const stored = this.docs.get(`${collection}\u0000${id}`);
    return stored ? structuredClone(stored.doc) : null;
  }

  async readStream(): Promise<StoredEvent[]> {
    throw new Error('these projections never read a stream');
  }

  apply(changes: readonly DocChange[], position: number): void {
    for (const change of changes) {
      const key = `${change.collection}\u0000${change.id}`;
      const stored = this.docs.get(key);
      if (stored && stored.position >= position) continue;
      if (change.op === 'put')
        this.docs.set(key, { collection: change.collection, doc: structuredClone(change.doc), position });
      else this.docs.delete(key);
    }
  }

  /** Like `documentsOf`. */
  documents(definition: ProjectionDefinition): Record<string, string[]> {
    const result: Record<string, string[]> = Object.fromEntries(definition.collections.map((c) => [c, []]));
    for (const { collection, doc } of this.docs.values()) result[collection]!.push(canonicalJson(doc));
    for (const list of Object.values(result)) list.sort();
    return result;
  }
}

/**
 * Feeds the events a projection handles to its evolve, applying the changes, as one batch: then its flush,
 * if it has one, each change at its position (else the last handled event's). Returns the changes of each
 * evolve, then the flush's.
 */
export async function feed(
  definition: ProjectionDefinition,
  docs: GuardedDocs,
  log: readonly StoredEvent[],
): Promise<DocChange[][]> {
  const emitted: DocChange[][] = [];
  let lastHandled: number | undefined;
  for (const event of log) {
    if (!definition.handles.includes(event.type)) continue;
    const changes = await definition.evolve(event, docs);
    docs.apply(changes, event.position);
    emitted.push(changes);
    lastHandled = event.position;
  }
  if (definition.flush && lastHandled !== undefined) {
    const changes = await definition.flush(docs);
    for (const change of changes) docs.apply([change], change.position ?? lastHandled);
    emitted.push(changes);
  }
  return emitted;
}
