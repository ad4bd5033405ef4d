/**
 * Test fixtures from the seeds: Cụm thi đua số 2 of the Ministry in 2021 (seed 003), its five units and
 * their chair, actors for every role, and a small scoring scheme. Test support only.
 */
import type { Actor } from '../actor.js';
import type { EmulationWindow } from '../business-date.js';
import type {
  EmulationYearCommand,
  EmulationYearContext,
} from '../emulation-year/emulation-year.commands.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import type { ScoringSchemeContent } from '../scheme/scheme.js';

export const AT = '2021-11-19T09:00:00.000Z';
/** The business date of an act recorded at AT without a date of its own: its recording date. */
export const ON = '2021-11-19';

/** Expected events carrying a business date (data objects only; matchers are left as they are). */
export function dated<E>(events: E[], on = ON): E[] {
  return events.map((e) => {
    const data = (e as { data?: object }).data;
    return data === undefined ? e : ({ ...e, data: { ...data, effectiveDate: on } } as E);
  });
}
export const ORGANIZER_UNIT = 'bo-cong-an';
export const CLUSTER = 'bca-cum-2';
export const YEAR = 2021;

/** The five units of Cụm thi đua số 2 năm 2021, exact names (NFC). */
export const UNITS = {
  anm: { id: 'cuc-anm', name: 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao' },
  ktnv: { id: 'cuc-ktnv', name: 'Cục Kỹ thuật nghiệp vụ' },
  ngoaiTuyen: { id: 'cuc-ngoai-tuyen', name: 'Cục Ngoại tuyến' },
  xnc: { id: 'cuc-qlxnc', name: 'Cục Quản lý xuất nhập cảnh' },
  canhVe: { id: 'bo-tu-lenh-canh-ve', name: 'Bộ Tư lệnh Cảnh vệ' },
} as const;
export const UNIT_IDS = Object.values(UNITS).map((u) => u.id);

export const admin: Actor = { id: 'u-admin', role: 'admin' };
export const organizer: Actor = { id: 'u-org', role: 'organizer', unitId: ORGANIZER_UNIT };
export const otherOrganizer: Actor = { id: 'u-org-ht', role: 'organizer', unitId: 'ca-ha-tinh' };
export const inspector: Actor = { id: 'u-insp', role: 'inspector' };
export const viewer: Actor = { id: 'u-view', role: 'viewer' };
export const officerOf = (unitId: string): Actor => ({
  id: `officer-${unitId}`,
  role: 'unit-officer',
  unitId,
});
/** Cục An ninh mạng… chairs Cụm 2 in 2021 (seed 003). */
export const chair = officerOf(UNITS.anm.id);

export const context: EmulationYearContext = {
  cluster: { organizerUnitId: ORGANIZER_UNIT, status: 'active' },
};

export const scheme: ScoringSchemeContent = {
  criteria: [
    {
      code: 'xd-dang',
      title: 'Công tác xây dựng Đảng',
      group: 'Xây dựng lực lượng',
      maxPoints: 30,
      kind: 'score',
    },
    {
      code: 'chuyen-mon',
      title: 'Kết quả công tác chuyên môn',
      group: 'Nghiệp vụ',
      maxPoints: 50,
      kind: 'score',
    },
    {
      code: 'phong-trao',
      title: 'Tổ chức phong trào thi đua',
      group: 'Nghiệp vụ',
      maxPoints: 20,
      kind: 'score',
    },
    {
      code: 'diem-thuong',
      title: 'Điểm thưởng thành tích đột xuất',
      group: 'Thưởng',
      maxPoints: 5,
      kind: 'bonus',
    },
    { code: 'diem-tru', title: 'Vi phạm kỷ luật', group: 'Trừ', maxPoints: 10, kind: 'penalty' },
  ],
  thresholds: [
    { code: 'xuat-sac', label: 'Xuất sắc', minTotal: 90 },
    { code: 'tot', label: 'Tốt', minTotal: 75 },
    { code: 'kha', label: 'Khá', minTotal: 50 },
    { code: 'trung-binh', label: 'Trung bình', minTotal: 0 },
  ],
  tieBreaks: ['group:Nghiệp vụ', 'penalty', 'bonus'],
};

/** A cluster-year with all five units admitted, the chair assigned and the scheme published. */
export function yearStarted(): EmulationYearEvent[] {
  return [
    ...UNIT_IDS.map((unitId): EmulationYearEvent => ({ type: 'UnitAdmitted', data: { unitId } })),
    { type: 'ChairAssigned', data: { unitId: UNITS.anm.id, role: 'chair', source: 'organizer' } },
    { type: 'ScoringSchemePublished', data: { version: 1, ...scheme } },
  ];
}

/** …and period Q1 open. */
export function q1Open(): EmulationYearEvent[] {
  return [...yearStarted(), { type: 'PeriodOpened', data: { period: 'Q1' } }];
}

export const DIGEST = 'a'.repeat(64);

/**
 * The Ministry's emulation window for 2021 as the demo records it (minh họa): the year runs from
 * 1/12/2020 to 30/11/2021 and its last quarter and the year are reviewed from 15/11 (seed 003's review
 * was held on 19/11/2021).
 */
export const MINISTRY_WINDOW_2021: EmulationWindow = {
  opensOn: '2020-12-01',
  closesOn: '2021-11-30',
  reviewsFrom: { Q4: '2021-11-15', Y: '2021-11-15' },
};

type EyType = EmulationYearCommand['type'];
type EyOf<T extends EyType> = Extract<EmulationYearCommand, { type: T }>;

/** Builds a cluster-year command for Cụm 2 / 2021 (or the year given in data). */
export function ey<T extends EyType>(
  type: T,
  actor: Actor,
  data: Omit<EyOf<T>['data'], 'clusterId' | 'year'> & { year?: number },
  at = AT,
): EyOf<T> {
  return { type, actor, at, data: { clusterId: CLUSTER, year: YEAR, ...data } } as unknown as EyOf<T>;
}
