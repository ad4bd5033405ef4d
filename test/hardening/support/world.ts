import type { TokenClaims } from '../../../apps/api/src/auth/jwt.js';
import { expectOk, type Http } from './http.js';
import { scheme as seedScheme } from '@thidua/domain/testing';

/**
 * A realistic cluster-year written through the command routes, from the seeds: Cụm thi đua số 2 of
 * Bộ Công an in 2021 (seed 003) with its member units and Cục An ninh mạng… as chair unit, and a
 * provincial organizer (Công an tỉnh Hà Tĩnh) that runs a cluster of its own.
 */
export const ORGANIZER = 'bo-cong-an';
/** The organizer's parent unit: the second level of complaints about its clusters. */
export const SUPERIOR = 'chinh-phu';
export const OTHER_ORGANIZER = 'ca-ha-tinh';
export const CLUSTER = 'bca-cum-2';
export const OTHER_CLUSTER = 'ha-tinh-cum-4';
export const YEAR = 2021;
export const YEAR_PATH = `/clusters/${CLUSTER}/years/${YEAR}`;
export const STREAM = `emulation-${CLUSTER}-${YEAR}`;

/** The member units by the part they play in the suites. */
export const UNITS = {
  /** Cụm trưởng (chair unit) of 2021. */
  chair: {
    id: 'cuc-anm',
    name: 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao',
    kind: 'cuc',
  },
  /** "Own unit": the unit whose officer acts for itself. */
  own: { id: 'cuc-ktnv', name: 'Cục Kỹ thuật nghiệp vụ', kind: 'cuc' },
  /** "Other unit": another member, whose officer must not act for `own`. */
  other: { id: 'cuc-ngoai-tuyen', name: 'Cục Ngoại tuyến', kind: 'cuc' },
  fourth: { id: 'cuc-qlxnc', name: 'Cục Quản lý xuất nhập cảnh', kind: 'cuc' },
  fifth: { id: 'bo-tu-lenh-canh-ve', name: 'Bộ Tư lệnh Cảnh vệ', kind: 'bo-tu-lenh' },
} as const;
export const MEMBER_IDS: string[] = Object.values(UNITS).map((u) => u.id);
/** Registered, not a member: admitted by the suites. */
export const SPARE_UNIT = { id: 'cuc-canh-sat-moi-truong', name: 'Cục Cảnh sát môi trường', kind: 'cuc' };

export interface Criterion {
  code: string;
  title: string;
  group: string;
  maxPoints: number;
  kind: 'score' | 'bonus' | 'penalty';
}

/** The criteria of the domain's seed fixtures (one definition of the scheme used across the tests). */
export const BASE_CRITERIA: Criterion[] = seedScheme.criteria.map((c) => ({ ...c }));

/** Knock-out conditions of the suites' scheme (a finding raises one). */
export const KNOCK_OUTS = [
  {
    code: 'su-co-nghiem-trong',
    label: 'Để xảy ra sự cố nghiêm trọng',
    effect: 'cap-classification',
    capTo: 'trung-binh',
  },
  { code: 'ky-luat', label: 'Có cán bộ bị kỷ luật', effect: 'bar-rank-1' },
];

export function scheme(criteria: Criterion[] = BASE_CRITERIA, reason?: string) {
  return {
    criteria,
    thresholds: [
      { code: 'xuat-sac', label: 'Xuất sắc', minTotal: 90 },
      { code: 'tot', label: 'Tốt', minTotal: 75 },
      { code: 'trung-binh', label: 'Trung bình', minTotal: 0 },
    ],
    tieBreaks: ['group:Nghiệp vụ', 'penalty', 'bonus'],
    knockOuts: KNOCK_OUTS,
    ...(reason !== undefined && { reason }),
  };
}

