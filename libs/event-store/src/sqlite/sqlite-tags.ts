import type Database from 'better-sqlite3';
import type { EventTagger, TaggedEvent } from '@thidua/domain';

import type { TaggedRange } from '../event-store.port.js';

/** `meta` key: the version of the tagger that wrote every row of `event_tags` (absent: not complete). */
export const EVENT_TAGS_VERSION = 'event_tags_version';

const REBUILD_PAGE = 10_000;

/**
 * `event_tags` of one SQLite file. Written only inside the append's transaction (`tag`), or rebuilt from
 * the events in one transaction at open when the file was written without this tagger (`sync`): an old
 * file, or one a store without a tagger appended to. Tags are derived data: `integrity/verify-tags.ts`
 * recomputes them from the events.
 */
export class SqliteTags {
  private readonly stmt: {
    insert: Database.Statement<[string, number]>;
    last: Database.Statement<[string, number], number | null>;
    data: Database.Statement<[number], [string, string, string]>;
    range: Database.Statement<[string, number, number, number], number>;
    count: Database.Statement<[string, number], number>;
    clear: Database.Statement<[]>;
    version: Database.Statement<[string], string | null>;
    setVersion: Database.Statement<[string, string]>;
    unsetVersion: Database.Statement<[string]>;
    page: Database.Statement<[number, number], [number, string, string, string]>;
  };

  constructor(
    private readonly db: Database.Database,
    private readonly tagger: EventTagger | null,
  ) {
    this.stmt = {
      insert: db.prepare('INSERT OR IGNORE INTO event_tags (tag, position) VALUES (?, ?)'),
      last: db
        .prepare<[string, number], number | null>(
          'SELECT MAX(position) FROM event_tags WHERE tag = ? AND position < ?',
        )
        .pluck(),
      data: db
        .prepare<[number], [string, string, string]>(
          'SELECT stream_id, type, data FROM events WHERE position = ?',
        )
        .raw(),
      range: db
        .prepare<[string, number, number, number], number>(
          'SELECT position FROM event_tags WHERE tag = ? AND position > ? AND position <= ? ORDER BY position LIMIT ?',
        )
        .pluck(),
      count: db
        .prepare<[string, number], number>('SELECT COUNT(*) FROM event_tags WHERE tag = ? AND position <= ?')
        .pluck(),
      clear: db.prepare('DELETE FROM event_tags'),
      version: db.prepare<[string], string | null>('SELECT value FROM meta WHERE key = ?').pluck(),
      setVersion: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      unsetVersion: db.prepare('DELETE FROM meta WHERE key = ?'),
      page: db
        .prepare<[number, number], [number, string, string, string]>(
          'SELECT position, stream_id, type, data FROM events WHERE position > ? ORDER BY position LIMIT ?',
        )
        .raw(),
    };
  }

  /**
   * At open, under the write lock: a file whose tags were not all written by this tagger gets them
   * rebuilt from its events (deterministic: the same log always gets the same rows).
   */
  sync(): void {
    if (!this.tagger) return;
    if (this.stmt.version.get(EVENT_TAGS_VERSION) === this.tagger.version) return;
    this.stmt.clear.run();
    let head = 0;
    // Page by page: better-sqlite3 refuses a write while a SELECT on the connection is being iterated.
    for (let rows = this.stmt.page.all(0, REBUILD_PAGE); rows.length > 0;) {
      for (const [position, streamId, type, data] of rows) {
        this.tag({ streamId, type, data: JSON.parse(data) as unknown }, position);
        head = position;
      }
      rows = this.stmt.page.all(head, REBUILD_PAGE);
    }
    this.stmt.setVersion.run(EVENT_TAGS_VERSION, this.tagger.version);
  }

  /**
   * Inside an append's transaction, after the event's row (and those before it) were inserted. A store
   * without a tagger marks the tags incomplete instead, so that the next open with one rebuilds them.
   */
  tag(event: TaggedEvent, position: number): void {
    const tagger = this.tagger;
    if (!tagger) {
      this.stmt.unsetVersion.run(EVENT_TAGS_VERSION);
      return;
    }
    const key = tagger.keyOf(event);
    const tags = tagger.tagsOf(event, key === undefined ? undefined : this.definer(key, position));
    for (const tag of tags) this.stmt.insert.run(tag, position);
  }

  /** The last event before `position` carrying `key`. */
  private definer(key: string, position: number): TaggedEvent | undefined {
    const at = this.stmt.last.get(key, position);
    if (at === null || at === undefined) return undefined;
    const row = this.stmt.data.get(at);
    return row ? { streamId: row[0], type: row[1], data: JSON.parse(row[2]) as unknown } : undefined;
  }

  positions(tag: string, range: TaggedRange): number[] {
    return this.stmt.range.all(tag, range.after ?? 0, range.to ?? Number.MAX_SAFE_INTEGER, range.limit ?? -1);
  }

  count(tag: string, to?: number): number {
    return this.stmt.count.get(tag, to ?? Number.MAX_SAFE_INTEGER) ?? 0;
  }
}
