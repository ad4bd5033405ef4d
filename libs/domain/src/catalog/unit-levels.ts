/**
 * Collective levels in the CAND (Thông tư 40/2014/TT-BCA art. 7.2), as data: titles are level-specific.
 * - `cap-cuc`: đơn vị cấp Cục and equivalents, Công an địa phương (tỉnh);
 * - `co-so`: đơn vị cơ sở (phòng, Công an huyện…);
 * - `truc-thuoc-co-so`: đơn vị trực thuộc cơ sở (đồn, đội…): a unit under an đơn vị cơ sở;
 * - `bo`: the Ministry itself; `khac`: a unit whose level the registry does not tell.
 * A unit's level follows from its kind and, below a đơn vị cơ sở, from its parent.
 */
export type UnitLevel = 'bo' | 'cap-cuc' | 'co-so' | 'truc-thuoc-co-so' | 'khac';

const LEVEL_OF_KIND: Readonly<Record<string, UnitLevel>> = {
  bo: 'bo',
  cuc: 'cap-cuc',
  vien: 'cap-cuc',
  'van-phong': 'cap-cuc',
  'thanh-tra': 'cap-cuc',
  'bo-tu-lenh': 'cap-cuc',
  'co-quan': 'cap-cuc',
  'cong-an-tinh': 'cap-cuc',
  phong: 'co-so',
};

/** The level of a unit of `kind` whose parent has `parentLevel` (undefined: no parent). */
export function unitLevelOf(kind: string | undefined, parentLevel?: UnitLevel): UnitLevel {
  const own = kind === undefined ? undefined : LEVEL_OF_KIND[kind];
  if (own) return own;
  return parentLevel === 'co-so' || parentLevel === 'truc-thuoc-co-so' ? 'truc-thuoc-co-so' : 'khac';
}

/**
 * The levels a collective title may go to, where the sources say so (LEGAL-RULES.md): Cờ thi đua của Chính
 * phủ is proposed in the CAND for a Cục or a Công an tỉnh (TT 12/2019/TT-BCA art. 18); Cờ thi đua của Bộ
 * Công an for the leading units of the clusters, cấp Cục or cơ sở (decided here: the sources name no
 * level below). Codes not listed take any registered unit.
 */
export const RECIPIENT_LEVELS: Readonly<Record<string, ReadonlyArray<UnitLevel>>> = {
  'co-thi-dua-chinh-phu': ['cap-cuc'],
  'co-thi-dua-bo-cong-an': ['cap-cuc', 'co-so'],
};
