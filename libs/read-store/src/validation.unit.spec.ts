import { ReadStoreInputError } from './errors.js';
import { assertDoc } from './validation.js';

/** assertDoc's reserved fields: own enumerable keys, as Object.keys lists them, without its array. */
describe('assertDoc and the reserved fields', () => {
  it('refuses an own enumerable _id or _position, and nothing JSON would not store', () => {
    expect(() => assertDoc({ a: 1, _position: 2 })).toThrow(ReadStoreInputError);
    expect(() => assertDoc({ _id: 'x' })).toThrow('field _id is reserved by the read store');
    const hidden = { a: 1 };
    Object.defineProperty(hidden, '_id', { value: 'x', enumerable: false });
    expect(() => assertDoc(hidden)).not.toThrow();
    expect(() => assertDoc(Object.create({ _id: 'inherited' }) as Record<string, unknown>)).not.toThrow();
  });

  it('builds no Object.keys array for a document', () => {
    const keys = Object.keys;
    let calls = 0;
    Object.keys = (o: object) => {
      calls += 1;
      return keys(o);
    };
    try {
      for (let i = 0; i < 10; i++) assertDoc({ i, nested: { a: [1, 2], b: 'ý' } });
    } finally {
      Object.keys = keys;
    }
    expect(calls).toBe(0);
  });
});
