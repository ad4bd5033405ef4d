/**
 * Cụm thi đua số 7 of the Ministry in 2023 (seed 000), played through the real deciders: its six units,
 * pledges, year scores with a correction and an upheld dispute, the chair election for 2024, the Y
 * period closed, two award decisions (one of them Huân chương Bảo vệ Tổ quốc hạng Ba: 1 collective and
 * 8 individuals), a unit admitted only after its awards, a flag given by override, revocations, a
 * withdrawal and a renaming; plus a provincial organizer's cluster beside it. Test support only.
 */
import type { EventStore } from '@thidua/event-store';
import type { AwardItem, ClusterStanding } from '@thidua/domain';
import { Ledger, officerOf, organizerOf } from './ledger.js';

export const MINISTRY = { id: 'bo-cong-an', name: 'Bộ Công an' };
export const CLUSTER_7 = 'bca-cum-7';
export const YEAR = 2023;

/** The six units of Cụm thi đua số 7 năm 2023, exact names (GLOSSARY.md). */
export const C7 = {
  ctd: { id: 'cuc-ctd-ctct', name: 'Cục Công tác Đảng và công tác chính trị' },
  tt: { id: 'cuc-truyen-thong', name: 'Cục Truyền thông' },
  tccb: { id: 'cuc-tccb', name: 'Cục Tổ chức cán bộ' },
  dt: { id: 'cuc-dao-tao', name: 'Cục Đào tạo' },
  ttr: { id: 'thanh-tra-cand', name: 'Thanh tra Công an nhân dân' },
  ubkt: { id: 'co-quan-ubkt', name: 'Cơ quan Ủy ban kiểm tra Đảng ủy Công an Trung ương' },
} as const;

export const HA_TINH = { id: 'ca-ha-tinh', name: 'Công an tỉnh Hà Tĩnh' };
export const HT_CLUSTER = 'ht-cum-4';
export const HT_UNIT = { id: 'ht-phong-tham-muu', name: 'Phòng Tham mưu' };

export const FLAG = 'co-thi-dua-bo-cong-an';
export const GOV_FLAG = 'co-thi-dua-chinh-phu';
export const HC3 = 'huan-chuong-bao-ve-to-quoc-hang-ba';
export const BK = 'bang-khen-bo-truong-bca';
export const CSTD_CAND = 'chien-si-thi-dua-toan-luc-luong-cand';

const individual = (n: number, unitId: string, code: string): AwardItem => ({
  awardId: `${code}-${unitId}-${n}`,
  code,
  recipient: { kind: 'individual', personId: `cb-${unitId}-${n}`, unitId },
  year: YEAR,
  citation: 'Có thành tích xuất sắc trong phong trào thi đua "Vì an ninh Tổ quốc" năm 2023',
});
const collective = (unitId: string, code: string, override?: string): AwardItem => ({
  awardId: `${code}-${unitId}`,
  code,
  recipient: { kind: 'collective', unitId },
  year: YEAR,
  citation: 'Đã có thành tích xuất sắc',
  ...(override !== undefined && { override: { reason: override } }),
});

/** Huân chương Bảo vệ Tổ quốc hạng Ba (decision of the President): 1 collective and 8 individuals. */
export const HC3_AWARDS: AwardItem[] = [
  collective(C7.tccb.id, HC3),
  ...[1, 2, 3].map((n) => individual(n, C7.tccb.id, HC3)),
  ...[1, 2].map((n) => individual(n, C7.tt.id, HC3)),
  ...[1, 2].map((n) => individual(n, C7.dt.id, HC3)),
  individual(1, C7.ttr.id, HC3),
];

/** The Minister's decision: flags (one by override), Bằng khen and Chiến sĩ thi đua toàn lực lượng CAND. */
export const BCA_AWARDS: AwardItem[] = [
  collective(C7.tccb.id, FLAG),
  collective(C7.dt.id, FLAG, 'Hội đồng Thi đua - Khen thưởng Bộ xét đặc cách'),
  collective(C7.tt.id, BK),
  collective(C7.ttr.id, BK),
  ...[1, 2].map((n) => individual(n, C7.ctd.id, BK)),
  individual(1, C7.ubkt.id, BK),
  individual(1, C7.tt.id, CSTD_CAND),
  individual(1, C7.ctd.id, CSTD_CAND),
];

