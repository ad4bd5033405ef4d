/**
 * The documents a worker may have written into a generation it created empty: a read of any other one
 * finds nothing, and is answered without the store. A 1M rebuild asked the store ≈ 45,000 times for a
 * document not written yet (each new pledge, total, award, index page, unit…), a B-tree lookup each.
 * A key is noted before its write is tried, so the set holds every key the store may hold (a failed write
 * that stored part of its batch included): answering "absent" is exact. Holds 32-bit hashes of the keys in
 * a typed array, off the JS heap (≈ 0.5 MB for the 57,000 documents at 1M): two keys sharing a hash only
 * send a read to the store.
 */
export class WrittenKeys {
  private table = new Uint32Array(1024);
  private size = 0;

  /** Notes that a document of this key may be stored from now on. */
  add(collection: string, id: string): void {
    const hash = hashOf(collection, id);
    if (this.slotOf(hash) >= 0) return;
    if ((this.size + 1) * 2 > this.table.length) this.grow();
    this.insert(hash);
    this.size += 1;
  }

  /** False only when no document of this key was ever written: the store holds none. */
  mayHold(collection: string, id: string): boolean {
    return this.slotOf(hashOf(collection, id)) >= 0;
  }

  /** The slot holding `hash`, or -1 (open addressing, linear probing; 0 marks an empty slot). */
  private slotOf(hash: number): number {
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const found = this.table[slot]!;
      if (found === hash) return slot;
      if (found === 0) return -1;
    }
  }

  private insert(hash: number): void {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = hash;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    for (const hash of old) if (hash !== 0) this.insert(hash);
  }
}

/** FNV-1a over the collection, a separator and the id; never 0 (the empty slot). */
export function hashOf(collection: string, id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < collection.length; i++) hash = Math.imul(hash ^ collection.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash, 0x01000193); // the separator (a 0 code unit)
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0 || 1;
}
