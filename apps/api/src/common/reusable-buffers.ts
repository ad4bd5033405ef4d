/** Where a reply keeps the body lent to it. */
const LENT = Symbol('lent body');

type Lender = { [LENT]?: Buffer | undefined };

/** Buffers of one size: at most `keep` of them held free. */
export interface BufferClass {
  size: number;
  keep: number;
}

/**
 * History pages (≤ 64 KiB), and the rankings' computed answers: a 20,000-event as-of ≈ 170 KB, its
 * what-if ≈ 350 KB, a 100,000-event as-of ≈ 840 KB, its explain ≈ 1.7 MB. Larger bodies get fresh memory.
 * At most 14 MiB held free.
 */
export const REPLY_BUFFER_CLASSES: readonly BufferClass[] = [
  { size: 64 * 1024, keep: 32 },
  { size: 1024 * 1024, keep: 4 },
  { size: 4 * 1024 * 1024, keep: 2 },
];

/**
 * Response bodies written into memory that is used again, lent until the response that carries one has
 * finished. A fresh 34 KB Buffer per history page made the process alternate between two speeds: glibc gave
 * the freed bodies back to the kernel and the next ones came from new pages, faulted in and zeroed, so
 * allocating and copying a page cost 2–3× more in the slow mode (docs/benchmarks/pass-13.md). Lent
 * memory stays in the process: per class of size, at most `keep` buffers are held free. A body takes the
 * smallest class it fits in.
 *
 * A body is lent to a reply (`lend`) and given back by the onResponse hook (`settle`, http-hooks.ts), which
 * Fastify runs once the response has finished: its last byte handed to the OS. Not a `close` listener on each
 * response: that one listener made ≈ 1 MB more survive every scavenge under load (a scavenge 3× as long).
 */
export class ReusableBuffers {
  private readonly classes: Array<BufferClass & { free: ArrayBuffer[] }>;
  /**
   * The memory lent out now: only that is taken back, and once. Weak: a body never given back (a reply
   * whose response did not finish) is collected like any other buffer.
   */
  private readonly lent = new WeakSet<ArrayBuffer>();

  constructor(classes: readonly BufferClass[] = REPLY_BUFFER_CLASSES) {
    this.classes = [...classes].sort((a, b) => a.size - b.size).map((c) => ({ ...c, free: [] }));
  }

  /** A buffer of exactly `length` bytes, in reused memory when it fits in a class. */
  take(length: number): Buffer {
    const fit = this.classes.find((c) => length <= c.size);
    if (!fit) return Buffer.allocUnsafe(length);
    const memory = fit.free.pop() ?? new ArrayBuffer(fit.size);
    this.lent.add(memory);
    return Buffer.from(memory, 0, length);
  }

  /** Takes back a buffer `take` lent (anything else, or the same one again, is left alone). */
  release(buffer: Buffer): void {
    const memory = buffer.buffer as ArrayBuffer;
    if (!this.lent.delete(memory)) return;
    const home = this.classes.find((c) => c.size === memory.byteLength);
    if (home && home.free.length < home.keep) home.free.push(memory);
  }

  /** A buffer of `length` bytes for the body of `reply`, given back by `settle(reply)`. */
  lend(reply: object, length: number): Buffer {
    const body = this.take(length);
    (reply as Lender)[LENT] = body;
    return body;
  }

  /** Gives back the body lent to `reply`, if any: call once its response has finished. */
  settle(reply: object): void {
    const body = (reply as Lender)[LENT];
    if (body === undefined) return;
    (reply as Lender)[LENT] = undefined;
    this.release(body);
  }

  /** Buffers held free for the next bodies, over every class. */
  get freeCount(): number {
    return this.classes.reduce((n, c) => n + c.free.length, 0);
  }
}

/** The process's reply bodies (history pages, the rankings' computed answers), settled by the onResponse hook. */
export const replyBuffers = new ReusableBuffers();
