import { proposalRuleOf } from '@thidua/domain';
import { DEMO_ADMIN, organizerOf } from './demo-actors.js';
import type { DemoActor } from './demo-client.js';
import { MINH_HOA } from './demo-calendar.js';
import type { DemoSession } from './demo-session.js';

/** An award item of a demo decision, as POST /award-decisions takes it. */
export interface ProposedAward {
  code: string;
  recipient:
    { kind: 'collective'; unitId: string } | { kind: 'individual'; personId: string; unitId: string };
  year: number;
  citation: string;
}

/** Where a demo decision's proposal comes from: the proposer, the council's office, and its calendar. */
export interface DemoProposalPlan {
  step: string;
  proposerUnitId: string;
  /** Who records the notice, the council and the outcome (the receiving level's emulation office). */
  office: DemoActor;
  submitted: string;
  notice: { from: string; to: string };
  council: string;
  forwarded: string;
}

/** Five council members (by person id, demo): every vote is unanimous, as the seeds report no vote. */
const COUNCIL = ['hd-minh-hoa-01', 'hd-minh-hoa-02', 'hd-minh-hoa-03', 'hd-minh-hoa-04', 'hd-minh-hoa-05'];
const DIGEST = (n: number) => n.toString(16).padStart(2, '0').repeat(32);

/**
 * The proposal a demo decision carries out: submitted (tờ trình), published for public notice, the council's
 * meeting and its unanimous vote on each item, forwarded. The seeds report only the awards: every value of
 * this path is demo data ("minh họa (demo)"). Answers each award's proposal item, in the order given.
 */
export async function proposeForDecision(
  s: DemoSession,
  plan: DemoProposalPlan,
  authority: string,
  awards: readonly ProposedAward[],
): Promise<Array<{ proposalId: string; itemId: string }>> {
  const step = (what: string) => `proposal:${plan.step}:${what}`;
  const submitted = await s.command(step('submit'), DEMO_ADMIN, 'POST', '/proposals', {
    proposerUnitId: plan.proposerUnitId,
    authority,
    items: awards.map((a) => ({
      code: a.code,
      recipient:
        a.recipient.kind === 'collective'
          ? a.recipient
          : { kind: 'individual', personId: a.recipient.personId, unitId: a.recipient.unitId },
      year: a.year,
      achievement: a.citation,
    })),
    documents: [
      { kind: 'tờ trình', reference: `Tờ trình đề nghị khen thưởng (${MINH_HOA})`, sha256: DIGEST(1) },
      { kind: 'báo cáo thành tích', reference: `Báo cáo thành tích (${MINH_HOA})`, sha256: DIGEST(2) },
    ],
    effectiveDate: plan.submitted,
  });
  const proposalId = submitted.proposalId as string;
  const itemIds = submitted.itemIds as string[];
  const base = `/proposals/${proposalId}`;
  await s.command(step('notice'), plan.office, 'POST', `${base}/public-notice`, {
    ...plan.notice,
    where: `Cổng thông tin điện tử (${MINH_HOA})`,
  });
  const meeting = await s.command(step('council'), plan.office, 'POST', `${base}/council-meetings`, {
    members: COUNCIL,
    present: COUNCIL,
    minutes: { reference: `Biên bản họp Hội đồng Thi đua – Khen thưởng (${MINH_HOA})`, sha256: DIGEST(3) },
    effectiveDate: plan.council,
  });
  for (const [i, itemId] of itemIds.entries())
    await s.command(step(`vote:${i + 1}`), plan.office, 'POST', `${base}/council-votes`, {
      meetingId: meeting.meetingId,
      itemId,
      yes: COUNCIL.length,
      no: 0,
      secret: proposalRuleOf(awards[i]!.code).secretBallot,
      effectiveDate: plan.council,
    });
  await s.command(step('forward'), plan.office, 'POST', `${base}/outcome`, {
    outcome: 'forwarded',
    reference: `Tờ trình lên cấp có thẩm quyền (${MINH_HOA})`,
    effectiveDate: plan.forwarded,
  });
  return itemIds.map((itemId) => ({ proposalId, itemId }));
}

/** The Ministry's emulation office (the organizer Bộ Công an) runs the council of the Ministry's proposals. */
export const MINISTRY_OFFICE = organizerOf('bo-cong-an');
