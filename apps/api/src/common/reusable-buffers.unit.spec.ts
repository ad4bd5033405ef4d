import { ReusableBuffers } from './reusable-buffers.js';

describe('ReusableBuffers', () => {
  it('lends exactly the length asked, and the same memory again only once it is given back', () => {
    const pool = new ReusableBuffers([{ size: 1024, keep: 4 }]);
    const a = pool.take(100);
    const b = pool.take(700);
    expect([a.length, b.length]).toEqual([100, 700]);
    expect(b.buffer).not.toBe(a.buffer); // a is still lent
    pool.release(a);
    const c = pool.take(1024);
    expect(c.buffer).toBe(a.buffer);
    expect(c.length).toBe(1024);
  });

  it('takes a buffer back once: released twice, its memory is still lent to one body only', () => {
    const pool = new ReusableBuffers([{ size: 1024, keep: 4 }]);
    const a = pool.take(10);
    pool.release(a);
    pool.release(a);
    expect(pool.freeCount).toBe(1);
    const b = pool.take(10);
    const c = pool.take(10);
    expect(c.buffer).not.toBe(b.buffer);
  });

  it('leaves alone what it did not lend: larger bodies and foreign buffers', () => {
    const pool = new ReusableBuffers([{ size: 1024, keep: 4 }]);
    const large = pool.take(5000);
    expect(large.length).toBe(5000);
    pool.release(large);
    pool.release(Buffer.alloc(1024));
    expect(pool.freeCount).toBe(0);
  });

  it('holds at most `keep` buffers free', () => {
    const pool = new ReusableBuffers([{ size: 64, keep: 2 }]);
    const lent = [1, 2, 3, 4].map(() => pool.take(64));
    for (const b of lent) pool.release(b);
    expect(pool.freeCount).toBe(2);
  });

  it('gives back what was lent to a reply once, when it is settled; settling again or with nothing lent does nothing', () => {
    const pool = new ReusableBuffers([{ size: 1024, keep: 4 }]);
    const reply = {};
    const body = pool.lend(reply, 300);
    expect(body.length).toBe(300);
    pool.settle({});
    expect(pool.freeCount).toBe(0);
    pool.settle(reply);
    pool.settle(reply);
    expect(pool.freeCount).toBe(1);
    expect(pool.take(1).buffer).toBe(body.buffer);
  });

  it('lends from the smallest class a body fits in, and takes each buffer back into its own class', () => {
    const pool = new ReusableBuffers([
      { size: 4096, keep: 1 },
      { size: 1024, keep: 1 },
    ]);
    const small = pool.take(1000);
    const large = pool.take(2000);
    expect([small.buffer.byteLength, large.buffer.byteLength]).toEqual([1024, 4096]);
    pool.release(large);
    pool.release(small);
    expect(pool.freeCount).toBe(2);
    expect(pool.take(3000).buffer).toBe(large.buffer);
    expect(pool.take(10).buffer).toBe(small.buffer);
    expect(pool.take(5000).buffer.byteLength).not.toBe(4096); // past every class: fresh memory
  });
});