export const pledge = (unitId: string) => ({
  unitId,
  titles: ['co-thi-dua-bo-cong-an'],
  targets: [{ text: 'Hoàn thành vượt mức 77 chỉ tiêu công tác năm 2021 Bộ Công an giao', count: 77 }],
  keyTasks: [
    'Bảo vệ tuyệt đối an toàn các mục tiêu trọng điểm',
    'Đấu tranh phòng, chống tội phạm sử dụng công nghệ cao',
    'Xây dựng lực lượng trong sạch, vững mạnh',
  ],
});

export interface Tokens {
  admin: string;
  /** Organizer of CLUSTER (acts for Bộ Công an). */
  organizer: string;
  /** Organizer of OTHER_CLUSTER only. */
  otherOrganizer: string;
  inspector: string;
  viewer: string;
  /** An officer of the unit (signed on first use). */
  officer(unitId: string): string;
}

export type Sign = (claims: TokenClaims) => Promise<string>;

/** Signs the tokens of every role, and an officer token for each unit given. */
export async function signTokens(sign: Sign, unitIds: string[]): Promise<Tokens> {
  const officers = new Map<string, string>();
  for (const unitId of unitIds) {
    officers.set(unitId, await sign({ sub: `officer-${unitId}`, role: 'unit-officer', unitId }));
  }
  return {
    admin: await sign({ sub: 'admin-1', role: 'admin' }),
    organizer: await sign({ sub: 'to-thi-dua-bca', role: 'organizer', unitId: ORGANIZER }),
    otherOrganizer: await sign({ sub: 'to-thi-dua-ha-tinh', role: 'organizer', unitId: OTHER_ORGANIZER }),
    inspector: await sign({ sub: 'inspector-1', role: 'inspector' }),
    viewer: await sign({ sub: 'viewer-1', role: 'viewer' }),
    officer(unitId: string): string {
      const token = officers.get(unitId);
      if (!token) throw new Error(`no officer token signed for ${unitId}`);
      return token;
    },
  };
}

export interface ClusterYearOptions {
  /** Extra member units `don-vi-1`… (for suites that need many scoring slots). */
  extraMembers?: number;
  /** Extra score criteria `tieu-chi-1`… (max 100 points each). */
  extraCriteria?: number;
  /** Periods opened after the scheme is published (default Q1). */
  openPeriods?: string[];
}

export interface ClusterYear {
  members: string[];
  criteria: Criterion[];
}

/** Unit ids of a cluster-year built with these options (to sign officer tokens beforehand). */
export function memberIds(options: ClusterYearOptions = {}): string[] {
  const extra = Array.from({ length: options.extraMembers ?? 0 }, (_, i) => `don-vi-${i + 1}`);
  return [...MEMBER_IDS, ...extra];
}

/** Every unit a suite may need an officer token for. */
export function allUnitIds(options: ClusterYearOptions = {}): string[] {
  return [...memberIds(options), SPARE_UNIT.id, ORGANIZER, OTHER_ORGANIZER];
}

/**
 * Units, the two organizers' clusters, CLUSTER's members in YEAR, its chair, its scheme and open
 * periods, all through the routes.
 */
