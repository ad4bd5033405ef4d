import type { AddressInfo } from 'node:net';
import { allProjections } from '@thidua/projections';
import { createHttpClient, type DemoActor, type DemoClient } from '../apps/cli/src/demo/demo-client.js';
import {
  DEMO_ADMIN,
  DEMO_INSPECTOR,
  DEMO_VIEWER,
  officerOf,
  organizerOf,
} from '../apps/cli/src/demo/demo-actors.js';
import { DEMO, DEMO_LOAD_KEY_PREFIX } from '../apps/api/src/openapi/demo-examples.js';
import { DEMO_KEY_PREFIX } from '../apps/cli/src/demo/demo-session.js';
import { loadDemo, waitForReadModels, type DemoLoadReport } from '../apps/cli/src/demo/load-demo.js';
import { SEED_DATES, SEED_SHA256 } from '../apps/cli/src/demo/demo-calendar.js';
import { demoGuide } from '../apps/cli/src/demo/demo-guide.js';
import { startTestApp, TEST_SECRET, type TestApp } from './support/test-app.js';

/**
 * The demo load (`npm run demo`) through HTTP on a fresh DATA_DIR: the seeds' facts read back from the
 * API — every seed date as the business date of its acts; the chair election and the independent
 * assessment of Cụm thi đua số 2 (seed 003); the plan, pledges, tổng kết and awards of Cụm thi đua số 7
 * (seed 000); the two Cụm 1 in two khối (seeds 002, 001); Hà Tĩnh's Quý II/2021, its awards per quarter and
 * a complaint (seed 004) — and a second load that records nothing.
 */

/**
 * Seed 000, itemised: "1 tập thể, 8 cá nhân … Huân chương Bảo vệ Tổ quốc hạng Ba; 1 cá nhân … Chiến sĩ thi
 * đua toàn quốc; 6 cá nhân … Chiến sĩ thi đua toàn lực lượng CAND; 67 lượt tập thể, 187 lượt cá nhân …
 * Bằng khen của Bộ trưởng Bộ Công an; 566 lượt tập thể, cá nhân … Giấy khen". The seed does not split the
 * 566 Giấy khen; the demo's documented split is 149 collectives and 417 individuals.
 */
const SEED_000_AWARDS = [
  { code: 'bang-khen-bo-truong-bca', collective: 67, individual: 187 },
  { code: 'chien-si-thi-dua-toan-luc-luong-cand', collective: 0, individual: 6 },
  { code: 'chien-si-thi-dua-toan-quoc', collective: 0, individual: 1 },
  { code: 'giay-khen', collective: 149, individual: 417 },
  { code: 'huan-chuong-bao-ve-to-quoc-hang-ba', collective: 1, individual: 8 },
];

interface Parameter {
  name: string;
  in: string;
  example?: unknown;
  schema?: { example?: unknown };
}
interface Operation {
  id: string;
  method: string;
  path: string;
  parameters: Parameter[];
  requestBody?: {
    content: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }>;
  };
}
type OpenApi = {
  paths: Record<string, Record<string, { operationId: string } & Omit<Operation, 'id' | 'method' | 'path'>>>;
};

function operations(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ ...op, id: op.operationId, method, path })),
  );
}

/** The operation's path with every parameter's example. */
function exampleUrl(o: Operation): string {
  return o.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = o.parameters.find((q) => q.in === 'path' && q.name === name)!;
    return encodeURIComponent(String(p.example ?? p.schema?.example));
  });
}

function bodyExample(o: Operation): unknown {
  const json = o.requestBody!.content['application/json']!;
  return json.example ?? Object.values(json.examples ?? {})[0]!.value;
}

