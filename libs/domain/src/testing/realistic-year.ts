/**
 * A cluster-year played through the real decider with everything the evaluator distinguishes: self and
 * cluster scores, corrections, a withdrawal and a re-entry, bonus and penalty, a close sealed with the
 * evaluator's digest, disputes upheld (points and withdrawal) and rejected after the seal, a reopen and a
 * second close, a scheme amendment that drops a criterion, a unit withdrawn mid-year, an entry of a unit
 * no longer a member, several periods at once, pledges and an election. Test support only.
 */
import { createHash } from 'node:crypto';
import type { KnockOut } from '../scheme/scheme.js';
import { chair, context, ey, officerOf, organizer, scheme, UNIT_IDS, UNITS } from './fixtures.js';
import { score, startedLedger, type TestLedger } from './ledger.js';
import { PERIODS, type PeriodCode } from '../periods.js';
import type { EmulationWindow } from '../business-date.js';
import { rankingDigestInput } from '../evaluator/digest.js';
import { evaluateRanking } from '../evaluator/evaluate.js';

const T = (n: number): string => new Date(Date.UTC(2021, 0, 5, 8) + n * 3_600_000).toISOString();

/**
 * The year is played in hours from 5/1/2021: its organizer's window lets every period be reviewed from
 * 4/1/2021 on (a review is otherwise not held before the period ends).
 */
export const COMPRESSED_WINDOW: EmulationWindow = {
  opensOn: '2021-01-01',
  closesOn: '2021-12-31',
  reviewsFrom: Object.fromEntries(PERIODS.map((p) => [p.code, '2021-01-04'])),
};

/** Knock-out conditions of the year's scheme: a serious incident caps at Khá; a discipline bars rank 1. */
export const KNOCK_OUTS: KnockOut[] = [
  {
    code: 'su-co-nghiem-trong',
    label: 'Để xảy ra sự cố nghiêm trọng',
    effect: 'cap-classification',
    capTo: 'kha',
  },
  { code: 'ky-luat', label: 'Có cán bộ bị kỷ luật', effect: 'bar-rank-1' },
];

