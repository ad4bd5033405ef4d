import { hashOf, WrittenKeys } from './written-keys.js';

describe('WrittenKeys', () => {
  it('holds every key added (growing as it fills) and hardly any other', () => {
    const keys = new WrittenKeys();
    for (let i = 0; i < 5000; i++) keys.add('index', `u${i}:0`);
    keys.add('units', 'u1');
    for (let i = 0; i < 5000; i++) expect(keys.mayHold('index', `u${i}:0`)).toBe(true);
    expect(keys.mayHold('units', 'u1')).toBe(true);
    let others = 0;
    for (let i = 0; i < 5000; i++)
      if (keys.mayHold('index', `u${i}:1`) || keys.mayHold('units', `u${i + 2}`)) others++;
    // A shared 32-bit hash only sends a read to the store: rare, never wrong.
    expect(others).toBeLessThan(3);
  });

  it('tells the collection from the id', () => {
    const keys = new WrittenKeys();
    keys.add('ab', 'c');
    expect(keys.mayHold('a', 'bc')).toBe(false);
    expect(keys.mayHold('ab', 'c')).toBe(true);
    expect(hashOf('ab', 'c')).not.toBe(hashOf('a', 'bc'));
  });

  it('adding a key twice keeps one slot', () => {
    const keys = new WrittenKeys();
    for (let i = 0; i < 2000; i++) keys.add('c', 'same');
    expect(keys.mayHold('c', 'same')).toBe(true);
    expect(keys.mayHold('c', 'other')).toBe(false);
  });
});
