import type { PageEntry } from './kept-entries.js';
import type { HistoryEntryDoc } from './unit-history.documents.js';
import type { HistoryPageOf } from './unit-history.query.js';

/** Where pages are encoded before their bytes are copied out: grown to the largest page seen (≈ 34 KB). */
let scratch = Buffer.allocUnsafe(64 * 1024);
let at = 0;

function room(bytes: number): void {
  if (at + bytes <= scratch.length) return;
  const grown = Buffer.allocUnsafe(Math.max(scratch.length * 2, at + bytes));
  scratch.copy(grown, 0, 0, at);
  scratch = grown;
}

function text(s: string): void {
  room(s.length * 3); // a UTF-16 code unit is at most 3 bytes of UTF-8
  at += scratch.write(s, at);
}

const OPEN = 0x5b; // '['
const COMMA = 0x2c; // ','

/**
 * The page's JSON as UTF-8 bytes: byte for byte `Buffer.from(JSON.stringify(page))` of the rendered page,
 * kept entries copied in as they are and entries rendered now stringified in runs (one JSON.stringify each).
 * Written into one scratch buffer and copied out once: `Buffer.from` of a page's string measured the UTF-8
 * length before encoding it (≈ 2.5× a write into room already there), and the parts and their concat cost
 * a copy each. Synchronous: no other page can use the scratch buffer meanwhile.
 */
export function pageBytes(
  page: HistoryPageOf<PageEntry>,
  /** Where the page is copied out to: a buffer of exactly `size` bytes (the API lends reused ones). */
  allocate: (size: number) => Buffer = Buffer.allocUnsafe,
): Buffer {
  const { unitId, name, total, items, nextAfter } = page;
  at = 0;
  // The key order of readUnitHistory's page: unitId, name, total, items, nextAfter.
  const head = JSON.stringify({ unitId, name, total });
  text(`${head.slice(0, -1)},"items":`);
  let first = true;
  let run: HistoryEntryDoc[] = [];
  // An entry opens the array or follows a comma: a run's own '[' becomes that byte and its ']' is dropped.
  const flush = (): void => {
    if (run.length === 0) return;
    const start = at;
    text(JSON.stringify(run));
    scratch[start] = first ? OPEN : COMMA;
    at--;
    first = false;
    run = [];
  };
  for (const item of items) {
    if ('doc' in item) run.push(item.doc);
    else {
      flush();
      room(item.bytes.length + 1);
      scratch[at++] = first ? OPEN : COMMA;
      at += item.bytes.copy(scratch, at);
      first = false;
    }
  }
  flush();
  text(`${first ? '[' : ''}],"nextAfter":${JSON.stringify(nextAfter)}}`);
  const out = allocate(at);
  if (out.length !== at) throw new Error(`pageBytes: allocate(${at}) gave ${out.length} bytes`);
  scratch.copy(out, 0, 0, at);
  return out;
}