export async function buildClusterYear(
  http: Http,
  tokens: Tokens,
  options: ClusterYearOptions = {},
): Promise<ClusterYear> {
  const admin = { token: tokens.admin };
  // Bộ Công an under a superior unit, so that complaints about its clusters have a second level.
  await expectOk(http, 'POST', '/units', {
    ...admin,
    body: { unitId: SUPERIOR, name: 'Chính phủ', kind: 'khac' },
  });
  await expectOk(http, 'POST', '/units', {
    ...admin,
    body: { unitId: ORGANIZER, name: 'Bộ Công an', kind: 'bo', parentUnitId: SUPERIOR },
  });
  await expectOk(http, 'POST', '/units', {
    ...admin,
    body: { unitId: OTHER_ORGANIZER, name: 'Công an tỉnh Hà Tĩnh', kind: 'cong-an-tinh' },
  });
  const extra = memberIds(options).slice(MEMBER_IDS.length);
  const units = [
    ...Object.values(UNITS),
    ...extra.map((id, i) => ({ id, name: `Đơn vị thi đua số ${i + 1}`, kind: 'cuc' })),
    SPARE_UNIT,
  ];
  for (const u of units) {
    await expectOk(http, 'POST', '/units', {
      ...admin,
      body: { unitId: u.id, name: u.name, kind: u.kind, parentUnitId: ORGANIZER },
    });
  }
  await expectOk(http, 'POST', '/clusters', {
    ...admin,
    body: {
      clusterId: CLUSTER,
      organizerUnitId: ORGANIZER,
      number: 2,
      name: 'Khối các đơn vị thuộc Bộ trưởng',
    },
  });
  await expectOk(http, 'POST', '/clusters', {
    ...admin,
    body: { clusterId: OTHER_CLUSTER, organizerUnitId: OTHER_ORGANIZER, number: 4, name: 'Cụm thi đua số 4' },
  });
  const members = memberIds(options);
  const organizer = { token: tokens.organizer };
  for (const unitId of members) {
    await expectOk(http, 'POST', `${YEAR_PATH}/members`, { ...organizer, body: { unitId } });
  }
  await expectOk(http, 'POST', `${YEAR_PATH}/chair`, {
    ...organizer,
    body: { unitId: UNITS.chair.id, role: 'chair', source: 'organizer' },
  });
  const criteria = [
    ...BASE_CRITERIA,
    ...Array.from({ length: options.extraCriteria ?? 0 }, (_, i) => ({
      code: `tieu-chi-${i + 1}`,
      title: `Tiêu chí bổ sung số ${i + 1}`,
      group: 'Nghiệp vụ',
      maxPoints: 100,
      kind: 'score' as const,
    })),
  ];
  await expectOk(http, 'PUT', `${YEAR_PATH}/scheme`, { ...organizer, body: scheme(criteria) });
  for (const period of options.openPeriods ?? ['Q1']) {
    await expectOk(http, 'POST', `${YEAR_PATH}/periods/${period}/open`, organizer);
  }
  return { members, criteria };
}

/** What the bad-input and authorization suites aim their requests at. */
export interface World {
  tokens: Tokens;
  /** ktnv's self entry on chuyen-mon in Q1 (40 points), disputed by DISPUTE. */
  ownSelfEntry: string;
  /** qlxnc's self entry on chuyen-mon in Q1 (38 points), undisputed. */
  fourthSelfEntry: string;
  /** The chair's cluster-assessment entry for ktnv on chuyen-mon in Q1 (41 points). */
  ownClusterEntry: string;
  /** Open dispute of ktnv about ownSelfEntry. */
  disputeId: string;
  /** Open election of the 2022 chair, run by the chair unit; candidates ktnv and ngoai-tuyen. */
  electionId: string;
  /** Award decision (Bằng khen của Bộ trưởng) with one award to ktnv. */
  decisionId: string;
  awardId: string;
  /** A finding raising a knock-out for ngoai-tuyen in Q1. */
  findingId: string;
  /** A discipline case (pending) of the fifth unit. */
  caseId: string;
  /** An open complaint of ktnv on the sealed Q2 ranking. */
  yearComplaintId: string;
  /** An open complaint of ktnv on the award decision. */
  decisionComplaintId: string;
  /** ktnv's proposal (one item: Bằng khen của Bộ trưởng for ktnv, 2021), not yet published, with a council meeting. */
  proposalId: string;
  councilMeetingId: string;
  /** A tổng kết conference of the cluster-year (its Y ranking is not final: title reviews answer 422). */
  tongKetId: string;
}

/**
 * The cluster-year plus everything a command can be aimed at: pledges of the chair and ktnv (not of
 * ngoai-tuyen), Q1 open with entries, Q2 closed, Q3 never opened, an open dispute, an open election and
 * an award decision.
 */
