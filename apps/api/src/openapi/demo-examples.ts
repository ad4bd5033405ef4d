import { entityIdOf } from '../write-model/deterministic-id.js';

/**
 * Ids and values of the demo (`npm run demo`) used as the OpenAPI examples, so "Try it out" on /docs
 * reaches real data. test/demo.e2e.spec.ts loads the demo and sends every example of the document: each
 * read answers 200 with data, and the commands, sent in the order of DEMO_BODIES with the tokens of
 * DEMO_ACTORS, are recorded (201).
 *
 * Ids the server creates (a score entry, a dispute, an election) are derived from the caller's `sub` and
 * the Idempotency-Key, so the examples name the ids the matching example creates when sent with the demo's
 * token for that unit (`npm run cli -- token --role unit-officer --unit cuc-ktnv --sub demo-officer-cuc-ktnv`)
 * and the Idempotency-Key example of that route.
 */
export const DEMO_ACTORS = {
  officer: (unitId: string): string => `demo-officer-${unitId}`,
  organizer: (unitId: string): string => `demo-organizer-${unitId}`,
} as const;

/** Idempotency-Key examples of the routes that create an id. */
export const DEMO_KEYS = {
  recordScore: 'vi-du-cham-diem-h1-2021',
  fileDispute: 'vi-du-khieu-nai-q2-2021',
  openElection: 'vi-du-bau-cum-pho-2022',
} as const;

const createdBy = (unitId: string, key: string, kind: string): string =>
  entityIdOf(DEMO_ACTORS.officer(unitId), key, kind);

export const DEMO = {
  organizerId: 'bo-cong-an',
  clusterId: 'bca-cum-2',
  year: 2021,
  /** Quý II of Cụm 2 / 2021: scored, corrected, closed. */
  period: 'Q2',
  unitId: 'cuc-ktnv',
  /** The position just before Cục Quản lý xuất nhập cảnh corrected its Quý II score. */
  asOf: '99',
  /** That correction undone: its entry and the points it had before. */
  whatIf: { entryId: 'f5cd85bc-48c6-8e3b-951d-3bc67fa69d9b', points: 45 },
  totals: { year: 2023, cluster: 'bca-cum-7' },
  streamId: 'emulation-bca-cum-2-2021',
  /** An award of a Cụm 7 / 2023 decision (Bằng khen of the Minister). */
  awardId: '2a9ff6b2-35f6-81ca-b24e-e91c1628696c-1',
  /** A period of Cụm 2 / 2021 the demo never opened: the period commands' examples open, close, reopen it. */
  openablePeriod: 'H1',
  /** A unit the examples register, rename, admit, withdraw and finally merge. */
  newUnitId: 'phong-thu-nghiem',
  /** A cluster the examples form, rename and dissolve. */
  newClusterId: 'bca-cum-9',
  /** A demo unit no other example uses: the dissolution example dissolves it. */
  unitToDissolve: 'vien-chien-luoc-khca',
  /** The entry the score example records (Cục Kỹ thuật nghiệp vụ, H1/2021). */
  entryId: createdBy('cuc-ktnv', DEMO_KEYS.recordScore, 'score-entry'),
  /** The dispute the dispute example files (Cục Quản lý xuất nhập cảnh, its corrected Quý II entry). */
  disputeId: createdBy('cuc-qlxnc', DEMO_KEYS.fileDispute, 'dispute'),
  /** The election the election example opens (Cục An ninh mạng, chair of 2021). */
  electionId: createdBy('cuc-anm', DEMO_KEYS.openElection, 'election'),
} as const;

