/**
 * The units and clusters of the demo, with the exact names of ../shared/GLOSSARY.md (Unicode NFC). Ids are
 * short and stable (the same as the test fixtures where those exist), so that a re-run finds them again.
 */
export interface DemoUnit {
  id: string;
  name: string;
  /** A code of libs/domain/src/unit/unit-kinds.ts. */
  kind: string;
  parent?: string;
}

export const BO_CONG_AN: DemoUnit = { id: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' };
export const CA_HA_TINH: DemoUnit = {
  id: 'ca-ha-tinh',
  name: 'Công an tỉnh Hà Tĩnh',
  kind: 'cong-an-tinh',
  parent: BO_CONG_AN.id,
};

const underMinistry = (id: string, name: string, kind: string): DemoUnit => ({
  id,
  name,
  kind,
  parent: BO_CONG_AN.id,
});

/** Cụm thi đua số 1, 2017 — "các đơn vị trực thuộc Bộ trưởng" (seed 002). */
export const CUM1_2017_UNITS: DemoUnit[] = [
  underMinistry('van-phong-bca', 'Văn phòng Bộ Công an', 'van-phong'),
  underMinistry('cuc-doi-ngoai', 'Cục Đối ngoại', 'cuc'),
  underMinistry('cuc-phap-che', 'Cục Pháp chế và cải cách hành chính, tư pháp', 'cuc'),
  underMinistry('vien-chien-luoc-khca', 'Viện Chiến lược và Khoa học Công an', 'vien'),
  underMinistry('cuc-tai-chinh', 'Cục Tài chính', 'cuc'),
  underMinistry('thanh-tra-bo', 'Thanh tra Bộ', 'thanh-tra'),
  underMinistry('cuc-xdpt-bv-antq', 'Cục Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc', 'cuc'),
];

/** Cụm thi đua số 2, 2021 — "Khối các đơn vị thuộc Bộ trưởng" (seed 003). */
export const CUM2 = {
  anm: underMinistry('cuc-anm', 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao', 'cuc'),
  ktnv: underMinistry('cuc-ktnv', 'Cục Kỹ thuật nghiệp vụ', 'cuc'),
  ngoaiTuyen: underMinistry('cuc-ngoai-tuyen', 'Cục Ngoại tuyến', 'cuc'),
  qlxnc: underMinistry('cuc-qlxnc', 'Cục Quản lý xuất nhập cảnh', 'cuc'),
  canhVe: underMinistry('bo-tu-lenh-canh-ve', 'Bộ Tư lệnh Cảnh vệ', 'bo-tu-lenh'),
};
export const CUM2_UNITS: DemoUnit[] = Object.values(CUM2);

/** Cụm thi đua số 7, 2023 (seed 000). */
export const CUM7_UNITS: DemoUnit[] = [
  underMinistry('cuc-ctd-ctct', 'Cục Công tác Đảng và công tác chính trị', 'cuc'),
  underMinistry('cuc-truyen-thong', 'Cục Truyền thông', 'cuc'),
  underMinistry('cuc-tccb', 'Cục Tổ chức cán bộ', 'cuc'),
  underMinistry('cuc-dao-tao', 'Cục Đào tạo', 'cuc'),
  underMinistry('thanh-tra-cand', 'Thanh tra Công an nhân dân', 'thanh-tra'),
  underMinistry('co-quan-ubkt', 'Cơ quan Ủy ban kiểm tra Đảng ủy Công an Trung ương', 'co-quan'),
];

/** Cụm thi đua số 1, 2024 — "Công an 5 thành phố trực thuộc Trung ương" (seed 001), official names. */
export const CUM1_2024_UNITS: DemoUnit[] = [
  underMinistry('ca-ha-noi', 'Công an thành phố Hà Nội', 'cong-an-tinh'),
  underMinistry('ca-hai-phong', 'Công an thành phố Hải Phòng', 'cong-an-tinh'),
  underMinistry('ca-da-nang', 'Công an thành phố Đà Nẵng', 'cong-an-tinh'),
  underMinistry('ca-can-tho', 'Công an thành phố Cần Thơ', 'cong-an-tinh'),
  underMinistry('ca-tp-hcm', 'Công an Thành phố Hồ Chí Minh', 'cong-an-tinh'),
];

const underHaTinh = (id: string, name: string): DemoUnit => ({
  id,
  name,
  kind: 'phong',
  parent: CA_HA_TINH.id,
});

/** Cụm thi đua số 4 of Công an tỉnh Hà Tĩnh, Q2/2021: only the units the seed names (seed 004). */
export const HT_CUM4_UNITS: DemoUnit[] = [
  underHaTinh('ht-phong-tham-muu', 'Phòng Tham mưu'),
  underHaTinh('ht-phong-ctd-ctct', 'Phòng Công tác Đảng và công tác chính trị'),
  underHaTinh('ht-phong-tccb', 'Phòng Tổ chức cán bộ'),
];

/**
 * Sub-collectives (đơn vị cơ sở) the seeds count awards for but do not name: 25 under each Cục of Cụm 7
 * (seed 000: 67 + 149 tập thể), 4 under each Phòng of Hà Tĩnh's Cụm 4 (seed 004). Their names say they are
 * demo data.
 */
function subUnits(parents: ReadonlyArray<DemoUnit>, count: number, label: string, kind: string): DemoUnit[] {
  return parents.flatMap((p) =>
    Array.from({ length: count }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      return {
        id: `${p.id}-${label}-${n}`,
        name: `${label === 'phong' ? 'Phòng' : 'Đội'} ${n} (minh họa) – ${p.name}`,
        kind,
        parent: p.id,
      };
    }),
  );
}

export const CUM7_SUB_UNITS: DemoUnit[] = subUnits(CUM7_UNITS, 25, 'phong', 'phong');
export const HT_SUB_UNITS: DemoUnit[] = subUnits(HT_CUM4_UNITS, 4, 'doi', 'khac');

/** Every unit, parents first (a unit's parent must be registered before it). */
export const ALL_UNITS: DemoUnit[] = [
  BO_CONG_AN,
  CA_HA_TINH,
  ...CUM1_2017_UNITS,
  ...CUM2_UNITS,
  ...CUM7_UNITS,
  ...CUM1_2024_UNITS,
  ...HT_CUM4_UNITS,
  ...CUM7_SUB_UNITS,
  ...HT_SUB_UNITS,
];

export interface DemoBloc {
  id: string;
  organizer: string;
  name: string;
}

/** The Ministry's blocs named in the seeds and the glossary (khối). */
export const BLOCS = {
  trucThuoc: {
    id: 'bca-khoi-truc-thuoc-bo-truong',
    organizer: BO_CONG_AN.id,
    name: 'Khối các đơn vị trực thuộc Bộ trưởng',
  },
  diaPhuong: { id: 'bca-khoi-cong-an-dia-phuong', organizer: BO_CONG_AN.id, name: 'Khối Công an địa phương' },
} satisfies Record<string, DemoBloc>;

export interface DemoCluster {
  id: string;
  organizer: string;
  number: number;
  name: string;
  bloc?: string;
}

/**
 * The clusters. The Ministry had two "Cụm thi đua số 1" at once (press of 2015 and 2019): the units under the
 * Minister (seed 002, 2017) and the five city police forces (seed 001, 2024) are two clusters in two blocs.
 * Seeds 002 and 003 name the bloc of Cụm 1 (2017) and Cụm 2; the glossary names the cities' bloc. No seed
 * names Cụm 7's bloc, so it has none here.
 */
export const CLUSTERS = {
  cum1TrucThuoc: {
    id: 'bca-cum-1-truc-thuoc',
    organizer: BO_CONG_AN.id,
    number: 1,
    name: 'Cụm thi đua số 1 – các đơn vị trực thuộc Bộ trưởng',
    bloc: BLOCS.trucThuoc.id,
  },
  cum1DiaPhuong: {
    id: 'bca-cum-1-dia-phuong',
    organizer: BO_CONG_AN.id,
    number: 1,
    name: 'Cụm thi đua số 1 – Công an 5 thành phố trực thuộc Trung ương',
    bloc: BLOCS.diaPhuong.id,
  },
  cum2: {
    id: 'bca-cum-2',
    organizer: BO_CONG_AN.id,
    number: 2,
    name: 'Cụm thi đua số 2 – Khối các đơn vị thuộc Bộ trưởng',
    bloc: BLOCS.trucThuoc.id,
  },
  cum7: { id: 'bca-cum-7', organizer: BO_CONG_AN.id, number: 7, name: 'Cụm thi đua số 7' },
  htCum4: { id: 'ht-cum-4', organizer: CA_HA_TINH.id, number: 4, name: 'Cụm thi đua số 4' },
} satisfies Record<string, DemoCluster>;