export async function buildWorld(http: Http, tokens: Tokens): Promise<World> {
  await buildClusterYear(http, tokens, { openPeriods: ['Q1', 'Q2'] });
  const organizer = { token: tokens.organizer };
  // The cluster's pledge rules: three key tasks and a registered title (as Cụm 7's, seed 000).
  await expectOk(http, 'PUT', `${YEAR_PATH}/pledge-rules`, {
    ...organizer,
    body: { keyTasks: 3, titleRequired: true },
  });
  await expectOk(http, 'POST', `${YEAR_PATH}/periods/Q2/close`, {
    ...organizer,
    body: { acceptIncomplete: { reason: 'Quý II không chấm điểm (kỳ thử nghiệm)' } },
  });
  for (const unit of [UNITS.chair, UNITS.own]) {
    await expectOk(http, 'POST', `${YEAR_PATH}/pledges`, {
      token: tokens.officer(unit.id),
      body: pledge(unit.id),
    });
  }
  const score = (unitId: string, points: number, assessment: 'self' | 'cluster') => ({
    unitId,
    period: 'Q1',
    criterion: 'chuyen-mon',
    points,
    assessment,
  });
  const ownSelf = await expectOk(http, 'POST', `${YEAR_PATH}/scores`, {
    token: tokens.officer(UNITS.own.id),
    body: score(UNITS.own.id, 40, 'self'),
  });
  const fourthSelf = await expectOk(http, 'POST', `${YEAR_PATH}/scores`, {
    token: tokens.officer(UNITS.fourth.id),
    body: score(UNITS.fourth.id, 38, 'self'),
  });
  const ownCluster = await expectOk(http, 'POST', `${YEAR_PATH}/scores`, {
    token: tokens.officer(UNITS.chair.id),
    body: score(UNITS.own.id, 41, 'cluster'),
  });
  const dispute = await expectOk(http, 'POST', `${YEAR_PATH}/disputes`, {
    token: tokens.officer(UNITS.own.id),
    body: {
      entryId: ownSelf.body.entryId,
      reason: 'Đơn vị đã hoàn thành chuyên án trước hạn',
      proposedPoints: 45,
    },
  });
  const election = await expectOk(http, 'POST', `${YEAR_PATH}/elections`, {
    token: tokens.officer(UNITS.chair.id),
    body: { role: 'chair', candidates: [UNITS.own.id, UNITS.other.id] },
  });
  const decision = await expectOk(http, 'POST', '/award-decisions', {
    token: tokens.admin,
    body: awardDecision(UNITS.own.id),
  });
  const finding = await expectOk(http, 'POST', `${YEAR_PATH}/findings`, {
    ...organizer,
    body: {
      unitId: UNITS.other.id,
      period: 'Q1',
      knockOut: 'ky-luat',
      evidence: 'Quyết định kỷ luật số 7/QĐ',
    },
  });
  const disciplineCase = await expectOk(http, 'POST', `/discipline/unit/${UNITS.fifth.id}/cases`, {
    ...organizer,
    body: { note: 'Đơn vị để xảy ra vi phạm quy trình' },
  });
  const own = { token: tokens.officer(UNITS.own.id) };
  const yearComplaint = await expectOk(http, 'POST', `${YEAR_PATH}/complaints`, {
    ...own,
    body: complaint({ target: { kind: 'ranking', period: 'Q2' } }),
  });
  const decisionComplaint = await expectOk(
    http,
    'POST',
    `/award-decisions/${decision.body.decisionId}/complaints`,
    {
      ...own,
      body: complaint({ receivedOn: DECISION_COMPLAINT_RECEIVED }),
    },
  );

  const proposal = await expectOk(http, 'POST', '/proposals', { ...own, body: proposalBody(UNITS.own.id) });
  const councilMeeting = await expectOk(
    http,
    'POST',
    `/proposals/${proposal.body.proposalId}/council-meetings`,
    { ...organizer, body: councilMeetingBody() },
  );

  const tongKet = await expectOk(http, 'POST', `${YEAR_PATH}/conferences`, {
    ...organizer,
    body: {
      kind: 'tổng kết',
      date: '2021-11-19',
      place: 'Hà Nội',
      presidingUnitId: UNITS.chair.id,
      minutes: { reference: 'Biên bản tổng kết', sha256: 'e'.repeat(64) },
    },
  });

  return {
    tokens,
    tongKetId: tongKet.body.conferenceId,
    proposalId: proposal.body.proposalId,
    councilMeetingId: councilMeeting.body.meetingId,
    ownSelfEntry: ownSelf.body.entryId,
    fourthSelfEntry: fourthSelf.body.entryId,
    ownClusterEntry: ownCluster.body.entryId,
    disputeId: dispute.body.disputeId,
    electionId: election.body.electionId,
    decisionId: decision.body.decisionId,
    awardId: decision.body.awardIds[0],
    findingId: finding.body.findingId,
    caseId: disciplineCase.body.caseId,
    yearComplaintId: yearComplaint.body.complaintId,
    decisionComplaintId: decisionComplaint.body.complaintId,
  };
}

