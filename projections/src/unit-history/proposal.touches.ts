/** Unit-history touches of proposals (issue 12, part B): the proposer's dossier and the units it proposes. */
import {
  findAward,
  type CouncilMeetingHeldData,
  type CouncilVoteRecordedData,
  type ProposalCommentReceivedData,
  type ProposalForwardedData,
  type ProposalItemClaimedData,
  type ProposalItemClaimReleasedData,
  type ProposalPublishedData,
  type ProposalReturnedData,
  type ProposalSubmittedData,
} from '@thidua/domain';
import type { Lookups } from './lookups.js';
import { HISTORY_PROPOSALS, type HistoryProposalDoc, type Touch } from './unit-history.documents.js';
import { formatDate } from './vietnamese.js';

export const PROPOSAL_TYPES = [
  'ProposalSubmitted',
  'ProposalPublished',
  'ProposalCommentReceived',
  'CouncilMeetingHeld',
  'CouncilVoteRecorded',
  'ProposalForwarded',
  'ProposalReturned',
  'ProposalItemClaimed',
  'ProposalItemClaimReleased',
] as const;

const awardName = (code: string): string => findAward(code)?.name ?? code;

export async function proposalTouches(
  type: string,
  d: never,
  work: Lookups,
  proposalId: string,
): Promise<Touch[]> {
  const refs = { proposalId };
  if (type === 'ProposalSubmitted') {
    const e = d as ProposalSubmittedData;
    const doc: HistoryProposalDoc = {
      proposerUnitId: e.proposerUnitId,
      items: Object.fromEntries(e.items.map((i) => [i.itemId, { code: i.code, unitId: i.recipient.unitId }])),
      position: 0,
    };
    await work.get(HISTORY_PROPOSALS, proposalId);
    work.put(HISTORY_PROPOSALS, proposalId, doc);
    return [
      {
        unitId: e.proposerUnitId,
        summary: `Trình đề nghị khen thưởng (${e.items.length} mục) lên ${e.authority}`,
        refs,
      },
      ...e.items.map((i) => ({
        unitId: i.recipient.unitId,
        summary: `Được đề nghị ${awardName(i.code)} năm ${i.year}${i.recipient.kind === 'individual' ? ' (cá nhân)' : ''}`,
        refs,
      })),
    ];
  }
  const proposal = await work.peek<HistoryProposalDoc>(HISTORY_PROPOSALS, proposalId);
  if (!proposal) throw new Error(`${type} of proposal ${proposalId} before it was submitted`);
  const to = (summary: string): Touch[] => [{ unitId: proposal.proposerUnitId, summary, refs }];
  switch (type) {
    case 'ProposalPublished': {
      const e = d as ProposalPublishedData;
      return to(
        `Công khai danh sách đề nghị từ ${formatDate(e.from)} đến ${formatDate(e.to)} (${e.workingDays} ngày làm việc)`,
      );
    }
    case 'ProposalCommentReceived':
      return to(`Nhận ý kiến góp ý về đề nghị khen thưởng: ${(d as ProposalCommentReceivedData).content}`);
    case 'CouncilMeetingHeld': {
      const e = d as CouncilMeetingHeldData;
      return to(
        `Hội đồng Thi đua – Khen thưởng họp xét đề nghị: ${e.present.length}/${e.members.length} thành viên có mặt`,
      );
    }
    case 'CouncilVoteRecorded': {
      const e = d as CouncilVoteRecordedData;
      const item = proposal.items[e.itemId];
      const rule = e.threshold.kind === 'majority' ? 'quá nửa' : `${e.threshold.percent}%`;
      const summary = `Hội đồng biểu quyết ${item ? awardName(item.code) : e.itemId}: ${e.yes}/${e.members} thành viên đồng ý (cần ${rule} tổng số thành viên) — ${e.approved ? 'đạt' : 'không đạt'}`;
      return [
        { unitId: proposal.proposerUnitId, summary, refs },
        ...(item && item.unitId !== proposal.proposerUnitId ? [{ unitId: item.unitId, summary, refs }] : []),
      ];
    }
    case 'ProposalForwarded': {
      const e = d as ProposalForwardedData;
      return to(
        `Trình cấp có thẩm quyền ${e.approvedItems.length} mục được Hội đồng thông qua (${e.reference})`,
      );
    }
    case 'ProposalReturned':
      return to(`Hồ sơ đề nghị bị trả lại: ${(d as ProposalReturnedData).reason}`);
    case 'ProposalItemClaimed': {
      const e = d as ProposalItemClaimedData;
      const item = proposal.items[e.itemId];
      const summary = `Mục ${e.itemId}${item ? ` (${awardName(item.code)})` : ''} được thực hiện bằng quyết định ${e.decisionId} (khen thưởng ${e.awardId})`;
      return [
        { unitId: proposal.proposerUnitId, summary, refs },
        ...(item && item.unitId !== proposal.proposerUnitId ? [{ unitId: item.unitId, summary, refs }] : []),
      ];
    }
    case 'ProposalItemClaimReleased': {
      const e = d as ProposalItemClaimReleasedData;
      const why = e.cause === 'revoked' ? 'khen thưởng bị thu hồi' : 'quyết định không được ghi nhận';
      return to(`Mục ${e.itemId} không còn được thực hiện bởi khen thưởng ${e.awardId} (${why})`);
    }
    default:
      throw new Error(`unit-history does not handle ${type} in a proposal stream`);
  }
}
