import { RECIPIENT_LEVELS, unitLevelOf } from './unit-levels.js';

// Collective levels (Thông tư 40/2014/TT-BCA art. 7.2) as the award rules read them (unit-levels.ts).
describe('the level of a unit', () => {
  it.each([
    ['bo', 'bo'],
    ['cuc', 'cap-cuc'],
    ['vien', 'cap-cuc'],
    ['van-phong', 'cap-cuc'],
    ['thanh-tra', 'cap-cuc'],
    ['bo-tu-lenh', 'cap-cuc'],
    ['co-quan', 'cap-cuc'],
    ['cong-an-tinh', 'cap-cuc'],
    ['phong', 'co-so'],
  ])('a unit of kind %s is at level %s, whatever its parent', (kind, level) => {
    expect(unitLevelOf(kind)).toBe(level);
    expect(unitLevelOf(kind, 'co-so')).toBe(level);
  });

  it('below a đơn vị cơ sở (or below a unit under one), a unit of another kind is trực thuộc cơ sở', () => {
    expect(unitLevelOf('doi', 'co-so')).toBe('truc-thuoc-co-so');
    expect(unitLevelOf('to', 'truc-thuoc-co-so')).toBe('truc-thuoc-co-so');
    expect(unitLevelOf(undefined, 'co-so')).toBe('truc-thuoc-co-so');
  });

  it('is not told otherwise: no parent, or a parent at another level', () => {
    expect(unitLevelOf('doi')).toBe('khac');
    expect(unitLevelOf('doi', 'cap-cuc')).toBe('khac');
    expect(unitLevelOf(undefined)).toBe('khac');
  });
});

describe('the levels a collective title may go to', () => {
  it('Cờ thi đua của Chính phủ: a cấp Cục unit; Cờ thi đua của Bộ Công an: cấp Cục or cơ sở; nothing else listed', () => {
    expect(RECIPIENT_LEVELS).toStrictEqual({
      'co-thi-dua-chinh-phu': ['cap-cuc'],
      'co-thi-dua-bo-cong-an': ['cap-cuc', 'co-so'],
    });
  });
});
