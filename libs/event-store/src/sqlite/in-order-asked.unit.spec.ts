import { inOrderAsked } from './in-order-asked.js';

const row = (position: number): [number, string] => [position, `event ${position}`];

describe('inOrderAsked', () => {
  it('gives ascending rows that match what was asked as they are', () => {
    const rows = [row(3), row(8), row(20)];
    expect(inOrderAsked([3, 8, 20], rows)).toBe(rows);
  });

  it('answers in the order asked, a position asked twice twice, one without a row not at all', () => {
    const rows = [row(3), row(8), row(20)];
    expect(inOrderAsked([20, 3, 99, 8, 3], rows).map((r) => r[0])).toEqual([20, 3, 8, 3]);
    expect(inOrderAsked([20, 3, 8], rows).map((r) => r[0])).toEqual([20, 3, 8]);
    expect(inOrderAsked([3, 3], [row(3)])).toEqual([row(3), row(3)]);
    expect(inOrderAsked([4, 8], [row(8)])).toEqual([row(8)]);
    expect(inOrderAsked([], [])).toEqual([]);
  });
});