export function realisticYear(): TestLedger {
  const l = startedLedger({ ...scheme, knockOuts: KNOCK_OUTS });
  l.window = COMPRESSED_WINDOW;
  let t = 0;
  const at = (): string => T((t += 1));
  // As the close handler does: the digest and the incomplete rows of the ranking sealed; an acceptance when any.
  const close = (period: PeriodCode): void => {
    const ranking = evaluateRanking(l.events, period);
    const digest = createHash('sha256').update(rankingDigestInput(ranking)).digest('hex');
    const incompleteUnits = ranking.rows.filter((r) => r.unclassified).map((r) => r.unitId);
    const acceptance = incompleteUnits.length > 0 && {
      acceptIncomplete: { reason: 'Đơn vị chưa nộp đủ báo cáo' },
    };
    l.run(ey('ClosePeriod', organizer, { period, rankingDigest: digest, ...acceptance }, at()), {
      ...context,
      incompleteUnits,
    });
  };
  for (const unitId of UNIT_IDS)
    l.run(
      ey(
        'SignPledge',
        officerOf(unitId),
        {
          unitId,
          titles: ['co-thi-dua-bo-cong-an'],
          targets: [{ text: 'Hoàn thành 77 chỉ tiêu công tác', count: 77 }],
          keyTasks: ['Nội dung 1', 'Nội dung 2', 'Nội dung 3'],
        },
        at(),
      ),
    );
  const points: Record<string, number> = { 'xd-dang': 30, 'chuyen-mon': 50, 'phong-trao': 20 };
  let codes = ['xd-dang', 'chuyen-mon', 'phong-trao'];
  const scorePeriod = (period: PeriodCode, units: readonly string[], shift: number): void => {
    units.forEach((unitId, i) => {
      for (const code of codes) {
        const max = points[code]!;
        if ((i + shift) % 4 !== 3) score(l, unitId, code, max - ((i * 3 + shift) % 7), 'self', period, at());
        if ((i + shift + code.length) % 5 !== 0)
          score(l, unitId, code, max - ((i * 5 + shift + code.length) % 9) - 0.25, 'cluster', period, at());
      }
      if (i % 2 === 0) score(l, unitId, 'diem-thuong', 1.5 + (i % 3), 'cluster', period, at());
      if (i % 3 === 1) score(l, unitId, 'diem-tru', 1 + (i % 2), 'cluster', period, at());
    });
  };

  scorePeriod('Q1', UNIT_IDS, 0);
  l.run(
    ey(
      'CorrectScore',
      chair,
      { entryId: `${UNITS.xnc.id}-chuyen-mon-cluster-q1`, points: 44, reason: 'Thẩm định lại' },
      at(),
    ),
  );
  l.run(
    ey(
      'WithdrawScore',
      chair,
      { entryId: `${UNITS.ktnv.id}-phong-trao-cluster-q1`, reason: 'Nhập nhầm' },
      at(),
    ),
  );
  l.run(
    ey(
      'RecordScore',
      chair,
      {
        entryId: `${UNITS.ktnv.id}-phong-trao-cluster-q1-2`,
        unitId: UNITS.ktnv.id,
        period: 'Q1',
        criterion: 'phong-trao',
        points: 18,
        assessment: 'cluster',
      },
      at(),
    ),
  );
  close('Q1');
  // A complaint on the sealed Q1 ranking: disputed until the organizer resolves it.
  const complain = (complaintId: string, unitId: string, target: object) =>
    l.run(
      ey(
        'FileComplaint',
        officerOf(unitId),
        {
          complaintId,
          target: target as never,
          filer: { kind: 'unit', unitId },
          content: 'Đề nghị xem xét lại',
        },
        at(),
      ),
    );
  complain('kn-q1', UNITS.anm.id, { kind: 'ranking', period: 'Q1' });
  l.run(ey('OpenPeriod', organizer, { period: 'Q2' }, at()));
  l.run(
    ey(
      'FileDispute',
      officerOf(UNITS.canhVe.id),
      {
        disputeId: 'kn-1',
        entryId: `${UNITS.canhVe.id}-chuyen-mon-cluster-q1`,
        reason: 'Chưa tính chuyên án',
        proposedPoints: 50,
      },
      at(),
    ),
  );
  l.run(
    ey(
      'FileDispute',
      officerOf(UNITS.anm.id),
      { disputeId: 'kn-2', entryId: `${UNITS.anm.id}-xd-dang-cluster-q1`, reason: 'Xin xem lại' },
      at(),
    ),
  );
  scorePeriod('Q2', UNIT_IDS.slice(0, 3), 1);
  // Findings raise knock-outs (one cleared again); the emulation office's appraisal outranks the cluster.
  const finding = (findingId: string, unitId: string, knockOut: string) =>
    l.run(
      ey(
        'RecordFinding',
        organizer,
        { findingId, unitId, period: 'Q2', knockOut, evidence: `Biên bản kiểm tra số ${findingId}` },
        at(),
      ),
    );
  finding('kl-1', UNITS.ngoaiTuyen.id, 'su-co-nghiem-trong');
  finding('kl-2', UNITS.anm.id, 'ky-luat');
  finding('kl-3', UNITS.ktnv.id, 'su-co-nghiem-trong');
  l.run(ey('ClearFinding', organizer, { findingId: 'kl-3', reason: 'Kết luận lại: không phải sự cố' }, at()));
  score(l, UNITS.ktnv.id, 'xd-dang', 29.5, 'appraisal', 'Q2', at());
  l.run(
    ey(
      'ResolveDispute',
      organizer,
      { disputeId: 'kn-1', outcome: 'upheld', reason: 'Có căn cứ', correctedPoints: 50 },
      at(),
    ),
  );
  l.run(
    ey(
      'ResolveDispute',
      organizer,
      { disputeId: 'kn-2', outcome: 'rejected', reason: 'Không có căn cứ' },
      at(),
    ),
  );
  l.run(
    ey(
      'FileDispute',
      officerOf(UNITS.ktnv.id),
      { disputeId: 'kn-3', entryId: `${UNITS.ktnv.id}-diem-tru-cluster-q1`, reason: 'Không vi phạm' },
      at(),
    ),
  );
  l.run(
    ey(
      'ResolveDispute',
      organizer,
      { disputeId: 'kn-3', outcome: 'upheld', reason: 'Đúng', withdrawEntry: true },
      at(),
    ),
  );
  l.run(
    ey(
      'ResolveComplaint',
      organizer,
      { complaintId: 'kn-q1', outcome: 'rejected', reason: 'Không có căn cứ', decisionRef: '21/QĐ-BCA' },
      at(),
    ),
  );
  l.run(ey('WithdrawUnit', organizer, { unitId: UNITS.canhVe.id, reason: 'Điều chuyển' }, at()));
  l.run(
    ey(
      'AmendScoringScheme',
      organizer,
      {
        ...scheme,
        knockOuts: KNOCK_OUTS,
        criteria: scheme.criteria.filter((c) => c.code !== 'phong-trao'),
        reason: 'Bỏ tiêu chí phong trào',
      },
      at(),
    ),
  );
  codes = ['xd-dang', 'chuyen-mon'];
  scorePeriod('Q2', UNIT_IDS.slice(3, 4), 2);
  l.run(ey('OpenPeriod', organizer, { period: 'H1' }, at()));
  scorePeriod('H1', UNIT_IDS.slice(0, 4), 3);
  l.run(ey('ReopenPeriod', organizer, { period: 'Q1', reason: 'Rà soát lại' }, at()));
  score(l, UNITS.xnc.id, 'diem-thuong', 2, 'self', 'Q1', at());
  close('Q1');
  close('Q2');
  complain('kn-q2', UNITS.ktnv.id, { kind: 'classification', period: 'Q2', unitId: UNITS.ktnv.id });
  l.run(
    ey(
      'OpenElection',
      chair,
      { electionId: 'bau-2022', role: 'chair', candidates: [UNITS.ktnv.id, UNITS.xnc.id] },
      at(),
    ),
  );
  for (const voter of UNIT_IDS.slice(0, 4))
    l.run(
      ey(
        'CastBallot',
        officerOf(voter),
        {
          electionId: 'bau-2022',
          voterUnitId: voter,
          candidateUnitId: voter === UNITS.xnc.id ? voter : UNITS.ktnv.id,
        },
        at(),
      ),
    );
  l.run(ey('CloseElection', chair, { electionId: 'bau-2022' }, at()));
  return l;
}
