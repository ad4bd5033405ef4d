import { includesSorted } from './generation-worker.js';

/** The check of a flush change's position against the positions a batch evolved (ascending). */
describe('includesSorted', () => {
  it('finds exactly the values of an ascending array, whatever its length', () => {
    for (let n = 0; n <= 40; n++) {
      const sorted = Array.from({ length: n }, (_, i) => 3 * i + 1);
      for (let v = -1; v <= 3 * n + 2; v++)
        expect({ n, v, found: includesSorted(sorted, v) }).toEqual({
          n,
          v,
          found: v % 3 === 1 && v <= 3 * n - 2 && v >= 1,
        });
    }
  });
});
