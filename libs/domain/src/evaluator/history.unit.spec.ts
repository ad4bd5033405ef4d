import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import { chair, ey, officerOf, organizer, scheme, UNITS } from '../testing/fixtures.js';
import { score, startedLedger, TestLedger } from '../testing/ledger.js';
import { rankingDigestInput, rankingForDigest } from './digest.js';
import { evaluateRanking, explainRanking } from './evaluate.js';
import type { Ranking } from './evaluator.types.js';
import { realisticYear } from '../testing/realistic-year.js';

const { anm, ktnv, xnc, canhVe } = {
  anm: UNITS.anm.id,
  ktnv: UNITS.ktnv.id,
  xnc: UNITS.xnc.id,
  canhVe: UNITS.canhVe.id,
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** What the command handler does before ClosePeriod. */
const digestOf = (r: Ranking) => sha256(rankingDigestInput(r));
const row = (r: Ranking, unitId: string) => r.rows.find((x) => x.unitId === unitId)!;
const T = (minute: number) =>
  `2021-04-0${1 + Math.floor(minute / 60)}T08:${String(minute % 60).padStart(2, '0')}:00.000Z`;

function scored(): TestLedger {
  const l = startedLedger();
  score(l, anm, 'xd-dang', 28, 'cluster', 'Q1', T(1));
  score(l, anm, 'chuyen-mon', 45, 'cluster', 'Q1', T(2));
  score(l, ktnv, 'xd-dang', 27, 'cluster', 'Q1', T(3));
  score(l, ktnv, 'chuyen-mon', 44, 'cluster', 'Q1', T(4));
  score(l, xnc, 'xd-dang', 26, 'cluster', 'Q1', T(5));
  score(l, xnc, 'chuyen-mon', 40, 'cluster', 'Q1', T(6));
  score(l, xnc, 'phong-trao', 15, 'cluster', 'Q1', T(7));
  return l;
}

describe('evaluator: corrections, withdrawals and as-of', () => {
  it('a correction replaces the points; as of a position or time before it, the old points count', () => {
    const l = scored();
    const entryId = `${xnc}-chuyen-mon-cluster-q1`;
    const before = l.lastPosition;
    l.run(ey('CorrectScore', chair, { entryId, points: 44, reason: 'Bổ sung kết quả chuyên án' }, T(30)));
    const now = evaluateRanking(l.events, 'Q1');
    expect(row(now, xnc).total).toBe(85);
    expect(row(evaluateRanking(l.events, 'Q1', { upToPosition: before }), xnc).total).toBe(81);
    expect(row(evaluateRanking(l.events, 'Q1', { upToTime: T(29) }), xnc).total).toBe(81);
    expect(row(evaluateRanking(l.events, 'Q1', { upToTime: T(30) }), xnc).total).toBe(85);
    expect(evaluateRanking(l.events, 'Q1', { upToPosition: before }).position).toBe(before);
    // rank moves with it: xnc 85 passes ktnv 71 and anm 73
    expect(row(now, xnc).rank).toBe(1);
    expect(row(evaluateRanking(l.events, 'Q1', { upToPosition: before }), xnc).rank).toBe(1);
  });

  it('explain traces each point to its events: recorded → corrected, with actor, time, reason', () => {
    const l = scored();
    const entryId = `${xnc}-chuyen-mon-cluster-q1`;
    l.run(ey('CorrectScore', chair, { entryId, points: 44, reason: 'Bổ sung kết quả chuyên án' }, T(30)));
    const cm = explainRanking(l.events, 'Q1')
      .rows.find((r) => r.unitId === xnc)!
      .explain.find((c) => c.code === 'chuyen-mon')!;
    expect(cm).toMatchObject({
      code: 'chuyen-mon',
      title: 'Kết quả công tác chuyên môn',
      points: 44,
      source: 'cluster',
      entryId,
    });
    const [recorded, corrected] = l.events.filter(
      (e) => (e.data as { entryId?: string }).entryId === entryId,
    );
    expect(cm.entries).toEqual([
      {
        entryId,
        assessment: 'cluster',
        status: 'active',
        points: 44,
        used: true,
        chain: [
          {
            kind: 'recorded',
            eventId: recorded!.eventId,
            position: recorded!.position,
            revision: recorded!.revision,
            actor: chair,
            at: T(6),
            effectiveDate: T(6).slice(0, 10),
            points: 40,
          },
          {
            kind: 'corrected',
            eventId: corrected!.eventId,
            position: corrected!.position,
            revision: corrected!.revision,
            actor: chair,
            at: T(30),
            effectiveDate: T(30).slice(0, 10),
            points: 44,
            previousPoints: 40,
            reason: 'Bổ sung kết quả chuyên án',
          },
        ],
      },
    ]);
  });

  it('a withdrawn entry counts nothing and its criterion becomes missing', () => {
    const l = scored();
    const entryId = `${xnc}-phong-trao-cluster-q1`;
    l.run(ey('WithdrawScore', chair, { entryId, reason: 'Nhập nhầm kỳ' }, T(31)));
    const r = explainRanking(l.events, 'Q1');
    const x = r.rows.find((y) => y.unitId === xnc)!;
    expect(x.total).toBe(66);
    expect(x.missingCriteria).toEqual(['phong-trao']);
    const pt = x.explain.find((c) => c.code === 'phong-trao')!;
    expect(pt).toMatchObject({ points: null, source: null, entryId: null });
    expect(pt.entries[0]).toMatchObject({ status: 'withdrawn', used: false });
    expect(pt.entries[0]!.chain.map((c) => c.kind)).toEqual(['recorded', 'withdrawn']);
  });
});

describe('evaluator: sealing, disputes after closing, revision, reopening', () => {
  function closed(): { l: TestLedger; sealed: string; closedAt: number } {
    const l = scored();
    const sealed = digestOf(evaluateRanking(l.events, 'Q1'));
    l.run(ey('ClosePeriod', organizer, { period: 'Q1', rankingDigest: sealed }, T(40)));
    return { l, sealed, closedAt: l.lastPosition };
  }

  it('closing seals the ranking: the recomputed digest equals the sealed one', () => {
    const { l, sealed } = closed();
    const r = evaluateRanking(l.events, 'Q1');
    expect(r).toMatchObject({ status: 'closed', sealedDigest: sealed, revisedBy: [] });
    expect(digestOf(r)).toBe(sealed);
  });

  it('an upheld dispute after closing revises it; as of before, the sealed ranking stands', () => {
    const { l, sealed } = closed();
    const entryId = `${xnc}-chuyen-mon-cluster-q1`;
    l.run(
      ey(
        'FileDispute',
        officerOf(xnc),
        { disputeId: 'kn-1', entryId, reason: 'Chưa tính chuyên án', proposedPoints: 46 },
        T(50),
      ),
    );
    const filedAt = l.lastPosition;
    const resolution = l.run(
      ey(
        'ResolveDispute',
        organizer,
        { disputeId: 'kn-1', outcome: 'upheld', reason: 'Có căn cứ', correctedPoints: 46 },
        T(60),
      ),
    );
    const revised = explainRanking(l.events, 'Q1');
    expect(revised.status).toBe('revised');
    expect(revised.sealedDigest).toBe(sealed);
    expect(revised.revisedBy).toEqual(
      resolution.map((e) => ({ eventId: e.eventId, position: e.position, type: e.type })),
    );
    expect(resolution.map((e) => e.type)).toEqual(['DisputeResolved', 'ScoreCorrected']);
    expect(row(revised, xnc).total).toBe(87);
    expect(digestOf(revised)).not.toBe(sealed);
    const cm = revised.rows.find((r) => r.unitId === xnc)!.explain.find((c) => c.code === 'chuyen-mon')!;
    expect(cm.entries[0]!.chain.map((c) => [c.kind, c.points])).toEqual([
      ['recorded', 40],
      ['dispute-filed', 46],
      ['dispute-resolved', 46],
      ['corrected', 46],
    ]);
    const asOf = evaluateRanking(l.events, 'Q1', { upToPosition: filedAt });
    expect(asOf.status).toBe('closed');
    expect(digestOf(asOf)).toBe(sealed);
    expect(row(asOf, xnc).total).toBe(81);
  });

  it('a rejected dispute leaves the sealed ranking closed', () => {
    const { l, sealed } = closed();
    l.run(
      ey(
        'FileDispute',
        officerOf(xnc),
        { disputeId: 'kn-1', entryId: `${xnc}-chuyen-mon-cluster-q1`, reason: 'r' },
        T(50),
      ),
    );
    l.run(
      ey(
        'ResolveDispute',
        chair,
        { disputeId: 'kn-1', outcome: 'rejected', reason: 'Không có căn cứ' },
        T(60),
      ),
    );
    const r = evaluateRanking(l.events, 'Q1');
    expect(r.status).toBe('closed');
    expect(digestOf(r)).toBe(sealed);
  });

  it('the scheme and the members are sealed too: later amendments and withdrawals do not change a closed period', () => {
    const { l, sealed } = closed();
    l.run(
      ey(
        'AmendScoringScheme',
        organizer,
        { ...scheme, thresholds: [{ code: 'dat', label: 'Đạt', minTotal: 0 }], reason: 'Thang mới' },
        T(70),
      ),
    );
    l.run(ey('WithdrawUnit', organizer, { unitId: canhVe, reason: 'Điều chuyển' }, T(71)));
    l.run(ey('OpenPeriod', organizer, { period: 'Q2' }, T(72)));
    const q1 = evaluateRanking(l.events, 'Q1');
    expect(q1).toMatchObject({ status: 'closed', schemeVersion: 1 });
    expect(q1.rows.map((r) => r.unitId)).toContain(canhVe);
    expect(digestOf(q1)).toBe(sealed);
    const q2 = evaluateRanking(l.events, 'Q2');
    expect(q2).toMatchObject({ status: 'open', schemeVersion: 2 });
    expect(q2.rows.map((r) => r.unitId)).not.toContain(canhVe);
  });

  it('reopening (organizer, reason) makes it provisional again; closing again seals anew', () => {
    const { l } = closed();
    l.run(ey('ReopenPeriod', organizer, { period: 'Q1', reason: 'Rà soát' }, T(80)));
    const reopened = evaluateRanking(l.events, 'Q1');
    expect(reopened).toMatchObject({ status: 'open', revisedBy: [] });
    expect(reopened.sealedDigest).toBeUndefined();
    score(l, ktnv, 'phong-trao', 19, 'cluster', 'Q1', T(81));
    const again = digestOf(evaluateRanking(l.events, 'Q1'));
    l.run(ey('ClosePeriod', organizer, { period: 'Q1', rankingDigest: again }, T(82)));
    expect(evaluateRanking(l.events, 'Q1')).toMatchObject({ status: 'closed', sealedDigest: again });
  });
});

describe('evaluator: byte-identical replay', () => {
  it('the same events give the same JSON, whatever order they arrive in', () => {
    const l = scored();
    l.run(
      ey('CorrectScore', chair, { entryId: `${xnc}-chuyen-mon-cluster-q1`, points: 44, reason: 'r' }, T(30)),
    );
    const a = canonicalJson(explainRanking(l.events, 'Q1'));
    const b = canonicalJson(explainRanking(JSON.parse(JSON.stringify(l.events)), 'Q1'));
    const c = canonicalJson(explainRanking([...l.events].reverse(), 'Q1'));
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(JSON.stringify(evaluateRanking(l.events, 'Q1'))).toBe(
      JSON.stringify(evaluateRanking([...l.events].reverse(), 'Q1')),
    );
  });

  it('rankingForDigest keeps the rows and drops status, position and explain detail', () => {
    const r = explainRanking(scored().events, 'Q1');
    const stable = rankingForDigest(r);
    expect(Object.keys(stable).sort()).toEqual(['clusterId', 'period', 'rows', 'schemeVersion', 'year']);
    expect(Object.keys(stable.rows[0]!).sort()).toEqual([
      'bonus',
      'classification',
      'criteria',
      'groups',
      'missingCriteria',
      'penalty',
      'rank',
      'total',
      'unitId',
    ]);
  });

  it('rankingForDigest keeps the unclassified mark and the knock-outs of the rows that have them, and only those', () => {
    const q2 = evaluateRanking(realisticYear().events, 'Q2');
    const stable = rankingForDigest(q2);
    expect(stable.rows.filter((r) => r.unclassified === 'chưa đủ điểm').length).toBeGreaterThan(0);
    expect(stable.rows.filter((r) => r.cappedBy !== undefined).length).toBeGreaterThan(0);
    q2.rows.forEach((r, i) => {
      const kept = stable.rows[i]!;
      expect('unclassified' in kept).toBe(r.unclassified !== undefined);
      expect(kept.unclassified).toBe(r.unclassified);
      expect('cappedBy' in kept).toBe(r.cappedBy !== undefined);
      expect(kept.cappedBy).toBe(r.cappedBy);
    });
    expect(rankingDigestInput(q2)).toContain('"cappedBy":[');
  });
});
