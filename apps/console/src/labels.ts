import type { Schemas } from '@thidua/api-client';

/** Vietnamese labels of the values the API answers. A value without a label is shown as it is. */

export type PeriodCode = Schemas['PeriodCode'];
export type EventType = Schemas['EventType'];

export const PERIODS: PeriodCode[] = ['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'M9', 'Y'];

const PERIOD: Record<PeriodCode, string> = {
  Q1: 'Quý I',
  Q2: 'Quý II',
  Q3: 'Quý III',
  Q4: 'Quý IV',
  H1: '6 tháng đầu năm',
  M9: '9 tháng',
  Y: 'Cả năm',
};
export const periodLabel = (p: string): string => PERIOD[p as PeriodCode] ?? p;

/** Every finality the API may answer; a new one (e.g. integrity-failure) shows with its own name. */
const FINALITY: Record<string, string> = {
  provisional: 'Tạm tính',
  final: 'Chính thức (đã niêm phong)',
  revised: 'Đã điều chỉnh sau niêm phong',
  'not-opened': 'Kỳ chưa mở',
  'integrity-failure': 'Lỗi toàn vẹn dữ liệu',
  disputed: 'Đang có khiếu nại',
};
export const finalityLabel = (f: string): string => FINALITY[f] ?? f;

const STATUS: Record<string, string> = {
  open: 'Đang mở',
  closed: 'Đã khóa sổ',
  reopened: 'Mở lại',
  revised: 'Đã điều chỉnh',
  'not-opened': 'Chưa mở',
  active: 'Đang hoạt động',
  dissolved: 'Đã giải thể',
  merged: 'Đã sáp nhập',
  unknown: 'Không rõ',
};
export const statusLabel = (s: string): string => STATUS[s] ?? s;

const ROLE: Record<string, string> = {
  admin: 'Quản trị hệ thống',
  organizer: 'Cơ quan tổ chức thi đua',
  'unit-officer': 'Cán bộ đơn vị',
  inspector: 'Thanh tra',
  viewer: 'Người xem',
};
export const roleLabel = (r: string): string => ROLE[r] ?? r;

const ASSESSMENT: Record<string, string> = {
  self: 'Đơn vị tự chấm',
  cluster: 'Cụm chấm',
  appraisal: 'Thẩm định',
};
export const assessmentLabel = (a: string): string => ASSESSMENT[a] ?? a;

const KIND: Record<string, string> = { score: 'Chấm điểm', bonus: 'Điểm thưởng', penalty: 'Điểm trừ' };
export const criterionKindLabel = (k: string): string => KIND[k] ?? k;

const CHAIN: Record<string, string> = {
  recorded: 'Ghi điểm',
  corrected: 'Sửa điểm',
  withdrawn: 'Rút điểm',
  'dispute-filed': 'Khiếu nại',
  'dispute-resolved': 'Giải quyết khiếu nại',
};
export const chainLabel = (k: string): string => CHAIN[k] ?? k;

const ENTRY: Record<string, string> = {
  active: 'Hiệu lực',
  withdrawn: 'Đã rút',
  excluded: 'Bị loại (giả định)',
  ignored: 'Không tính',
};
export const entryStatusLabel = (s: string): string => ENTRY[s] ?? s;

const IGNORED: Record<string, string> = {
  'criterion-not-in-scheme': 'tiêu chí không còn trong thang điểm',
  'points-above-max': 'vượt điểm tối đa',
  'unit-not-member': 'đơn vị không còn là thành viên',
};
export const ignoredLabel = (r: string): string => IGNORED[r] ?? r;

/** A knock-out raised on a row (`cappedBy`), and the row's classification to name a cap's threshold by. */
interface Cap {
  effect: string;
  capTo?: string;
}
/** What a knock-out did to a row, in words: capped its classification, or barred it from rank 1. */
export function capEffectLabel(cap: Cap, classification?: { code: string; label: string } | null): string {
  if (cap.effect === 'bar-rank-1') return 'không được xếp hạng nhất';
  if (cap.effect !== 'cap-classification') return cap.effect;
  const to = classification?.code === cap.capTo ? classification?.label : cap.capTo;
  return `xếp loại không quá ${to ?? '—'}`;
}

/** A row missing criteria gets no classification (the API says `unclassified: "chưa đủ điểm"`). */
export const UNCLASSIFIED = 'Chưa đủ điểm';

/** A tie-break of the scheme (`group:…`, `penalty`, `bonus`, `criterion:…`), in words. */
export function tieBreakLabel(t: string, criterionTitle: (code: string) => string = (c) => c): string {
  if (t === 'penalty') return 'điểm trừ ít hơn';
  if (t === 'bonus') return 'điểm thưởng cao hơn';
  if (t.startsWith('group:')) return `tổng điểm nhóm “${t.slice(6)}” cao hơn`;
  if (t.startsWith('criterion:')) return `điểm tiêu chí “${criterionTitle(t.slice(10))}” cao hơn`;
  return t;
}

/** Every event type, in Vietnamese (the compiler checks that none is missing). */
export const EVENT_TYPES: Record<EventType, string> = {
  UnitRegistered: 'Đăng ký đơn vị',
  UnitRenamed: 'Đổi tên đơn vị',
  UnitMerged: 'Sáp nhập đơn vị',
  UnitDissolved: 'Giải thể đơn vị',
  ClusterFormed: 'Thành lập Cụm thi đua',
  ClusterRenamed: 'Đổi tên Cụm thi đua',
  ClusterDissolved: 'Giải thể Cụm thi đua',
  MembershipReserved: 'Ghi sổ thành viên',
  MembershipReleased: 'Xóa khỏi sổ thành viên',
  UnitAdmitted: 'Kết nạp vào Cụm',
  UnitWithdrawn: 'Rút khỏi Cụm',
  ChairAssigned: 'Giao Cụm trưởng, Cụm phó',
  ChairPolicySet: 'Quy định về Cụm trưởng',
  ScoringSchemePublished: 'Ban hành tiêu chí và thang điểm',
  ScoringSchemeAmended: 'Sửa đổi tiêu chí và thang điểm',
  PledgeSigned: 'Ký kết giao ước thi đua',
  PledgeAmended: 'Sửa đổi giao ước thi đua',
  PeriodOpened: 'Mở kỳ chấm điểm',
  PeriodClosed: 'Khóa sổ kỳ (niêm phong)',
  PeriodReopened: 'Mở lại kỳ',
  ScoreRecorded: 'Ghi điểm',
  ScoreCorrected: 'Sửa điểm',
  ScoreWithdrawn: 'Rút điểm',
  DisputeFiled: 'Khiếu nại điểm',
  DisputeResolved: 'Giải quyết khiếu nại',
  ElectionOpened: 'Mở bầu cử',
  BallotCast: 'Bỏ phiếu',
  SecretBallotCast: 'Bỏ phiếu kín',
  ElectionClosed: 'Kết thúc bầu cử',
  ChairElected: 'Bầu Cụm trưởng, Cụm phó',
  InspectionAssigned: 'Phân công kiểm tra chéo',
  FindingRecorded: 'Kết luận (điều kiện loại trừ)',
  FindingCleared: 'Hủy kết luận',
  PledgeRulesSet: 'Quy định về giao ước',
  ConferenceHeld: 'Hội nghị',
  PlanIssued: 'Ban hành kế hoạch',
  ComplaintFiled: 'Khiếu nại',
  ComplaintResolved: 'Quyết định giải quyết khiếu nại',
  ComplaintEscalated: 'Khiếu nại lần hai',
  AwardDecisionIssued: 'Quyết định khen thưởng',
  AwardRevoked: 'Thu hồi khen thưởng',
  AwardDecisionAbandoned: 'Quyết định không được ghi (trả lại các suất đã giữ)',
  EmulationWindowSet: 'Thời gian tính thi đua',
  BlocFormed: 'Thành lập Khối thi đua',
  DisciplineCaseOpened: 'Xem xét kỷ luật',
  DisciplineDecided: 'Quyết định kỷ luật',
  DisciplineCleared: 'Kết thúc xem xét kỷ luật',
  TokenRevoked: 'Thu hồi một mã truy cập',
  SubjectTokensRevoked: 'Thu hồi mọi mã truy cập của một người',
  PersonRegistered: 'Đăng ký cá nhân',
  PersonTransferred: 'Điều động cá nhân',
  PersonErased: 'Xoá dữ liệu cá nhân',
  TitleRegistered: 'Đăng ký danh hiệu',
  PriorTitleRecorded: 'Ghi danh hiệu đã có',
  TitleClaimed: 'Ghi sổ danh hiệu của cá nhân',
  TitleClaimReleased: 'Xoá khỏi sổ danh hiệu của cá nhân',
  RegistrationDeadlineSet: 'Hạn đăng ký danh hiệu',
  ReportedFiguresRecorded: 'Số liệu báo cáo',
  ProposalSubmitted: 'Tờ trình đề nghị khen thưởng',
  ProposalPublished: 'Công khai danh sách đề nghị',
  ProposalCommentReceived: 'Ý kiến góp ý',
  CouncilMeetingHeld: 'Họp Hội đồng Thi đua – Khen thưởng',
  CouncilVoteRecorded: 'Hội đồng biểu quyết',
  ProposalForwarded: 'Trình cấp có thẩm quyền',
  ProposalReturned: 'Trả lại hồ sơ đề nghị',
  FlagQuotaSet: 'Chỉ tiêu Cờ thi đua',
  TitleReviewHeld: 'Bình xét, suy tôn',
  FlagBasisConfirmed: 'Xác nhận giữ Cờ thi đua',
  ProposalItemClaimed: 'Ghi nhận mục đề nghị được thực hiện',
  ProposalItemClaimReleased: 'Trả lại mục đề nghị',
  FlagClaimed: 'Giữ suất Cờ thi đua',
  FlagClaimReleased: 'Trả lại suất Cờ thi đua',
  UnitTitleBaselineRecorded: 'Ghi số danh hiệu đã có của đơn vị',
  UnitTitleClaimed: 'Ghi sổ chỉ tiêu danh hiệu của đơn vị',
  UnitTitleClaimReleased: 'Xoá khỏi sổ chỉ tiêu danh hiệu của đơn vị',
};
export const eventTypeLabel = (t: string): string => EVENT_TYPES[t as EventType] ?? t;