/** Revoked later: one individual Huân chương of Cục Đào tạo, and Cục Tổ chức cán bộ's flag. */
export const REVOKED = [HC3_AWARDS[6]!.awardId, BCA_AWARDS[0]!.awardId];

export const SCHEME = {
  criteria: [
    {
      code: 'xd-luc-luong',
      title: 'Xây dựng lực lượng',
      group: 'Xây dựng lực lượng',
      maxPoints: 50,
      kind: 'score' as const,
    },
    {
      code: 'chuyen-mon',
      title: 'Kết quả công tác chuyên môn',
      group: 'Nghiệp vụ',
      maxPoints: 50,
      kind: 'score' as const,
    },
  ],
  thresholds: [
    { code: 'xuat-sac', label: 'Xuất sắc', minTotal: 90 },
    { code: 'tot', label: 'Tốt', minTotal: 0 },
  ],
  tieBreaks: [],
};

export interface Cluster7Result {
  /** Position of the last event of each step of interest. */
  marks: Record<'admitted' | 'closed' | 'awarded' | 'lateAdmission' | 'revoked' | 'end', number>;
}

/**
 * Writes the scenario. `corrections` extra corrections of one of Cục Truyền thông's entries make its
 * history long (several pages); `onStep` is awaited after each step (to look at the read side meanwhile).
 */
