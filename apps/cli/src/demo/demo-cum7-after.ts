import { DEMO_ADMIN, organizerOf } from './demo-actors.js';
import type { DemoAwardDecision } from './demo-awards.js';
import { MINH_HOA } from './demo-calendar.js';
import type { DemoSession } from './demo-session.js';

/** The unit the demo's Cờ thi đua goes to: the unit that presided the tổng kết (seed 000 names no flag). */
export const CUM7_FLAG_UNIT = 'cuc-ctd-ctct';
/** The person the demo erases: an individual Bằng khen of Cụm 7 (neither a title holder nor a Giấy khen). */
export const CUM7_ERASED_PERSON = 'cb-cum7-200';

/**
 * What the seeds do not give for Cụm 7 / 2023 but an inspector should be able to click through, all marked
 * "minh họa (demo)": a Cờ thi đua của Bộ Công an with its basis, the revocation of one collective Giấy khen
 * with its legal ground, and one person erased ("đã xoá"). The flag and the revocation leave the recorded
 * total at 836 (217 tập thể, 619 cá nhân): one collective Giấy khen fewer, one flag more.
 */
export async function cum7Illustrations(
  s: DemoSession,
  decisions: ReadonlyArray<DemoAwardDecision>,
  decisionIds: ReadonlyArray<string>,
): Promise<{ flagAwardId: string; revokedAwardId: string }> {
  const organizer = organizerOf('bo-cong-an');
  const step = (name: string) => `bca-cum-7:2023:${name}`;
  // The Ministry's flag quota of 2023: one per cluster. Cụm 7's 2023 was sealed without a ranking (seed 000
  // gives no scores), so the flag rests on the organizer's reasoned override — stored with its basis.
  await s.command(step('flag-quota'), organizer, 'PUT', '/organizers/bo-cong-an/years/2023/flag-quota', {
    code: 'co-thi-dua-bo-cong-an',
    rule: { kind: 'per-cluster', count: 1 },
    reason: `Chỉ tiêu Cờ thi đua năm 2023: một cờ mỗi Cụm – ${MINH_HOA}`,
    effectiveDate: '2023-12-01',
  });
  const flag = await s.command(step('award:co-thi-dua'), organizer, 'POST', '/award-decisions', {
    number: `3301/QĐ-BCA (${MINH_HOA})`,
    date: '2023-12-15',
    authority: 'bo-truong-bca',
    awards: [
      {
        code: 'co-thi-dua-bo-cong-an',
        recipient: { kind: 'collective', unitId: CUM7_FLAG_UNIT },
        year: 2023,
        citation: `Đơn vị dẫn đầu phong trào thi đua Cụm thi đua số 7 năm 2023 – ${MINH_HOA}`,
        override: {
          reason: `Năm 2023 của Cụm được niêm phong không xếp hạng (nguồn tin không nêu điểm); cơ quan tổ chức tặng cờ theo kết quả bình xét tại hội nghị tổng kết – ${MINH_HOA}`,
        },
        adHoc: { reason: `Nguồn tin (seed 000) không nêu cờ thi đua của Cụm: cờ minh họa – ${MINH_HOA}` },
      },
    ],
  });
  // One collective Giấy khen revoked, on a later finding (Law 2022 ch. VII), by the unit head who gave it.
  const at = decisions.findIndex((d) =>
    d.body.awards.some((a) => a.code === 'giay-khen' && a.recipient.kind === 'collective'),
  );
  const n = decisions[at]!.body.awards.findIndex(
    (a) => a.code === 'giay-khen' && a.recipient.kind === 'collective',
  );
  const revokedAwardId = `${decisionIds[at]!}-${n + 1}`;
  await s.command(step('revoke:giay-khen'), organizer, 'POST', `/awards/${revokedAwardId}/revocation`, {
    reason: `Kiểm tra sau khen thưởng phát hiện tập thể không đạt tiêu chuẩn – ${MINH_HOA}`,
    decisionRef: `15/QĐ-TTĐV (${MINH_HOA})`,
    ground: 'later-violation-finding',
    authority: decisions[at]!.body.authority,
    recovery: { insignia: true, moneyVnd: 0 },
    effectiveDate: '2024-03-01',
  });
  // A person erased at their request: the key goes, "đã xoá" is shown, the award still counts.
  await s.command(
    `person:${CUM7_ERASED_PERSON}:erasure`,
    DEMO_ADMIN,
    'POST',
    `/people/${CUM7_ERASED_PERSON}/erasure`,
    {
      requestRef: `Đơn đề nghị xoá dữ liệu cá nhân – ${MINH_HOA}`,
    },
  );
  return { flagAwardId: (flag.awardIds as string[])[0]!, revokedAwardId };
}