/** A unit's proposal (tờ trình) of the Minister's Bằng khen for itself, 2021. */
export const proposalBody = (unitId: string) => ({
  proposerUnitId: unitId,
  authority: 'bo-truong-bca',
  items: [
    {
      code: 'bang-khen-bo-truong-bca',
      recipient: { kind: 'collective', unitId },
      year: 2021,
      achievement: 'Hoàn thành xuất sắc nhiệm vụ năm 2021',
    },
  ],
  documents: [{ kind: 'tờ trình', reference: '7/TTr', sha256: 'c'.repeat(64) }],
  effectiveDate: '2021-12-01',
});

/** A council meeting of five members, all present. */
export const councilMeetingBody = () => ({
  members: ['hd-1', 'hd-2', 'hd-3', 'hd-4', 'hd-5'],
  present: ['hd-1', 'hd-2', 'hd-3', 'hd-4', 'hd-5'],
  minutes: { reference: 'BB-HĐ', sha256: 'd'.repeat(64) },
  effectiveDate: '2021-12-10',
});

/** A complaint of ktnv (khiếu nại), with whatever else the route needs (a target). */
export const complaint = (extra: Record<string, unknown> = {}) => ({
  filer: { kind: 'unit', unitId: UNITS.own.id },
  content: 'Đơn vị không đồng ý với kết quả, đề nghị xem xét lại',
  ...extra,
});

/** Complaints about the decision of 20/12/2021 are received within its 90 days. */
export const DECISION_COMPLAINT_RECEIVED = '2022-01-10';

/** A decision of the Minister: Bằng khen to a unit for 2021. */
export const awardDecision = (unitId: string) => ({
  number: '1234/QĐ-BCA',
  date: '2021-12-20',
  authority: 'bo-truong-bca',
  awards: [
    {
      code: 'bang-khen-bo-truong-bca',
      recipient: { kind: 'collective', unitId },
      year: 2021,
      citation: 'Đã có thành tích xuất sắc trong phong trào thi đua "Vì an ninh Tổ quốc" năm 2021',
      adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
    },
  ],
});

/** A title review at the world's tổng kết: two candidates, the five members' receipts, a secret tally. */
export const titleReviewBody = (conferenceId: string) => ({
  conferenceId,
  code: 'co-thi-dua-bo-cong-an',
  seats: 1,
  secret: true,
  candidates: [UNITS.own.id, UNITS.other.id],
  voters: [UNITS.own.id, UNITS.other.id],
  tally: [
    { unitId: UNITS.own.id, votes: 2 },
    { unitId: UNITS.other.id, votes: 0 },
  ],
});