export async function playCluster7(
  events: EventStore,
  options: { corrections?: number; onStep?: () => Promise<void> } = {},
): Promise<Cluster7Result> {
  const l = new Ledger(events);
  const step = async () => options.onStep?.();
  const marks = {} as Cluster7Result['marks'];
  const org = organizerOf(MINISTRY.id);
  const members = [C7.ctd, C7.tt, C7.tccb, C7.dt, C7.ubkt];

  await l.registerUnit(MINISTRY.id, MINISTRY.name, 'bo');
  for (const u of Object.values(C7))
    await l.registerUnit(u.id, u.name, u.id.startsWith('cuc') ? 'cuc' : 'co-quan');
  await l.registerUnit(HA_TINH.id, HA_TINH.name, 'cong-an-tinh');
  await l.registerUnit(HT_UNIT.id, HT_UNIT.name, 'phong');
  await l.formCluster(CLUSTER_7, MINISTRY.id, 7, 'Cụm thi đua số 7');
  await l.formCluster(HT_CLUSTER, HA_TINH.id, 4, 'Cụm thi đua số 4');
  await step();
  let last = 0;
  for (const u of members) last = (await l.admit(CLUSTER_7, YEAR, u.id)).position;
  await l.admit(HT_CLUSTER, YEAR, HT_UNIT.id);
  marks.admitted = last;
  await step();

  await l.year(CLUSTER_7, YEAR, 'PublishScoringScheme', org, SCHEME);
  for (const u of members) {
    const titles = u.id === C7.tccb.id ? [FLAG, GOV_FLAG] : [FLAG];
    await l.year(CLUSTER_7, YEAR, 'SignPledge', officerOf(u.id), {
      unitId: u.id,
      titles,
      targets: [{ text: 'Hoàn thành các chỉ tiêu công tác năm 2023', count: 77 }],
      keyTasks: ['Nhiệm vụ trọng tâm 1', 'Nhiệm vụ trọng tâm 2', 'Nhiệm vụ trọng tâm 3'],
    });
  }
  await l.year(CLUSTER_7, YEAR, 'OpenPeriod', org, { period: 'Y' });
  const points: Record<string, [number, number]> = {
    [C7.tccb.id]: [49.5, 48],
    [C7.dt.id]: [47, 46.5],
    [C7.tt.id]: [45, 46],
    [C7.ctd.id]: [44, 45.25],
    [C7.ubkt.id]: [42, 44],
  };
  for (const [unitId, [a, b]] of Object.entries(points)) {
    const self = officerOf(unitId);
    await l.year(CLUSTER_7, YEAR, 'RecordScore', self, {
      entryId: `y-${unitId}-xd`,
      unitId,
      period: 'Y',
      criterion: 'xd-luc-luong',
      points: a,
      assessment: 'self',
    });
    await l.year(CLUSTER_7, YEAR, 'RecordScore', self, {
      entryId: `y-${unitId}-cm`,
      unitId,
      period: 'Y',
      criterion: 'chuyen-mon',
      points: b,
      assessment: 'self',
    });
  }
  await l.year(CLUSTER_7, YEAR, 'CorrectScore', officerOf(C7.tt.id), {
    entryId: `y-${C7.tt.id}-cm`,
    points: 45.5,
    reason: 'Nhập nhầm số liệu',
  });
  for (let i = 0; i < (options.corrections ?? 0); i++)
    await l.year(CLUSTER_7, YEAR, 'CorrectScore', officerOf(C7.tt.id), {
      entryId: `y-${C7.tt.id}-xd`,
      points: i % 2 === 0 ? 44.5 : 45,
      reason: `Điều chỉnh lần ${i + 1}`,
    });
  await l.year(CLUSTER_7, YEAR, 'FileDispute', officerOf(C7.ubkt.id), {
    disputeId: 'kn-ubkt-1',
    entryId: `y-${C7.ubkt.id}-xd`,
    reason: 'Chưa tính kết quả kiểm tra quý IV',
    proposedPoints: 43,
  });
  await l.year(CLUSTER_7, YEAR, 'ResolveDispute', org, {
    disputeId: 'kn-ubkt-1',
    outcome: 'upheld',
    reason: 'Đã xác minh',
    correctedPoints: 43,
  });
  await l.year(CLUSTER_7, YEAR, 'OpenElection', org, {
    electionId: 'bau-cum-truong-2024',
    role: 'chair',
    candidates: [C7.tccb.id, C7.dt.id],
  });
  for (const u of members)
    await l.year(CLUSTER_7, YEAR, 'CastBallot', officerOf(u.id), {
      electionId: 'bau-cum-truong-2024',
      voterUnitId: u.id,
      candidateUnitId: u.id === C7.dt.id ? C7.dt.id : C7.tccb.id,
    });
  await l.year(CLUSTER_7, YEAR, 'CloseElection', org, { electionId: 'bau-cum-truong-2024' });
  marks.closed = (await l.closePeriod(CLUSTER_7, YEAR, 'Y')).position;
  await step();

  await l.issueDecision(org, {
    decisionId: 'qd-ctn-2023-hc3',
    number: '1234/QĐ-CTN',
    date: '2023-12-15',
    authority: 'chu-tich-nuoc',
    awards: HC3_AWARDS,
  });
  const standing = (unitId: string, rank: number): ClusterStanding => ({
    unitId,
    year: YEAR,
    clusterId: CLUSTER_7,
    organizerUnitId: MINISTRY.id,
    rank,
    final: true,
  });
  marks.awarded = (
    await l.issueDecision(
      org,
      {
        decisionId: 'qd-bca-2023-khen',
        number: '9876/QĐ-BCA',
        date: '2023-12-20',
        authority: 'bo-truong-bca',
        awards: BCA_AWARDS,
      },
      { clusterStandings: [standing(C7.tccb.id, 1), standing(C7.dt.id, 2)] },
    )
  ).position;
  await step();

  marks.lateAdmission = (await l.admit(CLUSTER_7, YEAR, C7.ttr.id)).position;
  await l.revokeAward(org, 'qd-ctn-2023-hc3', REVOKED[0]!, 'Hồ sơ đề nghị không trung thực', '55/QĐ-CTN');
  marks.revoked = (
    await l.revokeAward(org, 'qd-bca-2023-khen', REVOKED[1]!, 'Thẩm định lại kết quả', '77/QĐ-BCA')
  ).position;
  await step();
  await l.withdraw(CLUSTER_7, YEAR, C7.ubkt.id, 'Điều chỉnh tổ chức Cụm thi đua');
  marks.end = (
    await l.renameUnit(C7.dt.id, 'Cục Đào tạo Công an nhân dân', 'Theo quyết định tổ chức lại')
  ).position;
  await step();
  return { marks };
}
