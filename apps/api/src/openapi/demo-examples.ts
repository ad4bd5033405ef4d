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
  recordFinding: 'vi-du-ket-luan-h1-2021',
  holdConference: 'vi-du-so-ket-6-thang-2021',
  issuePlan: 'vi-du-ke-hoach-6-thang-cuoi-2021',
  fileComplaint: 'vi-du-khieu-nai-diem-ha-tinh-q2-2021',
  fileDecisionComplaint: 'vi-du-khieu-nai-bang-khen-2023',
  openDisciplineCase: 'vi-du-ky-luat-can-bo',
  fileProposal: 'vi-du-to-trinh-bang-khen-2023',
  recordProposalComment: 'vi-du-gop-y-to-trinh-2023',
  holdCouncilMeeting: 'vi-du-hop-hoi-dong-2023',
  recordTitleReview: 'vi-du-binh-xet-co-thi-dua-2021',
} as const;

const createdBy = (unitId: string, key: string, kind: string): string =>
  entityIdOf(DEMO_ACTORS.officer(unitId), key, kind);
const createdByOrganizer = (unitId: string, key: string, kind: string): string =>
  entityIdOf(DEMO_ACTORS.organizer(unitId), key, kind);

/**
 * The Idempotency-Key prefix of the CLI's demo load (DEMO_KEY_PREFIX in apps/cli/src/demo/demo-session.ts;
 * test/demo.e2e.spec.ts checks they agree): ids the load created are derived from it and the step name.
 */
export const DEMO_LOAD_KEY_PREFIX = 'demo-v3';
const loaded = (actorSub: string, step: string, kind: string): string =>
  entityIdOf(actorSub, `${DEMO_LOAD_KEY_PREFIX}:${step}`, kind);

/** The award decision the demo issued for the Bằng khen of the Minister (Cụm 7, 2023). */
const CUM7_BANG_KHEN_DECISION = loaded(
  DEMO_ACTORS.organizer('bo-cong-an'),
  'bca-cum-7:2023:award:bang-khen-bo-truong',
  'award-decision',
);

