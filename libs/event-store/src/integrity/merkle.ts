import type { Integer } from '@thidua/domain';
/**
 * RFC 6962-style Merkle tree over stream heads (leaf and node hashes domain-separated by a 0x00 / 0x01
 * prefix, split at the largest power of two below n). Anyone holding the heads recomputes the root;
 * an inspector holding only the root can check one stream head with an inclusion proof.
 */
import { createHash } from 'node:crypto';

import { canonicalJson } from '@thidua/domain';

export interface StreamHead {
  streamId: string;
  revision: Integer;
  hash: string;
}

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function leafHash(head: StreamHead): Buffer {
  return sha256(LEAF, Buffer.from(canonicalJson([head.streamId, head.revision, head.hash]), 'utf8'));
}

/** Heads in the canonical order: by stream id, UTF-16 code units (like canonicalJson's keys). */
export function sortHeads(heads: StreamHead[]): StreamHead[] {
  return [...heads].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subtreeRoot(leaves: Buffer[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 1) return leaves[from] as Buffer;
  const k = largestPowerOfTwoBelow(n);
  return sha256(NODE, subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}

/** Hex root over heads given in canonical order (see sortHeads). The empty tree is sha256(''). */
export function merkleRoot(sortedHeads: StreamHead[]): string {
  if (sortedHeads.length === 0) return sha256().toString('hex');
  const leaves = sortedHeads.map(leafHash);
  return subtreeRoot(leaves, 0, leaves.length).toString('hex');
}

/** Sibling hashes (hex) from the leaf at `index` up to the root. */
export function merkleInclusionProof(sortedHeads: StreamHead[], index: number): string[] {
  if (!Number.isInteger(index) || index < 0 || index >= sortedHeads.length)
    throw new RangeError('index out of range');
  const leaves = sortedHeads.map(leafHash);
  const proof: string[] = [];
  const walk = (from: number, to: number, i: number): void => {
    const n = to - from;
    if (n === 1) return;
    const k = largestPowerOfTwoBelow(n);
    if (i < from + k) {
      walk(from, from + k, i);
      proof.push(subtreeRoot(leaves, from + k, to).toString('hex'));
    } else {
      walk(from + k, to, i);
      proof.push(subtreeRoot(leaves, from, from + k).toString('hex'));
    }
  };
  walk(0, leaves.length, index);
  return proof;
}

/** Checks that `head` sits at `index` of a tree of `count` leaves whose root is `root`. */
export function verifyMerkleInclusion(
  head: StreamHead,
  index: number,
  count: number,
  proof: string[],
  root: string,
): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= count) return false;
  // Recompute top-down split decisions, then fold the proof bottom-up (RFC 6962 §2.1.1).
  const path: boolean[] = []; // true when the node is the left child at that level
  let from = 0;
  let to = count;
  while (to - from > 1) {
    const k = largestPowerOfTwoBelow(to - from);
    if (index < from + k) {
      path.push(true);
      to = from + k;
    } else {
      path.push(false);
      from = from + k;
    }
  }
  if (path.length !== proof.length) return false;
  let node = leafHash(head);
  for (let level = path.length - 1, p = 0; level >= 0; level--, p++) {
    const sibling = Buffer.from(proof[p] as string, 'hex');
    node = path[level] ? sha256(NODE, node, sibling) : sha256(NODE, sibling, node);
  }
  return node.toString('hex') === root;
}
