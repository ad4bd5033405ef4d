/** Where a reply keeps the body lent to it. */
const LENT = Symbol('lent body');

type Lender = { [LENT]?: Buffer | undefined };

/**
 * Response bodies written into memory that is used again, lent until the response that carries one has
 * finished. A fresh 34 KB Buffer per history page made the process alternate between two speeds: glibc gave
 * the freed bodies back to the kernel and the next ones came from new pages, faulted in and zeroed, so
 * allocating and copying a page cost 2–3× more in the slow mode (docs/benchmarks/pass-13.md). Lent
 * memory stays in the process: at most `keep` buffers of `size` bytes are held free.
 *
 * A body is lent to a reply (`lend`) and given back by the onResponse hook (`settle`, http-hooks.ts), which
 * Fastify runs once the response has finished: its last byte handed to the OS. Not a `close` listener on each
 * response: that one listener made ≈ 1 MB more survive every scavenge under load (a scavenge 3× as long).
 */
export class ReusableBuffers {
  private readonly free: ArrayBuffer[] = [];
  /**
   * The memory lent out now: only that is taken back, and once. Weak: a body never given back (a reply
   * whose response did not finish) is collected like any other buffer.
   */
  private readonly lent = new WeakSet<ArrayBuffer>();

  constructor(
    readonly size = 64 * 1024,
    readonly keep = 32,
  ) {}

  /** A buffer of exactly `length` bytes, in reused memory when it fits in `size`. */
  take(length: number): Buffer {
    if (length > this.size) return Buffer.allocUnsafe(length);
    const memory = this.free.pop() ?? new ArrayBuffer(this.size);
    this.lent.add(memory);
    return Buffer.from(memory, 0, length);
  }

  /** Takes back a buffer `take` lent (anything else, or the same one again, is left alone). */
  release(buffer: Buffer): void {
    const memory = buffer.buffer as ArrayBuffer;
    if (!this.lent.delete(memory)) return;
    if (this.free.length < this.keep) this.free.push(memory);
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

  /** Buffers held free for the next bodies. */
  get freeCount(): number {
    return this.free.length;
  }
}

/** The process's reply bodies (the history pages'), settled by the onResponse hook. */
export const replyBuffers = new ReusableBuffers();