/** The command examples (request bodies), in the order test/demo.e2e.spec.ts sends them. */
export const DEMO_BODIES = {
  registerUnit: {
    unitId: DEMO.newUnitId,
    name: 'Phòng Thử nghiệm',
    kind: 'phong',
    parentUnitId: DEMO.organizerId,
  },
  renameUnit: { name: 'Phòng Thử nghiệm nghiệp vụ', reason: 'Đổi tên theo quyết định sắp xếp tổ chức' },
  mergeUnit: { intoUnitId: DEMO.unitId, reason: 'Sáp nhập theo đề án sắp xếp tổ chức bộ máy' },
  dissolveUnit: { reason: 'Giải thể theo quyết định của Bộ trưởng' },
  formCluster: {
    clusterId: DEMO.newClusterId,
    organizerUnitId: DEMO.organizerId,
    number: 9,
    name: 'Cụm thi đua số 9',
  },
  renameCluster: { name: 'Cụm thi đua số 9 (các đơn vị mới thành lập)' },
  dissolveCluster: { reason: 'Giải thể cụm theo quyết định sắp xếp lại' },
  admitMember: { unitId: DEMO.newUnitId },
  withdrawMember: { reason: 'Điều chỉnh cụm thi đua' },
  assignChair: { unitId: 'cuc-ngoai-tuyen', role: 'vice-chair', source: 'organizer' },
  setChairPolicy: { forbidConsecutiveTerms: true },
  publishScheme: {
    criteria: [
      {
        code: 'xd-dang',
        title: 'Xây dựng Đảng, xây dựng lực lượng',
        group: 'Xây dựng lực lượng',
        maxPoints: 40,
        kind: 'score',
      },
      { code: 'chuyen-mon', title: 'Nhiệm vụ chuyên môn', group: 'Nghiệp vụ', maxPoints: 60, kind: 'score' },
    ],
    thresholds: [
      { code: 'xuat-sac', label: 'Xuất sắc', minTotal: 90 },
      { code: 'dat', label: 'Hoàn thành nhiệm vụ', minTotal: 0 },
    ],
    tieBreaks: ['group:Nghiệp vụ'],
    reason: 'Điều chỉnh thang điểm 6 tháng đầu năm',
  },
  signPledge: {
    unitId: DEMO.unitId,
    titles: ['co-thi-dua-bo-cong-an'],
    targets: [{ text: 'Hoàn thành 100% chỉ tiêu công tác năm 2021 Bộ Công an giao', count: 100 }],
    keyTasks: [
      'Bảo đảm kỹ thuật nghiệp vụ cho các chuyên án trọng điểm',
      'Chuyển đổi số trong công tác kỹ thuật nghiệp vụ',
      'Xây dựng lực lượng trong sạch, vững mạnh',
    ],
  },
  amendPledge: {
    titles: ['co-thi-dua-bo-cong-an'],
    targets: [{ text: 'Hoàn thành vượt mức chỉ tiêu công tác năm 2021 Bộ Công an giao', count: 100 }],
    keyTasks: [
      'Bảo đảm kỹ thuật nghiệp vụ cho các chuyên án trọng điểm',
      'Chuyển đổi số trong công tác kỹ thuật nghiệp vụ',
      'Xây dựng lực lượng trong sạch, vững mạnh',
    ],
    reason: 'Bổ sung chỉ tiêu sau hội nghị sơ kết',
  },
  reopenPeriod: { reason: 'Rà soát lại kết quả chấm điểm 6 tháng' },
  recordScore: {
    unitId: DEMO.unitId,
    period: DEMO.openablePeriod,
    criterion: 'chuyen-mon',
    points: 45.5,
    assessment: 'self',
    evidence: 'Báo cáo sơ kết 6 tháng đầu năm 2021',
  },
  correctScore: { points: 44, reason: 'Điều chỉnh sau khi đối chiếu số liệu' },
  withdrawScore: { reason: 'Nhập nhầm tiêu chí' },
  fileDispute: {
    entryId: DEMO.whatIf.entryId,
    reason: 'Đề nghị Cụm xem xét lại điểm đã điều chỉnh',
    proposedPoints: 45,
  },
  resolveDispute: { outcome: 'rejected', reason: 'Không có căn cứ điều chỉnh' },
  openElection: { role: 'vice-chair', candidates: ['cuc-qlxnc', 'bo-tu-lenh-canh-ve'] },
  castBallot: { voterUnitId: 'cuc-qlxnc', candidateUnitId: 'bo-tu-lenh-canh-ve' },
  issueAwardDecision: {
    number: '2468/QĐ-BCA',
    date: '2023-12-20',
    authority: 'bo-truong-bca',
    awards: [
      {
        code: 'bang-khen-bo-truong-bca',
        recipient: { kind: 'collective', unitId: 'cuc-tccb' },
        year: 2023,
        citation: 'Đã có thành tích xuất sắc trong phong trào thi đua “Vì an ninh Tổ quốc” năm 2023',
      },
    ],
  },
  revokeAward: { reason: 'Hồ sơ đề nghị khen thưởng không trung thực', decisionRef: '55/QĐ-BCA' },
} as const;