export const DEMO = {
  organizerId: 'bo-cong-an',
  clusterId: 'bca-cum-2',
  year: 2021,
  /** Quý II of Cụm 2 / 2021: scored, corrected, closed. */
  period: 'Q2',
  unitId: 'cuc-ktnv',
  /** The position just before Cục Quản lý xuất nhập cảnh corrected its Quý II score. */
  asOf: '270',
  /** That correction undone: its entry and the points it had before. */
  whatIf: {
    entryId: loaded(
      DEMO_ACTORS.officer('cuc-qlxnc'),
      'bca-cum-2:2021:Q2:score:self:cuc-qlxnc:chuyen-mon',
      'score-entry',
    ),
    points: 45,
  },
  totals: { year: 2023, cluster: 'bca-cum-7' },
  /** The awards list (GET /totals/{y}/awards): a sub-collective of Cụm 7 / 2023, and a title of 6 people there. */
  awardList: { unit: 'cuc-tccb-phong-01', code: 'chien-si-thi-dua-toan-luc-luong-cand' },
  streamId: 'emulation-bca-cum-2-2021',
  /** An award of a Cụm 7 / 2023 decision (Bằng khen of the Minister). */
  awardId: `${CUM7_BANG_KHEN_DECISION}-1`,
  /** That award's decision (complaints about a decision name it). */
  decisionId: CUM7_BANG_KHEN_DECISION,
  /** Hà Tĩnh's Cụm 4, Quý II/2021 (seed 004): the complaint examples are about its scores. */
  htClusterId: 'ht-cum-4',
  /** Phòng Tham mưu's self score of Quý II/2021, criterion chuyen-mon, as the demo recorded it. */
  htEntryId: loaded(
    DEMO_ACTORS.officer('ht-phong-tham-muu'),
    'ht-cum-4:2021:Q2:score:self:ht-phong-tham-muu:chuyen-mon',
    'score-entry',
  ),
  /** A year the demo records no emulation window for: the window example records it. */
  windowYear: 2025,
  /** The person the discipline examples are about (a person id: issue 12's registry will reuse it). */
  disciplinedPerson: 'can-bo-vi-du-001',
  /** A person the demo registered (Cụm 7 / 2023: Chiến sĩ thi đua toàn quốc, on prior titles; issue 12). */
  personId: 'cb-cum7-009',
  /** The person the people examples register, transfer and finally erase. */
  newPersonId: 'can-bo-vi-du-002',
  /** A year the demo records no registration deadline for: the deadline example records it. */
  registrationYear: 2025,
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
  /** The finding the finding example records (the organizer, on Cục Ngoại tuyến in H1/2021). */
  findingId: createdByOrganizer('bo-cong-an', DEMO_KEYS.recordFinding, 'finding'),
  /** The complaint the complaint example files (Phòng Tham mưu of Hà Tĩnh, about its Quý II score). */
  complaintId: createdBy('ht-phong-tham-muu', DEMO_KEYS.fileComplaint, 'complaint'),
  /** The complaint the decision-complaint example files (Cục Tổ chức cán bộ, about the Bằng khen decision). */
  decisionComplaintId: createdBy('cuc-tccb', DEMO_KEYS.fileDecisionComplaint, 'complaint'),
  /** The discipline case the example opens (recorded by the Ministry's emulation office). */
  caseId: createdByOrganizer('bo-cong-an', DEMO_KEYS.openDisciplineCase, 'discipline-case'),
  /** Cụm 2's tổng kết of 19/11/2021 as the demo recorded it (by the chair unit, Cục An ninh mạng). */
  tongKetConferenceId: loaded(
    DEMO_ACTORS.officer('cuc-anm'),
    'bca-cum-2:2021:conference:tong-ket',
    'conference',
  ),
  /**
   * The proposal the demo's Cụm 7 / 2023 Bằng khen decision carries out (submitted by the demo's administrator,
   * the Ministry's office: submitted, published, voted on by the council, forwarded).
   */
  loadedProposalId: loaded('demo-admin', 'proposal:bca-cum-7:2023:bang-khen-bo-truong:submit', 'proposal'),
  /** The proposal the proposal example submits (Cục Tổ chức cán bộ, for the Minister's Bằng khen 2023). */
  proposalId: createdBy('cuc-tccb', DEMO_KEYS.fileProposal, 'proposal'),
  /** The council meeting the example records on it (the Ministry's emulation office). */
  councilMeetingId: createdByOrganizer('bo-cong-an', DEMO_KEYS.holdCouncilMeeting, 'council-meeting'),
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
  admitMember: { unitId: DEMO.newUnitId, effectiveDate: '2021-06-01' },
  withdrawMember: { reason: 'Điều chỉnh cụm thi đua', effectiveDate: '2021-06-15' },
  assignChair: {
    unitId: 'cuc-ngoai-tuyen',
    role: 'vice-chair',
    source: 'organizer',
    effectiveDate: '2021-01-04',
  },
  setChairPolicy: { forbidConsecutiveTerms: true, effectiveDate: '2021-01-04' },
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
    knockOuts: [
      {
        code: 'su-co-nghiem-trong',
        label: 'Để xảy ra sự cố nghiêm trọng',
        effect: 'cap-classification',
        capTo: 'dat',
      },
    ],
    reason: 'Điều chỉnh thang điểm 6 tháng đầu năm',
    effectiveDate: '2021-06-01',
  },
  setPledgeRules: { keyTasks: 3, titleRequired: true, effectiveDate: '2021-01-15' },
  signPledge: {
    unitId: DEMO.unitId,
    titles: ['co-thi-dua-bo-cong-an'],
    targets: [{ text: 'Hoàn thành 100% chỉ tiêu công tác năm 2021 Bộ Công an giao', count: 100 }],
    keyTasks: [
      'Bảo đảm kỹ thuật nghiệp vụ cho các chuyên án trọng điểm',
      'Chuyển đổi số trong công tác kỹ thuật nghiệp vụ',
      'Xây dựng lực lượng trong sạch, vững mạnh',
    ],
    effectiveDate: '2021-01-20',
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
    effectiveDate: '2021-07-06',
  },
  openPeriod: { effectiveDate: '2021-01-04' },
  assignInspection: {
    period: DEMO.openablePeriod,
    inspectedUnitId: 'cuc-anm',
    inspectorUnitId: 'cuc-qlxnc',
    reason: 'Kiểm tra chéo đơn vị Cụm trưởng',
    effectiveDate: '2021-05-10',
  },
  recordFinding: {
    unitId: 'cuc-ngoai-tuyen',
    period: DEMO.openablePeriod,
    knockOut: 'su-co-nghiem-trong',
    evidence: 'Kết luận kiểm tra số 12/KL ngày 20/5/2021',
    effectiveDate: '2021-05-20',
  },
  clearFinding: { reason: 'Kết luận đã được thu hồi sau khi xác minh lại', effectiveDate: '2021-06-10' },
  closePeriod: {
    effectiveDate: '2021-07-05',
    acceptIncomplete: { reason: '6 tháng đầu năm các đơn vị chưa chấm đủ tiêu chí' },
  },
  holdConference: {
    kind: 'sơ kết',
    date: '2021-07-05',
    place: 'Hà Nội',
    presidingUnitId: 'cuc-anm',
    minutes: {
      reference: 'Biên bản hội nghị sơ kết 6 tháng đầu năm 2021',
      sha256: '5d41402abc4b2a76b9719d911017c592aaf6c2b7e5d0c4b0f4f9c9d84e3f1a2b',
    },
  },
  issuePlan: {
    title: 'Kế hoạch thi đua 6 tháng cuối năm 2021',
    reference: '25/KH-C2',
    effectiveDate: '2021-07-06',
  },
  reopenPeriod: { reason: 'Rà soát lại kết quả chấm điểm 6 tháng', effectiveDate: '2021-07-06' },
  recordScore: {
    unitId: DEMO.unitId,
    period: DEMO.openablePeriod,
    criterion: 'chuyen-mon',
    points: 45.5,
    assessment: 'self',
    evidence: 'Báo cáo sơ kết 6 tháng đầu năm 2021',
    effectiveDate: '2021-06-28',
  },
  correctScore: { points: 44, reason: 'Điều chỉnh sau khi đối chiếu số liệu', effectiveDate: '2021-06-29' },
  withdrawScore: { reason: 'Nhập nhầm tiêu chí', effectiveDate: '2021-06-30' },
  fileDispute: {
    entryId: DEMO.whatIf.entryId,
    reason: 'Đề nghị Cụm xem xét lại điểm đã điều chỉnh',
    proposedPoints: 45,
    effectiveDate: '2021-07-10',
  },
  resolveDispute: { outcome: 'rejected', reason: 'Không có căn cứ điều chỉnh', effectiveDate: '2021-07-20' },
  openElection: {
    role: 'vice-chair',
    candidates: ['cuc-qlxnc', 'bo-tu-lenh-canh-ve'],
    effectiveDate: '2021-11-19',
  },
  castBallot: {
    voterUnitId: 'cuc-qlxnc',
    candidateUnitId: 'bo-tu-lenh-canh-ve',
    effectiveDate: '2021-11-19',
  },
  closeElection: { effectiveDate: '2021-11-19' },
  recordTitleReview: {
    conferenceId: DEMO.tongKetConferenceId,
    code: 'co-thi-dua-bo-cong-an',
    seats: 1,
    secret: true,
    candidates: ['cuc-ktnv', 'cuc-qlxnc'],
    voters: ['cuc-anm', 'cuc-ktnv', 'cuc-ngoai-tuyen', 'cuc-qlxnc', 'bo-tu-lenh-canh-ve'],
    tally: [
      { unitId: 'cuc-ktnv', votes: 4 },
      { unitId: 'cuc-qlxnc', votes: 1 },
    ],
    reasons: {
      'cuc-ktnv': 'Hội nghị suy tôn đơn vị dẫn đầu phong trào (minh họa (demo))',
      'cuc-qlxnc': 'Hội nghị suy tôn (minh họa (demo))',
    },
    effectiveDate: '2021-11-19',
  },
  fileProposal: {
    proposerUnitId: 'cuc-tccb',
    authority: 'bo-truong-bca',
    items: [
      {
        code: 'bang-khen-bo-truong-bca',
        recipient: { kind: 'collective', unitId: 'cuc-tccb' },
        year: 2023,
        achievement: 'Hoàn thành xuất sắc nhiệm vụ năm 2023 (minh họa (demo))',
      },
    ],
    documents: [
      {
        kind: 'tờ trình',
        reference: '118/TTr-X01 (minh họa (demo))',
        sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      },
    ],
    effectiveDate: '2023-12-01',
  },
  publishProposal: {
    from: '2023-12-04',
    to: '2023-12-08',
    where: 'Cổng thông tin điện tử Bộ Công an (minh họa (demo))',
  },
  recordProposalComment: {
    content: 'Nhất trí đề nghị (minh họa (demo))',
    fromUnitId: 'cuc-anm',
    effectiveDate: '2023-12-05',
  },
  holdCouncilMeeting: {
    members: ['hd-bca-01', 'hd-bca-02', 'hd-bca-03', 'hd-bca-04', 'hd-bca-05'],
    present: ['hd-bca-01', 'hd-bca-02', 'hd-bca-03', 'hd-bca-04', 'hd-bca-05'],
    minutes: {
      reference: 'Biên bản họp Hội đồng Thi đua – Khen thưởng (minh họa (demo))',
      sha256: '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752',
    },
    effectiveDate: '2023-12-11',
  },
  recordCouncilVote: {
    meetingId: DEMO.councilMeetingId,
    itemId: `${DEMO.proposalId}-1`,
    yes: 5,
    no: 0,
    secret: false,
    effectiveDate: '2023-12-11',
  },
  decideProposalOutcome: {
    outcome: 'forwarded',
    reference: '45/TTr-X01 (minh họa (demo))',
    effectiveDate: '2023-12-12',
  },
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
        proposalItem: { proposalId: DEMO.proposalId, itemId: `${DEMO.proposalId}-1` },
      },
    ],
  },
  recordFlagBasisConfirmation: {
    reason: 'Giữ nguyên theo kết quả bình xét của Hội nghị tổng kết (minh họa (demo))',
  },
  revokeAward: {
    reason: 'Hồ sơ đề nghị khen thưởng không trung thực',
    decisionRef: '55/QĐ-BCA',
    ground: 'false-declaration',
    authority: 'bo-truong-bca',
    recovery: { insignia: true, moneyVnd: 1490000 },
  },
  setRegistrationDeadline: { deadline: '2025-03-25', effectiveDate: '2025-01-06' },
  registerPerson: {
    personId: 'can-bo-vi-du-002',
    unitId: 'cuc-tccb',
    fullName: 'Cán bộ ví dụ 002 (minh họa)',
    rankTitle: 'Trung tá',
    effectiveDate: '2025-01-02',
  },
  registerTitle: {
    year: 2025,
    code: 'chien-si-thi-dua-co-so',
    organizerUnitId: 'bo-cong-an',
    effectiveDate: '2025-03-20',
  },
  recordPriorTitle: { code: 'chien-si-thi-dua-co-so', year: 2024, decisionRef: '95/QĐ-X03 (minh họa)' },
  transferPerson: {
    toUnitId: 'cuc-dao-tao',
    reason: 'Điều động theo quyết định (minh họa)',
    effectiveDate: '2025-06-01',
  },
  erasePerson: { requestRef: 'YC-12/2025 (minh họa)' },
  recordClusterFigures: {
    total: 12,
    collective: 5,
    individual: 7,
    source: { reference: 'Báo cáo tổng kết năm 2021 của Cụm thi đua số 2 (minh họa)' },
    effectiveDate: '2021-11-19',
  },
  recordOrganizerFigures: {
    total: 1200,
    source: { reference: 'Báo cáo tổng kết công tác thi đua năm 2023 của Bộ Công an (minh họa)' },
    effectiveDate: '2023-12-10',
  },
  formBloc: {
    blocId: 'bca-khoi-vi-du',
    organizerUnitId: DEMO.organizerId,
    name: 'Khối các đơn vị mới thành lập',
  },
  setFlagQuota: {
    code: 'co-thi-dua-bo-cong-an',
    rule: { kind: 'per-cluster', count: 1 },
    effectiveDate: '2024-12-01',
  },
  setEmulationWindow: {
    opensOn: '2024-12-01',
    closesOn: '2025-11-30',
    reviewsFrom: { Q4: '2025-11-15', Y: '2025-11-15' },
    reason: 'Thời gian tính thi đua năm 2025 theo hướng dẫn của Bộ',
  },
  fileComplaint: {
    target: { kind: 'score-entry', entryId: DEMO.htEntryId },
    filer: { kind: 'unit', unitId: 'ht-phong-tham-muu' },
    content: 'Đề nghị xem xét lại điểm tiêu chí chuyên môn Quý II/2021',
    receivedOn: '2021-08-20',
  },
  resolveComplaint: {
    outcome: 'rejected',
    reason: 'Điểm chấm đúng thang điểm đã ban hành',
    decisionRef: '31/QĐ-CAT',
    effectiveDate: '2021-09-10',
  },
  escalateComplaint: { reason: 'Không đồng ý với quyết định giải quyết lần đầu', receivedOn: '2021-09-20' },
  fileDecisionComplaint: {
    filer: { kind: 'unit', unitId: 'cuc-tccb' },
    content: 'Đề nghị xem xét lại danh sách tập thể được tặng Bằng khen',
    receivedOn: '2023-12-01',
  },
  resolveDecisionComplaint: {
    outcome: 'rejected',
    reason: 'Danh sách đúng kết quả bình xét của Hội đồng',
    decisionRef: '9012/QĐ-BCA',
    effectiveDate: '2023-12-15',
  },
  escalateDecisionComplaint: {
    reason: 'Không đồng ý với quyết định giải quyết lần đầu',
    receivedOn: '2023-12-20',
  },
  openDisciplineCase: {
    note: 'Vi phạm điều lệnh Công an nhân dân, đang xem xét',
    effectiveDate: '2026-11-02',
  },
  decideDisciplineCase: {
    form: 'Khiển trách',
    decisionRef: '77/QĐ-X01',
    runsUntil: '2027-05-20',
    effectiveDate: '2026-11-20',
  },
  clearDisciplineCase: { reason: 'Xóa kỷ luật trước thời hạn theo quyết định', effectiveDate: '2026-11-30' },
} as const;
