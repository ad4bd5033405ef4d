import type { CouncilThreshold } from '../events/proposal.events.js';

/**
 * What the procedure asks of a proposed title or award, as catalog data beside the award catalog (an
 * administrator's corrected list can replace it, like the catalog):
 * - `council`: how the council approves it. NĐ 91/2017/NĐ-CP art. 45.8 (carried into TT 12/2019/TT-BCA):
 *   Chiến sĩ thi đua cấp Bộ (toàn lực lượng CAND) and toàn quốc need at least 90 % of all council members,
 *   by secret ballot. Any other item: more than half of all members (decided here; the texts found give no
 *   general threshold).
 * - `publicNoticeWorkingDays`: NĐ 98/2023/NĐ-CP art. 46.2 — orders and state honorary titles (and the
 *   state-level titles conferred by the Prime Minister) are published for at least 10 working days.
 */
export interface ProposalRule {
  council: CouncilThreshold;
  secretBallot: boolean;
  publicNoticeWorkingDays: number;
}

const NINETY: CouncilThreshold = { kind: 'at-least-percent', percent: 90 };
const MAJORITY: CouncilThreshold = { kind: 'majority' };

export const PROPOSAL_RULES: Readonly<Record<string, Partial<ProposalRule>>> = {
  'chien-si-thi-dua-toan-luc-luong-cand': { council: NINETY, secretBallot: true },
  'chien-si-thi-dua-toan-quoc': { council: NINETY, secretBallot: true, publicNoticeWorkingDays: 10 },
  'co-thi-dua-chinh-phu': { publicNoticeWorkingDays: 10 },
  'huan-chuong-bao-ve-to-quoc-hang-nhat': { publicNoticeWorkingDays: 10 },
  'huan-chuong-bao-ve-to-quoc-hang-nhi': { publicNoticeWorkingDays: 10 },
  'huan-chuong-bao-ve-to-quoc-hang-ba': { publicNoticeWorkingDays: 10 },
};

export function proposalRuleOf(
  code: string,
  rules: Readonly<Record<string, Partial<ProposalRule>>> = PROPOSAL_RULES,
): ProposalRule {
  const r = rules[code] ?? {};
  return {
    council: r.council ?? MAJORITY,
    secretBallot: r.secretBallot ?? false,
    publicNoticeWorkingDays: r.publicNoticeWorkingDays ?? 0,
  };
}

/** Approved: yes of ALL members (absent ones count as not approving) reaches the threshold. */
export function councilApproves(threshold: CouncilThreshold, yes: number, members: number): boolean {
  return threshold.kind === 'majority' ? yes * 2 > members : yes * 100 >= threshold.percent * members;
}
