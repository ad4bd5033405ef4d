/** Helpers for projection tests: a document snapshot, a plain in-memory view for evolve, a runner to the head. Test support only. */
import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { Doc, DocChange, ReadStore } from '@thidua/read-store';
import type { ProjectionDefinition, ProjectionView } from '../../projection.js';
import { ProjectionRunner } from '../../runner/projection-runner.js';

/** Every document of the served generation, by collection and id. */
export async function snapshot(
  reads: ReadStore,
  runner: ProjectionRunner,
  definition: ProjectionDefinition,
): Promise<Record<string, Record<string, Doc>>> {
  const target = runner.target(definition.name);
  const result: Record<string, Record<string, Doc>> = {};
  for (const collection of definition.collections) {
    const docs = await reads.find(target, collection);
    result[collection] = {};
    for (const doc of docs) result[collection]![docId(definition, collection, doc)] = doc;
  }
  return result;
}

/** Ids are not stored in the documents; rebuilt from their fields the same way the projections build them. */
function docId(definition: ProjectionDefinition, collection: string, doc: Doc): string {
  const d = doc as Record<string, string | number>;
  if (collection === 'units') return String(d.unitId);
  if (collection === 'clusters') return String(d.clusterId);
  if (collection === 'cluster-years') return `${d.clusterId}:${d.year}`;
  if (collection === 'pledges') return `${d.clusterId}:${d.year}:${d.unitId}`;
  if (collection === 'rankings') return `${d.clusterId}:${d.year}:${d.period}`;
  throw new Error(`no id rule for ${definition.name}/${collection}`);
}

export async function runToHead(
  events: EventStore,
  reads: ReadStore,
  definitions: ProjectionDefinition[],
  batchSize = 500,
): Promise<ProjectionRunner> {
  const runner = new ProjectionRunner(events, reads, definitions, { batchSize });
  await runner.start();
  if (!(await runner.waitFor(await events.headPosition(), 20_000))) {
    throw new Error(`projections did not reach the head: ${JSON.stringify(await runner.status())}`);
  }
  return runner;
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

/** A view over a Map, for feeding evolve directly (no runner, no overlay rules). */
export class MemoryView implements ProjectionView {
  readonly docs = new Map<string, Doc>();

  constructor(private readonly events: EventStore) {}

  async get(collection: string, id: string): Promise<Doc | null> {
    const doc = this.docs.get(`${collection}/${id}`);
    return doc === undefined ? null : structuredClone(doc);
  }

  async readStream(streamId: string, toPosition: number): Promise<StoredEvent[]> {
    return (await this.events.readStream(streamId)).filter((e) => e.position <= toPosition);
  }

  apply(changes: DocChange[]): void {
    for (const change of changes) {
      const key = `${change.collection}/${change.id}`;
      if (change.op === 'put') this.docs.set(key, structuredClone(change.doc));
      else this.docs.delete(key);
    }
  }

  /** Documents sorted by key, for comparison. */
  sorted(): [string, Doc][] {
    return [...this.docs.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  }
}

/**
 * Units' names as the rankings projection knows them after the events up to `upTo` (all by default):
 * UnitRegistered and UnitRenamed, the last one wins.
 */
export function unitNamesIn(log: readonly StoredEvent[], upTo = Infinity): (unitId: string) => string | null {
  const names = new Map<string, string>();
  for (const e of log) {
    if (e.position <= upTo && (e.type === 'UnitRegistered' || e.type === 'UnitRenamed'))
      names.set(e.data['unitId'] as string, e.data['name'] as string);
  }
  return (unitId) => names.get(unitId) ?? null;
}
