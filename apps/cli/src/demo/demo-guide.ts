import type { DemoSectionReport } from './demo-session.js';
import type { DemoLoadReport } from './load-demo.js';

export interface DemoGuideInput {
  baseUrl: string;
  dataDir: string;
  tokens: { inspector: string; viewer: string; admin: string };
  tokenTtl: string;
  report: DemoLoadReport;
}

/** One line for a part of the load. */
export function describeSection(s: DemoSectionReport): string {
  return `  ${s.title}: ${s.commands} lệnh (${s.recorded} ghi mới, ${s.replayed} đã có từ lần nạp trước)\n`;
}

/** What the run recorded: new commands, or nothing (the log already held the demo). */
export function describeOutcome(report: DemoLoadReport): string {
  return report.recorded === 0
    ? `Nothing new: the log already held the demo; all ${report.commands} commands were answered from it (Idempotency-Key), head still at position ${report.headAfter}.\n`
    : `Recorded ${report.recorded} of ${report.commands} commands (log head ${report.headBefore} → ${report.headAfter}).\n`;
}

/** What the demo prints once the API listens: where, tokens, and an inspector's commands. */
export function demoGuide(input: DemoGuideInput): string {
  const { baseUrl, dataDir, tokens, tokenTtl, report } = input;
  const m = report.marks;
  const auth = (who: string) => `-H "Authorization: Bearer $${who}"`;
  const c2 = '$API/clusters/bca-cum-2/years/2021';
  const ht = '$API/clusters/ht-cum-4/years/2021';
  const whatIf = JSON.stringify({
    overrides: [{ entryId: m.cum2Q2Correction.entryId, points: m.cum2Q2Correction.originalPoints }],
  });
  return `
Thi Đua Ledger demo is serving.
  Console:  ${baseUrl}/console/  (sign in by pasting the INSPECTOR or ADMIN token below)
  API:      ${baseUrl}
  OpenAPI:  ${baseUrl}/docs
  Data:     ${dataDir}  (event log head: position ${report.headAfter})

Tokens (valid ${tokenTtl}; mint others with: DATA_DIR=${dataDir} npm run cli -- token --role ROLE --sub NAME [--unit UNIT]):
export API=${baseUrl}
export INSPECTOR=${tokens.inspector}
export VIEWER=${tokens.viewer}
export ADMIN=${tokens.admin}

Every act carries its own date (the seeds' dates; others say "minh họa (demo)") beside the time it was recorded.
Read a ranking (Cụm thi đua số 2, year 2021, classified and sealed at the tổng kết of 19/11/2021):
  curl -s ${auth('INSPECTOR')} "${c2}/rankings/Y"
Explain it: every point traced to its events (id, position, who, recorded at, effective date, corrections);
the chair unit's scores verified by the unit assigned to inspect it, one score appraised by the organizer:
  curl -s ${auth('INSPECTOR')} "${c2}/rankings/Y/explain"
Quý I by business date: as of 31/3/2021 (self scores in, not yet reviewed), then as reviewed on 5/4/2021:
  curl -s ${auth('INSPECTOR')} "${c2}/rankings/Q1?asOfEffective=2021-03-31"
  curl -s ${auth('INSPECTOR')} "${c2}/rankings/Q1?asOfEffective=2021-04-05"
Quý II as of position ${m.cum2Q2Correction.position - 1}, just before Cục Quản lý xuất nhập cảnh corrected its score, then now:
  curl -s ${auth('INSPECTOR')} "${c2}/rankings/Q2?asOf=${m.cum2Q2Correction.position - 1}"
  curl -s ${auth('INSPECTOR')} "${c2}/rankings/Q2"
What if that correction had not been made:
  curl -s -X POST ${auth('INSPECTOR')} -H 'content-type: application/json' -d '${whatIf}' "${c2}/rankings/Q2/what-if"
Quý III: Cục Ngoại tuyến capped at Khá by a recorded finding (cappedBy names it and its evidence):
  curl -s ${auth('INSPECTOR')} "${c2}/rankings/Q3"
Verify the log (hash chain), keep a signed digest, verify against it later:
  curl -s ${auth('INSPECTOR')} "$API/audit/verify"
  curl -s ${auth('INSPECTOR')} "$API/audit/digest" > digest.json
  curl -s -X POST ${auth('INSPECTOR')} -H 'content-type: application/json' --data @digest.json "$API/audit/verify-against"
  DATA_DIR=${dataDir} npm run cli -- verify --against digest.json
The 2021 election and the chair of 2022 (Cục Kỹ thuật nghiệp vụ):
  curl -s ${auth('INSPECTOR')} "$API/audit/streams/emulation-bca-cum-2-2021?fromRevision=0&limit=1000"
  curl -s ${auth('VIEWER')} "$API/clusters/bca-cum-2/years/2022"
Công an tỉnh Hà Tĩnh, Quý II/2021: disputed while a complaint on a classification was open (10/8 – 30/8/2021):
  curl -s ${auth('INSPECTOR')} "${ht}/rankings/Q2?asOfEffective=2021-08-15"
  curl -s ${auth('INSPECTOR')} "$API/units/ht-phong-tccb/history"   # complaint ${m.htComplaintId}: filed, resolved
Its awards per quarter, biểu dương apart from khen thưởng (seed 004: 2 + 4 Bằng khen; 10 + 47 and 31 biểu dương):
  curl -s ${auth('VIEWER')} "$API/totals/2021?cluster=ht-cum-4"
Cụm thi đua số 7 in 2023: plan, pledges (3 key tasks each), tổng kết of 28/11/2023, the year sealed unscored:
  curl -s ${auth('VIEWER')} "$API/clusters/bca-cum-7/years/2023"
  curl -s ${auth('VIEWER')} "$API/clusters/bca-cum-7/years/2023/pledges"
  curl -s ${auth('INSPECTOR')} "$API/clusters/bca-cum-7/years/2023/rankings/Y"
Its awards (836 lượt itemised in the seed, though its headline says 486), on sub-collectives of the six Cục:
  curl -s ${auth('VIEWER')} "$API/totals/2023?cluster=bca-cum-7"
  curl -s ${auth('VIEWER')} "$API/totals/2023?unit=cuc-tccb&subUnits=true"
Its Cờ thi đua (demo: by override, the year was unranked), a revoked Giấy khen and an erased person (demo):
  curl -s ${auth('INSPECTOR')} "$API/totals/2023/awards?cluster=bca-cum-7&code=co-thi-dua-bo-cong-an"
  curl -s ${auth('INSPECTOR')} "$API/totals/2023/awards?cluster=bca-cum-7&code=giay-khen&kind=collective&limit=500"
  curl -s ${auth('INSPECTOR')} "$API/people/cb-cum7-200"
Two "Cụm thi đua số 1" in two khối (2017: the units under the Minister; 2024: the five city police forces):
  curl -s ${auth('VIEWER')} "$API/clusters?organizer=bo-cong-an&sort=number"
  curl -s ${auth('VIEWER')} "$API/clusters/bca-cum-1-truc-thuoc/years/2017/pledges"
  curl -s ${auth('VIEWER')} "$API/clusters/bca-cum-1-dia-phuong/years/2024/pledges"
A unit's audited history:
  curl -s ${auth('INSPECTOR')} "$API/units/cuc-ktnv/history"

Stop with Ctrl+C. Run again on the same directory: nothing new is recorded.
`;
}
