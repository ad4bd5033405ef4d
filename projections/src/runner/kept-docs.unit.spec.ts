import type { DocChange } from '@thidua/read-store';
import { docKey, KeptDocs } from './kept-docs.js';

const put = (collection: string, id: string, n: number, position?: number): DocChange => ({
  op: 'put',
  collection,
  id,
  doc: { n },
  ...(position === undefined ? {} : { position }),
});

describe('KeptDocs', () => {
  it("keeps the committed puts of its collections, at the change's position or else the batch's", () => {
    const kept = new KeptDocs(new Set(['a']), 10);
    kept.wrote([put('a', '1', 1, 3), put('b', '1', 2), put('a', '2', 3)], 5);
    expect(kept.get(docKey('a', '1'))).toEqual({ doc: { n: 1 }, position: 3 });
    expect(kept.get(docKey('a', '2'))).toEqual({ doc: { n: 3 }, position: 5 });
    expect(kept.get(docKey('b', '1'))).toBeUndefined();
    expect(kept.size).toBe(2);
  });

  it('forgets a document deleted, or put again in a form it does not keep', () => {
    const kept = new KeptDocs(new Set(['a']), 10, (change) => change.op === 'put' && change.doc['n'] !== 0);
    kept.wrote([put('a', '1', 1), put('a', '2', 2)], 5);
    kept.wrote([{ op: 'delete', collection: 'a', id: '1' }, put('a', '2', 0)], 6);
    expect(kept.get(docKey('a', '1'))).toBeUndefined();
    expect(kept.get(docKey('a', '2'))).toBeUndefined();
    expect(kept.size).toBe(0);
  });

  it('hands a document over on take: it is no longer kept', () => {
    const kept = new KeptDocs(new Set(['a']), 10);
    kept.wrote([put('a', '1', 1)], 5);
    expect(kept.take(docKey('a', '1'))).toEqual({ doc: { n: 1 }, position: 5 });
    expect(kept.take(docKey('a', '1'))).toBeUndefined();
  });

  it('drops the least recently written beyond its limit', () => {
    const kept = new KeptDocs(new Set(['a']), 2);
    kept.wrote([put('a', '1', 1), put('a', '2', 2)], 5);
    kept.wrote([put('a', '1', 11)], 6); // written again: now the most recent
    kept.wrote([put('a', '3', 3)], 7);
    expect(kept.size).toBe(2);
    expect(kept.get(docKey('a', '2'))).toBeUndefined();
    expect(kept.get(docKey('a', '1'))).toEqual({ doc: { n: 11 }, position: 6 });
    expect(kept.get(docKey('a', '3'))).toEqual({ doc: { n: 3 }, position: 7 });
  });
});
