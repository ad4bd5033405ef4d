import type { PageEntry } from './kept-entries.js';
import { pageBytes } from './page-bytes.js';
import type { HistoryEntryDoc } from './unit-history.documents.js';

const heads = [
  { unitId: 'cuc-tt', name: 'Cục Truyền thông', total: 9, nextAfter: 9 },
  { unitId: 'cuc-tt', name: null, total: 2, nextAfter: null },
];

const doc = (
  position: number,
  summary = `Chấm điểm tiêu chí “Chuyên môn” lần ${position}`,
): HistoryEntryDoc =>
  ({ position, summary, refs: { note: 'Đổi tên "Cục"\n\u2028' } }) as unknown as HistoryEntryDoc;

/** Entries of `docs`, kept (their JSON's bytes) where `kept` says so, rendered elsewhere. */
const entriesOf = (docs: HistoryEntryDoc[], kept: (n: number) => boolean): PageEntry[] =>
  docs.map((d, n) =>
    kept(n)
      ? { position: d.position, type: 'T', bytes: Buffer.from(JSON.stringify(d)) }
      : { position: d.position, type: 'T', doc: d },
  );

const expected = (head: (typeof heads)[number], docs: HistoryEntryDoc[]): string => {
  const { unitId, name, total, nextAfter } = head;
  return JSON.stringify({ unitId, name, total, items: docs, nextAfter });
};

describe('pageBytes', () => {
  it("gives the bytes of the page's JSON, kept and rendered entries mixed in every way", () => {
    const docs = [1, 2, 3, 4, 5].map((p) => doc(p));
    const mixes: Array<(n: number) => boolean> = [
      () => false,
      () => true,
      (n) => n % 2 === 0,
      (n) => n % 2 === 1,
      (n) => n % 3 === 1,
      (n) => n === 4,
    ];
    for (const head of heads)
      for (const kept of mixes)
        for (const count of [0, 1, 2, 5]) {
          const page = { ...head, items: entriesOf(docs.slice(0, count), kept) };
          expect(pageBytes(page).toString()).toBe(expected(head, docs.slice(0, count)));
        }
  });

  it('gives bytes that later pages do not overwrite, however large', () => {
    const big = Array.from({ length: 400 }, (_, p) => doc(p, `Đăng ký đơn vị “${'Phòng '.repeat(40)}”`));
    const small = [doc(1)];
    const first = pageBytes({ ...heads[0]!, items: entriesOf(small, () => false) });
    const large = pageBytes({ ...heads[1]!, items: entriesOf(big, (n) => n % 7 === 0) });
    const again = pageBytes({ ...heads[0]!, items: entriesOf([doc(2)], () => true) });
    expect(large.length).toBeGreaterThan(128 * 1024);
    expect(large.toString()).toBe(expected(heads[1]!, big));
    expect(first.toString()).toBe(expected(heads[0]!, small));
    expect(again.toString()).toBe(expected(heads[0]!, [doc(2)]));
    expect(Buffer.from(large.toString()).equals(large)).toBe(true);
  });

  it('copies the page out into the buffer `allocate` gives, of exactly its length, and refuses another length', () => {
    const page = { ...heads[0]!, items: entriesOf([doc(1), doc(2)], (n) => n === 0) };
    const memory = Buffer.alloc(4096, 0x7a);
    const sizes: number[] = [];
    const out = pageBytes(page, (size) => (sizes.push(size), memory.subarray(0, size)));
    expect(out.buffer).toBe(memory.buffer);
    expect(sizes).toEqual([out.length]);
    expect(out.toString()).toBe(expected(heads[0]!, [doc(1), doc(2)]));
    expect(() => pageBytes(page, (size) => Buffer.alloc(size + 1))).toThrow(/allocate\(\d+\) gave/);
  });
});
