/**
 * Response bodies written into memory that is used again, lent until the response that carries one has
 * closed. A fresh 34 KB Buffer per history page made the process alternate between two speeds: glibc gave
 * the freed bodies back to the kernel and the next ones came from new pages, faulted in and zeroed, so
 * allocating and copying a page cost 2–3× more in the slow mode (BENCHMARKS.md, thirteenth pass). Lent
 * memory stays in the process: at most `keep` buffers of `size` bytes are held free.
 *
 * A body is given back only once Node is done with it: after the response's `close`, which follows its
 * `finish` (the last byte handed to the OS) or a dropped connection (its writes cancelled).
 */
export class ReusableBuffers {
  private readonly free: ArrayBuffer[] = [];
  /**
   * The memory lent out now: only that is taken back, and once. Weak: a body whose response closed before
   * its release was set up is never given back, and is then collected like any other buffer.
   */
  private readonly lent = new WeakSet<ArrayBuffer>();

  constructor(
    readonly size = 64 * 1024,
    readonly keep = 32,
  ) {}

  /** A buffer of exactly `length` bytes, in reused memory when it fits in `size`. */
  readonly take = (length: number): Buffer => {
    if (length > this.size) return Buffer.allocUnsafe(length);
    const memory = this.free.pop() ?? new ArrayBuffer(this.size);
    this.lent.add(memory);
    return Buffer.from(memory, 0, length);
  };

  /** Takes back a buffer `take` lent (anything else, or the same one again, is left alone). */
  release(buffer: Buffer): void {
    const memory = buffer.buffer as ArrayBuffer;
    if (!this.lent.delete(memory)) return;
    if (this.free.length < this.keep) this.free.push(memory);
  }

  /** Buffers held free for the next bodies. */
  get freeCount(): number {
    return this.free.length;
  }
}
