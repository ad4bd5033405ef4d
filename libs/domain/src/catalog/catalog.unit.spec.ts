import { AUTHORITY_LEVELS } from './authorities.js';
import { AWARD_CATALOG } from './awards.js';
import { canConfer, createCatalog, defaultCatalog, findAward, isRegistrableTitle } from './catalog.js';

/** Every title and award of GLOSSARY.md's table, spelled exactly. */
const GLOSSARY_NAMES = [
  'Huân chương Bảo vệ Tổ quốc hạng Nhất',
  'Huân chương Bảo vệ Tổ quốc hạng Nhì',
  'Huân chương Bảo vệ Tổ quốc hạng Ba',
  'Cờ thi đua của Chính phủ',
  'Chiến sĩ thi đua toàn quốc',
  'Bằng khen của Thủ tướng Chính phủ',
  'Cờ thi đua của Bộ Công an',
  'Chiến sĩ thi đua toàn lực lượng Công an nhân dân',
  'Bằng khen của Bộ trưởng Bộ Công an',
  'Bằng khen của Chủ tịch UBND tỉnh',
  'Giấy khen',
  'biểu dương',
  'Đơn vị Quyết thắng',
  'Đơn vị tiên tiến',
  'Chiến sĩ thi đua cơ sở',
  'Chiến sĩ tiên tiến',
];

describe('award catalog', () => {
  it('holds every title and award of the glossary, in NFC', () => {
    const names = AWARD_CATALOG.map((e) => e.name);
    for (const n of GLOSSARY_NAMES) expect(names).toContain(n.normalize('NFC'));
    for (const e of AWARD_CATALOG) expect(e.name).toBe(e.name.normalize('NFC'));
  });

  it('records who confers what (Decree 98/2023/NĐ-CP art. 3.2: state titles by the Prime Minister)', () => {
    expect(canConfer('co-thi-dua-chinh-phu', 'thu-tuong')).toBe(true);
    expect(canConfer('co-thi-dua-chinh-phu', 'bo-truong-bca')).toBe(false);
    expect(canConfer('chien-si-thi-dua-toan-quoc', 'thu-tuong')).toBe(true);
    expect(canConfer('huan-chuong-bao-ve-to-quoc-hang-ba', 'chu-tich-nuoc')).toBe(true);
    expect(canConfer('bang-khen-bo-truong-bca', 'bo-truong-bca')).toBe(true);
    expect(canConfer('giay-khen', 'bo-truong-bca')).toBe(false);
    expect(canConfer('unknown', 'thu-tuong')).toBe(false);
  });

  it('marks the cluster-leading flags and orders by rank', () => {
    const flags = AWARD_CATALOG.filter((e) => e.isClusterFlag)
      .map((e) => e.code)
      .sort();
    expect(flags).toEqual(['co-thi-dua-bo-cong-an', 'co-thi-dua-chinh-phu']);
    const ranks = defaultCatalog.entries.map((e) => e.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(findAward('huan-chuong-bao-ve-to-quoc-hang-nhat')!.rank).toBeLessThan(
      findAward('giay-khen')!.rank,
    );
  });

  it('lets a unit register collective titles only', () => {
    expect(isRegistrableTitle('co-thi-dua-bo-cong-an')).toBe(true);
    expect(isRegistrableTitle('don-vi-quyet-thang')).toBe(true);
    expect(isRegistrableTitle('chien-si-thi-dua-co-so')).toBe(false);
    expect(isRegistrableTitle('bang-khen-bo-truong-bca')).toBe(false);
    expect(isRegistrableTitle('nope')).toBe(false);
  });

  it('validates replacement data', () => {
    const first = AWARD_CATALOG[0]!;
    expect(() => createCatalog([first, first])).toThrow(/duplicate/);
    expect(() => createCatalog([{ ...first, authorities: ['nobody'] }])).toThrow(/unknown authority/);
    expect(() => createCatalog([{ ...first, name: first.name.normalize('NFD') }])).toThrow(/NFC/);
    const corrected = createCatalog(
      AWARD_CATALOG.map((e) =>
        e.code === 'don-vi-tien-tien' ? { ...e, authorities: ['bo-truong-bca'] } : e,
      ),
      AUTHORITY_LEVELS,
    );
    expect(corrected.canConfer('don-vi-tien-tien', 'thu-truong-don-vi')).toBe(false);
    expect(corrected.allowsRecipient('giay-khen', 'individual')).toBe(true);
    expect(corrected.findAuthority('thu-tuong')?.name).toBe('Thủ tướng Chính phủ');
  });
});