const ORGANIZER = organizerOf('bo-cong-an');
/** Every command of the document, in an order where each example finds what it needs, with the caller it needs. */
const STORY: Array<[string, DemoActor, number]> = [
  ['registerUnit', DEMO_ADMIN, 201],
  ['renameUnit', DEMO_ADMIN, 201],
  ['formBloc', DEMO_ADMIN, 201],
  ['formCluster', DEMO_ADMIN, 201],
  ['renameCluster', DEMO_ADMIN, 201],
  ['dissolveCluster', DEMO_ADMIN, 201],
  ['setEmulationWindow', ORGANIZER, 201],
  ['setFlagQuota', ORGANIZER, 201],
  ['setChairPolicy', ORGANIZER, 201],
  ['assignChair', ORGANIZER, 201],
  ['publishScheme', ORGANIZER, 201],
  ['setPledgeRules', ORGANIZER, 201],
  ['admitMember', ORGANIZER, 201],
  ['withdrawMember', ORGANIZER, 201],
  ['signPledge', officerOf('cuc-ktnv'), 201],
  ['amendPledge', officerOf('cuc-ktnv'), 201],
  ['openPeriod', ORGANIZER, 201],
  ['assignInspection', ORGANIZER, 201],
  ['recordFinding', ORGANIZER, 201],
  ['clearFinding', ORGANIZER, 201],
  ['recordScore', officerOf('cuc-ktnv'), 201],
  ['correctScore', officerOf('cuc-ktnv'), 201],
  ['fileDispute', officerOf('cuc-qlxnc'), 201],
  ['resolveDispute', ORGANIZER, 201],
  ['withdrawScore', officerOf('cuc-ktnv'), 201],
  ['closePeriod', ORGANIZER, 201],
  ['holdConference', ORGANIZER, 201],
  ['issuePlan', ORGANIZER, 201],
  ['reopenPeriod', ORGANIZER, 201],
  ['openElection', officerOf('cuc-anm'), 201],
  ['castBallot', officerOf('cuc-qlxnc'), 201],
  ['closeElection', officerOf('cuc-anm'), 201],
  // Bình xét at Cụm 2's tổng kết of 2021: a secret vote choosing one unit for Cờ thi đua của Bộ Công an.
  ['recordTitleReview', ORGANIZER, 201],
  // Hà Tĩnh (seed 004): a complaint about a Quý II score, resolved by its organizer, taken to the Ministry.
  ['fileComplaint', officerOf('ht-phong-tham-muu'), 201],
  ['resolveComplaint', organizerOf('ca-ha-tinh'), 201],
  ['escalateComplaint', officerOf('ht-phong-tham-muu'), 201],
  // Cục Tổ chức cán bộ proposes itself for the Minister's Bằng khen; notice, comment, council, forwarded.
  ['fileProposal', officerOf('cuc-tccb'), 201],
  ['publishProposal', ORGANIZER, 201],
  ['recordProposalComment', ORGANIZER, 201],
  ['holdCouncilMeeting', ORGANIZER, 201],
  ['recordCouncilVote', ORGANIZER, 201],
  ['decideProposalOutcome', ORGANIZER, 201],
  ['issueAwardDecision', DEMO_ADMIN, 201],
  ['fileDecisionComplaint', officerOf('cuc-tccb'), 201],
  ['resolveDecisionComplaint', ORGANIZER, 201],
  ['escalateDecisionComplaint', officerOf('cuc-tccb'), 201],
  // The example's award is the Minister's Bằng khen, not a flag: the confirmation is refused (NO_FLAG_BASIS).
  ['recordFlagBasisConfirmation', ORGANIZER, 422],
  ['revokeAward', DEMO_ADMIN, 201],
  ['openDisciplineCase', ORGANIZER, 201],
  ['decideDisciplineCase', ORGANIZER, 201],
  ['clearDisciplineCase', ORGANIZER, 201],
  // Issue 12: a person registered, a title registered before the deadline, a prior title, a transfer, erased.
  ['setRegistrationDeadline', ORGANIZER, 201],
  ['registerPerson', ORGANIZER, 201],
  ['registerTitle', ORGANIZER, 201],
  ['recordPriorTitle', ORGANIZER, 201],
  ['transferPerson', ORGANIZER, 201],
  ['erasePerson', DEMO_ADMIN, 201],
  ['recordClusterFigures', ORGANIZER, 201],
  ['recordOrganizerFigures', ORGANIZER, 201],
  ['mergeUnit', DEMO_ADMIN, 201],
  ['dissolveUnit', DEMO_ADMIN, 201],
  ['rebuildProjection', DEMO_ADMIN, 202],
  // A token id no demo token has: revoking it changes nothing else.
  ['revokeTokens', DEMO_ADMIN, 201],
  // The example digest has the shape only: verified, it answers 200 with ok false (bad signature).
  ['verifyAgainstDigest', DEMO_INSPECTOR, 200],
];

