import { jsonBytesWriter } from '../json-bytes.js';
import type { PageEntry } from './kept-entries.js';
import type { HistoryEntryDoc } from './unit-history.documents.js';
import type { HistoryPageOf } from './unit-history.query.js';

const OPEN = 0x5b; // '['
const COMMA = 0x2c; // ','

/**
 * The page's JSON as UTF-8 bytes: byte for byte `Buffer.from(JSON.stringify(page))` of the rendered page,
 * kept entries copied in as they are and entries rendered now stringified in runs (one JSON.stringify each),
 * written by the thread's JsonBytesWriter and copied out once: `Buffer.from` of a page's string measured the
 * UTF-8 length before encoding it (≈ 2.5× a write into room already there), and the parts and their concat
 * cost a copy each.
 */
export function pageBytes(
  page: HistoryPageOf<PageEntry>,
  /** Where the page is copied out to: a buffer of exactly `size` bytes (the API lends reused ones). */
  allocate: (size: number) => Buffer = Buffer.allocUnsafe,
): Buffer {
  const { unitId, name, total, items, nextAfter } = page;
  const w = jsonBytesWriter;
  w.reset();
  // The key order of readUnitHistory's page: unitId, name, total, items, nextAfter.
  const head = JSON.stringify({ unitId, name, total });
  w.text(`${head.slice(0, -1)},"items":`);
  let first = true;
  let run: HistoryEntryDoc[] = [];
  // An entry opens the array or follows a comma: a run's own '[' becomes that byte and its ']' is dropped.
  const flush = (): void => {
    if (run.length === 0) return;
    const start = w.length;
    w.text(JSON.stringify(run));
    w.patch(start, first ? OPEN : COMMA);
    w.drop(1);
    first = false;
    run = [];
  };
  for (const item of items) {
    if ('doc' in item) run.push(item.doc);
    else {
      flush();
      w.byte(first ? OPEN : COMMA);
      w.bytes(item.bytes);
      first = false;
    }
  }
  flush();
  w.text(`${first ? '[' : ''}],"nextAfter":${JSON.stringify(nextAfter)}}`);
  return w.copyOut(allocate);
}
