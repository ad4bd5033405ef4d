import { createHash } from 'node:crypto';

import {
  leafHash,
  merkleInclusionProof,
  merkleRoot,
  sortHeads,
  verifyMerkleInclusion,
  type StreamHead,
} from './merkle.js';

const sha = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const node = (l: Buffer, r: Buffer): Buffer => sha(Buffer.from([1]), l, r);

function heads(n: number): StreamHead[] {
  return sortHeads(
    Array.from({ length: n }, (_, i) => ({
      streamId: `unit-${String(i).padStart(3, '0')}`,
      revision: i,
      hash: `${i}`.repeat(64).slice(0, 64),
    })),
  );
}

describe('Merkle tree over stream heads', () => {
  it('hashes leaves with a 0x00 prefix over canonical JSON of [streamId, revision, hash]', () => {
    const h = { streamId: 'cluster-Đ1', revision: 3, hash: 'a'.repeat(64) };
    const expected = sha(Buffer.from([0]), Buffer.from(`["cluster-Đ1",3,"${'a'.repeat(64)}"]`, 'utf8'));
    expect(leafHash(h).equals(expected)).toBe(true);
  });

  it('follows RFC 6962 shapes for 0, 1, 2 and 3 leaves', () => {
    expect(merkleRoot([])).toBe(sha().toString('hex'));
    const [a, b, c] = heads(3) as [StreamHead, StreamHead, StreamHead];
    expect(merkleRoot([a])).toBe(leafHash(a).toString('hex'));
    expect(merkleRoot([a, b])).toBe(node(leafHash(a), leafHash(b)).toString('hex'));
    expect(merkleRoot([a, b, c])).toBe(node(node(leafHash(a), leafHash(b)), leafHash(c)).toString('hex'));
  });

  it('sorts heads by stream id code units', () => {
    const sorted = sortHeads([
      { streamId: 'unit-b', revision: 0, hash: '' },
      { streamId: 'award-decision-1', revision: 0, hash: '' },
      { streamId: 'unit-B', revision: 0, hash: '' },
    ]);
    expect(sorted.map((h) => h.streamId)).toEqual(['award-decision-1', 'unit-B', 'unit-b']);
  });

  it('proves and checks inclusion of every head for trees of 1 to 13 leaves', () => {
    for (let n = 1; n <= 13; n++) {
      const hs = heads(n);
      const root = merkleRoot(hs);
      hs.forEach((h, i) => {
        const proof = merkleInclusionProof(hs, i);
        expect(verifyMerkleInclusion(h, i, n, proof, root)).toBe(true);
        expect(verifyMerkleInclusion({ ...h, revision: h.revision + 1 }, i, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyMerkleInclusion(h, (i + 1) % n, n, proof, root)).toBe(false);
      });
    }
  });
});