describe('the demo built from the seeds, loaded through HTTP (e2e)', () => {
  let t: TestApp;
  let client: DemoClient;
  let first: DemoLoadReport;

  const get = async <T>(path: string, as: DemoActor = DEMO_INSPECTOR): Promise<T> => {
    const response = await client.send({ method: 'GET', path, as });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.body as T;
  };

  beforeAll(async () => {
    // The loader is the only client here: no throttling of its few hundred requests.
    t = await startTestApp({ projections: allProjections, env: { RATE_LIMIT: '0' } });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.server.address() as AddressInfo;
    client = createHttpClient(`http://127.0.0.1:${port}`, new TextEncoder().encode(TEST_SECRET));
    first = await loadDemo(client);
    await waitForReadModels(client, first.headAfter);
    // As long as the browser suites allow their own demo load: in a full run the three load side by side on
    // two cores, and the demo (with part B's proposals) took over 60 s there.
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('records every command of a first load on an empty log', () => {
    expect(first.headBefore).toBe(0);
    expect(first.commands).toBeGreaterThan(100);
    expect(first.recorded).toBe(first.commands);
    expect(first.replayed).toBe(0);
  });

  it('elects Cục Kỹ thuật nghiệp vụ chair of Cụm thi đua số 2 for 2022 and seats it in the 2022 directory', async () => {
    const y2021 = await get<{
      chair: { unitId: string } | null;
      electedForNextYear: { chair?: { unitId: string; electionId: string } };
    }>('/clusters/bca-cum-2/years/2021');
    expect(y2021.chair?.unitId).toBe('cuc-anm');
    expect(y2021.electedForNextYear.chair).toEqual(
      expect.objectContaining({ unitId: 'cuc-ktnv', electionId: first.marks.cum2ElectionId }),
    );

    const page = await get<{ events: Array<{ type: string; data: Record<string, unknown> }> }>(
      '/audit/streams/emulation-bca-cum-2-2021?limit=1000',
    );
    const closed = page.events.filter((e) => e.type === 'ElectionClosed');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.data).toMatchObject({
      electionId: first.marks.cum2ElectionId,
      role: 'chair',
      forYear: 2022,
      outcome: 'elected',
      electedUnitId: 'cuc-ktnv',
      ballots: 5,
      members: 5,
    });
    expect((closed[0]!.data['tally'] as Array<{ unitId: string; votes: number }>)[0]).toEqual({
      unitId: 'cuc-ktnv',
      votes: 4,
    });

    const y2022 = await get<{ chair: { unitId: string; name: string; source: string; electionId?: string } }>(
      '/clusters/bca-cum-2/years/2022',
      DEMO_VIEWER,
    );
    expect(y2022.chair).toMatchObject({
      unitId: 'cuc-ktnv',
      name: 'Cục Kỹ thuật nghiệp vụ',
      source: 'election',
      electionId: first.marks.cum2ElectionId,
    });
  });

  it('gives Cụm 7’s individual awards to registered people, on their registrations and prior titles (issue 12)', async () => {
    type Person = {
      fullName: string;
      unitId: string;
      registrations: Array<{ year: number; code: string; on: string }>;
      priorTitles: Array<{ code: string; year: number; decisionRef: string }>;
      awards: Array<{ code: string; year: number; basis: unknown[]; basisNoLongerHolds: unknown[] }>;
    };
    const cstdtq = await get<Person>(`/people/${DEMO.personId}`);
    expect(cstdtq.fullName).toBe('Cán bộ minh họa 009');
    expect(cstdtq.registrations).toEqual([
      expect.objectContaining({ year: 2023, code: 'chien-si-thi-dua-toan-quoc', on: '2023-03-15' }),
    ]);
    expect(cstdtq.priorTitles.map((t) => t.year)).toEqual([2021, 2022]);
    expect(cstdtq.priorTitles.every((t) => t.decisionRef.includes('minh họa'))).toBe(true);
    expect(cstdtq.awards).toEqual([
      expect.objectContaining({
        code: 'chien-si-thi-dua-toan-quoc',
        year: 2023,
        basis: [2021, 2022].map((year) => ({
          code: 'chien-si-thi-dua-toan-luc-luong-cand',
          year,
          awardId: null,
        })),
        basisNoLongerHolds: [],
      }),
    ]);
    // A Giấy khen's person, named only by id in the decision: the registry holds the name.
    const giayKhen = await get<Person>('/people/cb-cum7-619');
    expect(giayKhen).toMatchObject({ fullName: 'Cán bộ minh họa 619', awards: [{ code: 'giay-khen' }] });
  });

  it("reproduces seed 000's itemised award counts of Cụm thi đua số 7 in GET /totals/2023?cluster=", async () => {
    const totals = await get<{
      awards: Array<{ code: string; collective: number; individual: number; total: number }>;
      collective: number;
      individual: number;
      total: number;
      reported: {
        total: number;
        recordedTotal: number;
        difference: number;
        mismatch: boolean;
        statedOn: string;
        source: { sha256: string | null };
      } | null;
    }>('/totals/2023?cluster=bca-cum-7', DEMO_VIEWER);
    const counted = totals.awards
      .map(({ code, collective, individual }) => ({ code, collective, individual }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    // What the totals count: the seed's itemised awards, less the one collective Giấy khen the demo revokes,
    // plus the Cờ thi đua it confers (both "minh họa (demo)": the seed gives neither) — 836 all the same.
    expect(counted).toEqual(
      [
        ...SEED_000_AWARDS.map((a) => (a.code === 'giay-khen' ? { ...a, collective: a.collective - 1 } : a)),
        { code: 'co-thi-dua-bo-cong-an', collective: 1, individual: 0 },
      ].sort((a, b) => (a.code < b.code ? -1 : 1)),
    );
    // Awards to sub-collectives land on them (and count for the Cục and the cluster above them).
    const sub = await get<{ collective: number; total: number }>(
      '/totals/2023?unit=cuc-tccb-phong-01',
      DEMO_VIEWER,
    );
    expect(sub.collective).toBeGreaterThan(0);
    const cuc = await get<{ collective: number; total: number }>(
      '/totals/2023?unit=cuc-tccb&subUnits=true',
      DEMO_VIEWER,
    );
    expect(cuc.total).toBeGreaterThan(sub.total);
    const cucOnly = await get<{ total: number }>('/totals/2023?unit=cuc-tccb', DEMO_VIEWER);
    expect(cucOnly.total).toBe(0);
    // 836 lượt, not the seed headline's 486 — which is recorded as stated and shown beside it (issue 12).
    expect(totals.total).toBe(836);
    expect(totals.collective + totals.individual).toBe(836);
    expect(totals.reported).toMatchObject({
      total: 486,
      recordedTotal: 836,
      difference: 350,
      mismatch: true,
      statedOn: SEED_DATES.cum7Review2023,
      source: { sha256: SEED_SHA256['000'] },
      // Who recorded the 486 and where: the organizer's event, opened by stream and revision.
      recorded: {
        streamId: 'reported-cluster-bca-cum-7-2023',
        revision: 0,
        actor: { role: 'organizer', unitId: 'bo-cong-an' },
      },
    });
    // The awards behind the 836, one by one (GET /totals/{y}/awards): the same count, and the 6 Chiến sĩ thi
    // đua toàn lực lượng of the seed, each a registered person named by the registry.
    const listed = await get<{ total: number; counted: number }>(
      '/totals/2023/awards?cluster=bca-cum-7&limit=1',
      DEMO_INSPECTOR,
    );
    // Listed: the 836 counted and the revoked Giấy khen (a revoked award stays in the register).
    expect(listed).toMatchObject({ total: 837, counted: 836 });
    // The demo's flag stands on its basis (an override: Cụm 7's 2023 was sealed without a ranking), the
    // revocation names its legal ground, and the erased person reads "đã xoá" with the award still counted.
    const flags = await get<{
      items: Array<{
        awardId: string;
        unitId: string;
        flagBasis: { quota: number; decidedBy?: string } | null;
      }>;
    }>('/totals/2023/awards?cluster=bca-cum-7&code=co-thi-dua-bo-cong-an', DEMO_INSPECTOR);
    expect(flags.items.map((f) => [f.unitId, f.flagBasis?.quota, f.flagBasis?.decidedBy])).toEqual([
      ['cuc-ctd-ctct', 1, 'override'],
    ]);
    const flag = await get<{ claims: Array<{ kind: string; holds: boolean }> }>(
      `/awards/${flags.items[0]!.awardId}`,
      DEMO_INSPECTOR,
    );
    expect(flag.claims.map((c) => [c.kind, c.holds])).toEqual([['flag-place', true]]);
    const revoked = await get<{
      items: Array<{ revoked: { ground: string | null; decisionRef: string } | null }>;
    }>('/totals/2023/awards?cluster=bca-cum-7&code=giay-khen&kind=collective&limit=500', DEMO_INSPECTOR);
    expect(revoked.items.filter((a) => a.revoked !== null).map((a) => a.revoked!.ground)).toEqual([
      'later-violation-finding',
    ]);
    const erased = await get<{ fullName: string; awards: unknown[] }>('/people/cb-cum7-200', DEMO_INSPECTOR);
    expect(erased).toMatchObject({ fullName: 'đã xoá', awards: [{ code: 'bang-khen-bo-truong-bca' }] });
    const tll = await get<{
      items: Array<{ kind: string; personName: string | null; decisionNumber: string }>;
    }>('/totals/2023/awards?cluster=bca-cum-7&code=chien-si-thi-dua-toan-luc-luong-cand', DEMO_INSPECTOR);
    expect(tll.items).toHaveLength(6);
    for (const item of tll.items)
      expect(item).toMatchObject({
        kind: 'individual',
        personName: expect.stringMatching(/^Cán bộ minh họa \d{3}$/),
      });
    // A unit reports nothing of its own: no comparison.
    expect((await get<{ reported: unknown }>('/totals/2023?unit=cuc-tccb', DEMO_VIEWER)).reported).toBeNull();
  });

  it('answers Quý II of Cụm 2 as of the position before its correction, and as corrected now', async () => {
    type Ranking = { rows: Array<{ unitId: string; total: number }> };
    const { position } = first.marks.cum2Q2Correction;
    const path = '/clusters/bca-cum-2/years/2021/rankings/Q2';
    const totalOf = (r: Ranking) => r.rows.find((row) => row.unitId === 'cuc-qlxnc')!.total;
    const before = await get<Ranking>(`${path}?asOf=${position - 1}`);
    const now = await get<Ranking>(path);
    expect(totalOf(before) - totalOf(now)).toBe(2);
  });

  it('answers by business date: Quý I of Cụm 2 as of 31/3/2021 (self scores of 26/3, not yet reviewed), then reviewed', async () => {
    type Ranking = { finality: string; rows: Array<{ unitId: string; total: number }> };
    const path = '/clusters/bca-cum-2/years/2021/rankings/Q1';
    const before = await get<Ranking>(`${path}?asOfEffective=2021-03-25`);
    const asOf = await get<Ranking>(`${path}?asOfEffective=2021-03-31`);
    const closed = await get<Ranking>(`${path}?asOfEffective=2021-04-05`);
    expect(before.rows.every((r) => r.total === 0)).toBe(true);
    expect(asOf.finality).toBe('provisional');
    expect(asOf.rows).toHaveLength(5);
    expect(asOf.rows.every((r) => r.total > 0)).toBe(true);
    expect(closed.finality).toBe('final');
  });

  it('explains each point with the date it was recorded and the date of the act', async () => {
    type Explained = {
      rows: Array<{
        unitId: string;
        explain: Array<{
          code: string;
          source: string | null;
          entries: Array<{
            used: boolean;
            chain: Array<{ at: string; effectiveDate: string | null; actor: { unitId?: string } }>;
          }>;
        }>;
      }>;
    };
    const y = await get<Explained>('/clusters/bca-cum-2/years/2021/rankings/Y/explain');
    const links = y.rows.flatMap((r) => r.explain.flatMap((c) => c.entries.flatMap((e) => e.chain)));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      expect(l.at.slice(0, 4) >= '2025').toBe(true);
      expect(l.effectiveDate! >= '2021-01-04' && l.effectiveDate! <= '2021-11-19').toBe(true);
    }
    // Independent assessment: the chair unit's verified scores come from the unit assigned to inspect it.
    const chairRow = y.rows.find((r) => r.unitId === 'cuc-anm')!;
    const verified = chairRow.explain.filter((x) => x.source === 'cluster');
    expect(verified.map((c) => c.code).sort()).toEqual(['chuyen-mon', 'phong-trao', 'xd-dang']);
    for (const c of verified) {
      const used = c.entries.find((e) => e.used)!;
      expect(used.chain[0]!.actor.unitId).toBe('cuc-ktnv');
    }
    // The organizer's appraisal (thẩm định) outranks the cluster score.
    const ktnv = y.rows.find((r) => r.unitId === 'cuc-ktnv')!;
    expect(ktnv.explain.find((c) => c.code === 'chuyen-mon')!.source).toBe('appraisal');
  });

  it('caps the row a recorded finding raised a knock-out for, and says so', async () => {
    const q3 = await get<{
      rows: Array<{
        unitId: string;
        classification: { code: string } | null;
        cappedBy?: Array<{ knockOut: string; evidence: string }>;
      }>;
    }>('/clusters/bca-cum-2/years/2021/rankings/Q3');
    const row = q3.rows.find((r) => r.unitId === 'cuc-ngoai-tuyen')!;
    expect(row.cappedBy).toEqual([expect.objectContaining({ knockOut: 'su-co-nghiem-trong' })]);
    expect(['kha', 'trung-binh']).toContain(row.classification!.code);
    expect(q3.rows.filter((r) => r.cappedBy !== undefined)).toHaveLength(1);
  });

  it('closes Quý II/2021 of Công an tỉnh Hà Tĩnh with a classification, disputed while the complaint on it was open', async () => {
    type Ranking = {
      finality: string;
      disputedBy?: string[];
      rows: Array<{ unitId: string; classification: unknown }>;
    };
    const path = '/clusters/ht-cum-4/years/2021/rankings/Q2';
    const ranking = await get<Ranking>(path);
    expect(ranking.finality).toBe('final');
    expect(ranking.rows.map((r) => r.unitId).sort()).toEqual([
      'ht-phong-ctd-ctct',
      'ht-phong-tccb',
      'ht-phong-tham-muu',
    ]);
    for (const row of ranking.rows) expect(row.classification).not.toBeNull();
    const reviewed = await get<Ranking>(`${path}?asOfEffective=2021-07-27`);
    expect(reviewed.finality).toBe('final');
    const disputed = await get<Ranking>(`${path}?asOfEffective=2021-08-15`);
    expect(disputed.finality).toBe('disputed');
    expect(disputed.disputedBy).toEqual([first.marks.htComplaintId]);
    const resolved = await get<Ranking>(`${path}?asOfEffective=2021-08-30`);
    expect(resolved.finality).toBe('final');
  });

  it("counts Hà Tĩnh's Q2/2021 awards per quarter, biểu dương apart from khen thưởng, on the sub-collectives", async () => {
    type Counts = { collective: number; individual: number; total: number };
    type Totals = {
      rewards: Counts;
      commendations: Counts;
      quarters: Record<string, { rewards: Counts; commendations: Counts }>;
    };
    const totals = await get<Totals>('/totals/2021?cluster=ht-cum-4', DEMO_VIEWER);
    // Seed 004: 2 tập thể, 4 cá nhân Bằng khen; 10 tập thể, 47 cá nhân biểu dương; 31 lượt tập thể biểu dương.
    const q2 = {
      rewards: { collective: 2, individual: 4, total: 6 },
      commendations: { collective: 41, individual: 47, total: 88 },
    };
    expect(totals.quarters).toEqual({ '2021-Q2': q2 });
    expect({ rewards: totals.rewards, commendations: totals.commendations }).toEqual(q2);
    const sub = await get<Totals & { total: number }>(
      '/totals/2021?unit=ht-phong-tham-muu-doi-01',
      DEMO_VIEWER,
    );
    expect(sub.total).toBeGreaterThan(0);
  });

  it('keeps the pledges of the two Cụm 1 — two clusters in two khối: 2017 (one Government flag) and 2024 (77 chỉ tiêu)', async () => {
    type Pledges = {
      pledges: Array<{
        unitId: string;
        titles: Array<{ code: string }>;
        targets: Array<{ count?: number }>;
        signed: { on: string };
        fulfilment: { status: string };
      }>;
    };
    const codes = (titles: Array<{ code: string }>) => titles.map((t) => t.code);
    const p2017 = await get<Pledges>('/clusters/bca-cum-1-truc-thuoc/years/2017/pledges', DEMO_VIEWER);
    expect(p2017.pledges).toHaveLength(7);
    expect(p2017.pledges.every((p) => codes(p.titles).includes('co-thi-dua-bo-cong-an'))).toBe(true);
    expect(p2017.pledges.filter((p) => codes(p.titles).includes('co-thi-dua-chinh-phu'))).toHaveLength(1);
    expect(p2017.pledges.every((p) => p.signed.on === '2017-02-23')).toBe(true);
    expect(p2017.pledges.every((p) => p.fulfilment.status === 'no-decision-yet')).toBe(true);
    const p2024 = await get<Pledges>('/clusters/bca-cum-1-dia-phuong/years/2024/pledges', DEMO_VIEWER);
    expect(p2024.pledges.map((p) => p.targets.map((x) => x.count))).toEqual(Array(5).fill([77]));
    expect(p2024.pledges.every((p) => p.signed.on === '2024-04-04' && p.titles.length === 0)).toBe(true);

    type Clusters = { clusters: Array<{ clusterId: string; number: number; blocId: string | null }> };
    const ones = (await get<Clusters>('/clusters?organizer=bo-cong-an', DEMO_VIEWER)).clusters.filter(
      (c) => c.number === 1,
    );
    expect(ones.map((c) => [c.clusterId, c.blocId]).sort()).toEqual([
      ['bca-cum-1-dia-phuong', 'bca-khoi-cong-an-dia-phuong'],
      ['bca-cum-1-truc-thuoc', 'bca-khoi-truc-thuoc-bo-truong'],
    ]);
    const bloc = await get<Clusters>('/clusters?bloc=bca-khoi-truc-thuoc-bo-truong', DEMO_VIEWER);
    expect(bloc.clusters.map((c) => c.clusterId).sort()).toEqual(['bca-cum-1-truc-thuoc', 'bca-cum-2']);
  });

  it('records Cụm 7 of 2023: its plan, pledges of three key tasks, the tổng kết of 28/11/2023, the year sealed unscored', async () => {
    const year = await get<{
      conferences: Array<{
        kind: string;
        date: string;
        presidingUnitId: string;
        minutes: { sha256: string };
      }>;
      plans: Array<{ title: string; on: string }>;
      pledgeRules: { keyTasks: number; titleRequired: boolean };
      periods: { Y: { status: string; on: string } };
    }>('/clusters/bca-cum-7/years/2023', DEMO_VIEWER);
    expect(year.conferences).toEqual([
      expect.objectContaining({
        kind: 'tổng kết',
        date: '2023-11-28',
        minutes: expect.objectContaining({ sha256: SEED_SHA256['000'] }),
      }),
    ]);
    expect(year.plans).toEqual([expect.objectContaining({ on: '2023-01-10' })]);
    expect(year.pledgeRules).toEqual({ keyTasks: 3, titleRequired: false });
    expect(year.periods.Y).toMatchObject({ status: 'closed', on: '2023-11-28' });
    const pledges = await get<{ pledges: Array<{ keyTasks: string[]; fulfilment: { status: string } }> }>(
      '/clusters/bca-cum-7/years/2023/pledges',
      DEMO_VIEWER,
    );
    expect(pledges.pledges).toHaveLength(6);
    expect(pledges.pledges.every((p) => p.keyTasks.length === 3)).toBe(true);
    const y = await get<{
      finality: string;
      acceptedIncomplete?: { reason: string; unitIds: string[] };
      rows: Array<{ classification: unknown; unclassified?: string }>;
    }>('/clusters/bca-cum-7/years/2023/rankings/Y');
    expect(y.finality).toBe('final');
    expect(y.acceptedIncomplete?.unitIds).toHaveLength(6);
    expect(y.rows.every((r) => r.classification === null && r.unclassified === 'chưa đủ điểm')).toBe(true);
  });

  it("dates every act the seeds date with the seed's date", async () => {
    const events = async (stream: string) =>
      (
        await get<{ events: Array<{ type: string; data: Record<string, unknown> }> }>(
          `/audit/streams/${stream}?limit=1000`,
        )
      ).events;
    const dated = (list: Array<{ type: string; data: Record<string, unknown> }>, type: string) =>
      list.filter((e) => e.type === type).map((e) => e.data['date'] ?? e.data['effectiveDate']);
    const c1 = await events('emulation-bca-cum-1-truc-thuoc-2017');
    expect(new Set(dated(c1, 'PledgeSigned'))).toEqual(new Set([SEED_DATES.cum1Signing2017]));
    expect(dated(c1, 'ConferenceHeld')).toEqual([SEED_DATES.cum1Signing2017]);
    const c2 = await events('emulation-bca-cum-2-2021');
    expect(dated(c2, 'ConferenceHeld')).toEqual([SEED_DATES.cum2Review2021]);
    expect(dated(c2, 'ElectionClosed')).toEqual([SEED_DATES.cum2Review2021]);
    expect(
      c2
        .filter((e) => e.type === 'PeriodClosed' && ['Q4', 'Y'].includes(e.data['period'] as string))
        .map((e) => e.data['effectiveDate']),
    ).toEqual([SEED_DATES.cum2Review2021, SEED_DATES.cum2Review2021]);
    const c7 = await events('emulation-bca-cum-7-2023');
    expect(dated(c7, 'ConferenceHeld')).toEqual([SEED_DATES.cum7Review2023]);
    const c24 = await events('emulation-bca-cum-1-dia-phuong-2024');
    expect(new Set(dated(c24, 'PledgeSigned'))).toEqual(new Set([SEED_DATES.cum1Signing2024]));
    const ht = await events('emulation-ht-cum-4-2021');
    expect(dated(ht, 'ConferenceHeld')).toEqual([SEED_DATES.htReviewQ2_2021]);
    expect(dated(ht, 'PeriodClosed')).toEqual([SEED_DATES.htReviewQ2_2021]);
  });

  it("answers every GET of the demo's printed walkthrough with 200", async () => {
    const guide = demoGuide({
      baseUrl: 'http://demo',
      dataDir: '/tmp/demo',
      tokens: { inspector: 'i', viewer: 'v', admin: 'a' },
      tokenTtl: '1h',
      report: first,
    });
    const paths = [...guide.matchAll(/curl -s -H "Authorization: Bearer \$(\w+)" "\$API([^"]+)"/g)].map(
      ([, who, path]) => ({ who: who!, path: path! }),
    );
    expect(paths.length).toBeGreaterThan(15);
    for (const { who, path } of paths) await get(path, who === 'VIEWER' ? DEMO_VIEWER : DEMO_INSPECTOR);
  });

  it('keeps the marks the OpenAPI examples name (asOf, what-if entry)', () => {
    expect(DEMO_LOAD_KEY_PREFIX).toBe(DEMO_KEY_PREFIX);
    expect({ asOf: Number(DEMO.asOf), ...DEMO.whatIf }).toEqual({
      asOf: first.marks.cum2Q2Correction.position - 1,
      entryId: first.marks.cum2Q2Correction.entryId,
      points: first.marks.cum2Q2Correction.originalPoints,
    });
  });

  it('answers every read example of the OpenAPI document with data ("Try it out" on /docs)', async () => {
    const doc = (await client.send({ method: 'GET', path: '/docs-json', as: DEMO_VIEWER })).body as OpenApi;
    const reads = operations(doc).filter((o) => o.method === 'get' && o.id !== 'streamChanges');
    const failures: string[] = [];
    for (const o of reads) {
      // The totals and the awards behind them need a scope: the query example's cluster.
      const query = o.path.startsWith('/totals/{year}') ? `?cluster=${DEMO.totals.cluster}` : '';
      const res = await client.send({ method: 'GET', path: `${exampleUrl(o)}${query}`, as: DEMO_INSPECTOR });
      if (res.status !== 200)
        failures.push(`${o.id}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    // The ranking example, plain and as of the asOf example, has rows; what-if shows the correction undone.
    const ranking = reads.find((o) => o.id === 'getRanking')!;
    for (const suffix of ['', `?asOf=${DEMO.asOf}`]) {
      const res = await client.send({
        method: 'GET',
        path: `${exampleUrl(ranking)}${suffix}`,
        as: DEMO_VIEWER,
      });
      expect((res.body as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    }
    const whatIf = operations(doc).find((o) => o.id === 'whatIfRanking')!;
    const answer = await client.send({
      method: 'POST',
      path: exampleUrl(whatIf),
      as: DEMO_INSPECTOR,
      body: bodyExample(whatIf),
    });
    expect(answer.status).toBe(200);
    expect((answer.body as { diff: Array<{ unitId: string }> }).diff.map((d) => d.unitId)).toContain(
      'cuc-qlxnc',
    );
  });

  it('records every command example of the OpenAPI document, in story order, with the demo tokens it names', async () => {
    const doc = (await client.send({ method: 'GET', path: '/docs-json', as: DEMO_VIEWER })).body as OpenApi;
    const commands = operations(doc).filter((o) => o.method !== 'get' && o.id !== 'whatIfRanking');
    expect(STORY.map(([id]) => id).sort()).toEqual(commands.map((o) => o.id).sort());
    const failures: string[] = [];
    for (const [id, as, status] of STORY) {
      const o = commands.find((c) => c.id === id)!;
      const header = o.parameters.find((p) => p.name === 'Idempotency-Key');
      const key = (header?.example ?? header?.schema?.example) as string | undefined;
      const res = await client.send({
        method: o.method.toUpperCase() as 'POST' | 'PUT',
        path: exampleUrl(o),
        as,
        ...(o.requestBody && { body: bodyExample(o) }),
        ...(key && { idempotencyKey: key }),
      });
      if (res.status !== status)
        failures.push(`${id}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('records no new event when the demo is loaded a second time', async () => {
    type Verify = { ok: boolean; checkedEvents: number; headPosition: number };
    const before = await get<Verify>('/audit/verify');
    expect(before.ok).toBe(true);

    const second = await loadDemo(client);

    expect(second.commands).toBe(first.commands);
    expect(second.recorded).toBe(0);
    expect(second.replayed).toBe(second.commands);
    expect(second.headAfter).toBe(second.headBefore);
    expect(second.marks).toEqual(first.marks);
    const after = await get<Verify>('/audit/verify');
    expect(after).toMatchObject({
      ok: true,
      checkedEvents: before.checkedEvents,
      headPosition: before.headPosition,
    });
  }, 60_000);
});
