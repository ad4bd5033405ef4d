import type { AwardItem } from '@thidua/domain';
import { Ledger, organizerOf } from '../testing/yearly-totals/ledger.js';
import { openEvents, openReads, runToHead, TempDir } from '../testing/yearly-totals/projection-check.js';
import { TOTALS, totalsDocId, type TotalsDoc } from './yearly-totals.documents.js';
import { yearlyTotalsProjection } from './yearly-totals.projection.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

/**
 * Hà Tĩnh's Cụm thi đua số 4, Q2/2021 (seed 004), in miniature: awards land on sub-collectives (Đội of a
 * Phòng) and on their people, count for the cluster of the Phòng above them, biểu dương apart from khen
 * thưởng, per quarter of the decisions' dates.
 */
describe('yearly-totals: sub-units, khen thưởng and biểu dương apart, quarters (SQLite)', () => {
  let cluster: TotalsDoc;
  let doi1: TotalsDoc;
  let phong: TotalsDoc;

  beforeAll(async () => {
    const events = await openEvents(tmp.file('events'));
    const l = new Ledger(events, '2021-09-01T01:00:00.000Z');
    await l.registerUnit('bo-cong-an', 'Bộ Công an', 'bo');
    await l.registerUnit('ca-ha-tinh', 'Công an tỉnh Hà Tĩnh', 'cong-an-tinh', 'bo-cong-an');
    await l.registerUnit('ht-phong-tham-muu', 'Phòng Tham mưu', 'phong', 'ca-ha-tinh');
    await l.registerUnit('ht-phong-tccb', 'Phòng Tổ chức cán bộ', 'phong', 'ca-ha-tinh');
    await l.registerUnit('ht-doi-1', 'Đội 1 (minh họa)', 'khac', 'ht-phong-tham-muu');
    await l.registerUnit('ht-doi-2', 'Đội 2 (minh họa)', 'khac', 'ht-phong-tccb');
    await l.formCluster('ht-cum-4', 'ca-ha-tinh', 4, 'Cụm thi đua số 4');
    await l.admit('ht-cum-4', 2021, 'ht-phong-tham-muu');
    const org = organizerOf('ca-ha-tinh');
    const award = (awardId: string, code: string, unitId: string, individual = false): AwardItem => ({
      awardId,
      code,
      recipient: individual
        ? { kind: 'individual', personId: `cb-minh-hoa-${unitId}`, unitId }
        : { kind: 'collective', unitId },
      year: 2021,
      citation: 'minh họa',
    });
    await l.issueDecision(org, {
      decisionId: 'qd-bk',
      number: '1/QĐ-BCA',
      date: '2021-06-15',
      authority: 'bo-truong-bca',
      awards: [award('qd-bk-1', 'bang-khen-bo-truong-bca', 'ht-doi-1')],
    });
    await l.issueDecision(org, {
      decisionId: 'qd-bd',
      number: '2/TB-CAT',
      date: '2021-05-10',
      authority: 'giam-doc-ca-tinh',
      awards: [award('qd-bd-1', 'bieu-duong', 'ht-doi-1', true), award('qd-bd-2', 'bieu-duong', 'ht-doi-2')],
    });
    await l.issueDecision(org, {
      decisionId: 'qd-q3',
      number: '3/TB-CAT',
      date: '2021-08-02',
      authority: 'giam-doc-ca-tinh',
      awards: [award('qd-q3-1', 'bieu-duong', 'ht-doi-1')],
    });
    // The Phòng above Đội 2 joins after its Đội was commended: the commendation moves in with it.
    await l.admit('ht-cum-4', 2021, 'ht-phong-tccb');
    const reads = await openReads(tmp.file('reads'));
    const runner = await runToHead(events, reads, [yearlyTotalsProjection()]);
    const target = runner.target('yearly-totals');
    const get = async (scope: TotalsDoc['scope'], id: string) =>
      (await reads.get(target, TOTALS, totalsDocId(scope, id, 2021))) as unknown as TotalsDoc;
    cluster = await get('cluster', 'ht-cum-4');
    doi1 = await get('unit', 'ht-doi-1');
    phong = await get('unit', 'ht-phong-tham-muu');
    await runner.stop();
    await reads.close();
    await events.close();
  });

  it('lands an award on the sub-collective, and counts it for the cluster of the unit above it', () => {
    expect(doi1.awards.map((a) => [a.code, a.collective, a.individual])).toEqual([
      ['bang-khen-bo-truong-bca', 1, 0],
      ['bieu-duong', 1, 1],
    ]);
    expect(phong.total).toBe(0); // nothing was conferred on the Phòng itself
    expect(cluster.total).toBe(4); // Đội 1: 3, Đội 2: 1 (moved in with its Phòng)
  });

  it('counts biểu dương apart from khen thưởng', () => {
    expect(cluster.rewards).toEqual({ collective: 1, individual: 0, total: 1 });
    expect(cluster.commendations).toEqual({ collective: 2, individual: 1, total: 3 });
  });

  it('gives the totals per quarter of the decisions’ dates', () => {
    expect(cluster.quarters).toEqual({
      '2021-Q2': {
        rewards: { collective: 1, individual: 0, total: 1 },
        commendations: { collective: 1, individual: 1, total: 2 },
      },
      '2021-Q3': {
        rewards: { collective: 0, individual: 0, total: 0 },
        commendations: { collective: 1, individual: 0, total: 1 },
      },
    });
    expect(cluster.awards.find((a) => a.code === 'bieu-duong')!.quarters).toEqual({
      '2021-Q2': { collective: 1, individual: 1 },
      '2021-Q3': { collective: 1, individual: 0 },
    });
  });
});
