/** Kinds of unit (đơn vị) named in the seeds, as data. */
export const UNIT_KINDS: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'bo', name: 'Bộ' },
  { code: 'cuc', name: 'Cục' },
  { code: 'vien', name: 'Viện' },
  { code: 'van-phong', name: 'Văn phòng' },
  { code: 'thanh-tra', name: 'Thanh tra' },
  { code: 'bo-tu-lenh', name: 'Bộ Tư lệnh' },
  { code: 'co-quan', name: 'Cơ quan' },
  { code: 'cong-an-tinh', name: 'Công an tỉnh, thành phố' },
  { code: 'phong', name: 'Phòng' },
  { code: 'khac', name: 'Khác' },
];

export function isUnitKind(code: unknown): boolean {
  return typeof code === 'string' && UNIT_KINDS.some((k) => k.code === code);
}
