/**
 * Tags are derived data (sqlite/sqlite-tags.ts): this recomputes them from the events with the tagger
 * and compares them with what the store serves, so that a tampered `event_tags` (a row deleted to hide an
 * event from a unit's history, or one added) is found. One pass over the log in position order; then one
 * `readTagged` per tag the log yields. A row under a tag the log never yields is not looked for here (a
 * history page refuses such an event: it does not concern the unit).
 */
import type { EventTagger, TaggedEvent } from '@thidua/domain';

import type { EventStore } from '../event-store.port.js';

export interface TagFailure {
  /** missing: the event carries the tag but the store does not list it; extra: the reverse. */
  problem: 'missing' | 'extra';
  tag: string;
  position: number;
}

export interface TagsReport {
  ok: boolean;
  events: number;
  tags: number;
  /** The first failures found (at most `maxFailures`), by tag then position. */
  failures: TagFailure[];
}

export async function verifyTags(
  store: EventStore,
  tagger: EventTagger,
  options: { batchSize?: number; maxFailures?: number } = {},
): Promise<TagsReport> {
  const readTagged = store.readTagged?.bind(store);
  if (!readTagged) throw new Error(`the ${store.kind} event store keeps no tags`);
  const maxFailures = options.maxFailures ?? 100;
  const expected = new Map<string, number[]>();
  const lastWith = new Map<string, TaggedEvent>();
  let events = 0;
  for (let after = 0; ;) {
    const batch = await store.readAll({ after, batchSize: options.batchSize ?? 1000 });
    if (batch.length === 0) break;
    for (const e of batch) {
      const event: TaggedEvent = { streamId: e.streamId, type: e.type, data: e.data };
      const key = tagger.keyOf(event);
      const tags = tagger.tagsOf(event, key === undefined ? undefined : lastWith.get(key));
      for (const tag of tags) {
        let positions = expected.get(tag);
        if (!positions) expected.set(tag, (positions = []));
        positions.push(e.position);
        lastWith.set(tag, event);
      }
      events++;
    }
    after = batch[batch.length - 1]!.position;
  }
  const failures: TagFailure[] = [];
  for (const tag of [...expected.keys()].sort()) {
    const want = expected.get(tag)!;
    const have = await readTagged(tag);
    const wanted = new Set(want);
    const had = new Set(have);
    for (const position of want) if (!had.has(position)) failures.push({ problem: 'missing', tag, position });
    for (const position of have)
      if (!wanted.has(position)) failures.push({ problem: 'extra', tag, position });
    if (failures.length >= maxFailures) break;
  }
  return { ok: failures.length === 0, events, tags: expected.size, failures: failures.slice(0, maxFailures) };
}
