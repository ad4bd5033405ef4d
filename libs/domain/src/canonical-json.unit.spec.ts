import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'Cụm'], c: undefined, b: null } })).toBe(
      '{"a":{"b":null,"d":[1,"Cụm"]},"b":1}',
    );
  });
  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ x: NaN })).toThrow(TypeError);
  });
});
