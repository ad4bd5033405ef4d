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
import { DEMO } from '../apps/api/src/openapi/demo-examples.js';
import { loadDemo, waitForReadModels, type DemoLoadReport } from '../apps/cli/src/demo/load-demo.js';
import { startTestApp, TEST_SECRET, type TestApp } from './support/test-app.js';

/**
 * The demo load (`npm run demo`) through HTTP on a fresh DATA_DIR: the seeds' facts read back from the
 * API — the chair election of Cụm thi đua số 2 (seed 003), the awards of Cụm thi đua số 7 (seed 000) — and
 * a second load that records nothing.
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
  ['formCluster', DEMO_ADMIN, 201],
  ['renameCluster', DEMO_ADMIN, 201],
  ['dissolveCluster', DEMO_ADMIN, 201],
  ['setChairPolicy', ORGANIZER, 201],
  ['assignChair', ORGANIZER, 201],
  ['publishScheme', ORGANIZER, 201],
  ['admitMember', ORGANIZER, 201],
  ['withdrawMember', ORGANIZER, 201],
  ['signPledge', officerOf('cuc-ktnv'), 201],
  ['amendPledge', officerOf('cuc-ktnv'), 201],
  ['openPeriod', ORGANIZER, 201],
  ['recordScore', officerOf('cuc-ktnv'), 201],
  ['correctScore', officerOf('cuc-ktnv'), 201],
  ['fileDispute', officerOf('cuc-qlxnc'), 201],
  ['resolveDispute', ORGANIZER, 201],
  ['withdrawScore', officerOf('cuc-ktnv'), 201],
  ['closePeriod', ORGANIZER, 201],
  ['reopenPeriod', ORGANIZER, 201],
  ['openElection', officerOf('cuc-anm'), 201],
  ['castBallot', officerOf('cuc-qlxnc'), 201],
  ['closeElection', officerOf('cuc-anm'), 201],
  ['issueAwardDecision', DEMO_ADMIN, 201],
  ['revokeAward', DEMO_ADMIN, 201],
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
  }, 60_000);

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

  it("reproduces seed 000's itemised award counts of Cụm thi đua số 7 in GET /totals/2023?cluster=", async () => {
    const totals = await get<{
      awards: Array<{ code: string; collective: number; individual: number; total: number }>;
      collective: number;
      individual: number;
      total: number;
    }>('/totals/2023?cluster=bca-cum-7', DEMO_VIEWER);
    const counted = totals.awards
      .map(({ code, collective, individual }) => ({ code, collective, individual }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(counted).toEqual(SEED_000_AWARDS);
    // 836 lượt, not the seed headline's 486.
    expect(totals.total).toBe(836);
    expect(totals.collective + totals.individual).toBe(836);
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

  it('closes Quý II/2021 of Công an tỉnh Hà Tĩnh with a classification for its three departments', async () => {
    const ranking = await get<{ finality: string; rows: Array<{ unitId: string; classification: unknown }> }>(
      '/clusters/ht-cum-4/years/2021/rankings/Q2',
    );
    expect(ranking.finality).toBe('final');
    expect(ranking.rows.map((r) => r.unitId).sort()).toEqual([
      'ht-phong-ctd-ctct',
      'ht-phong-tccb',
      'ht-phong-tham-muu',
    ]);
    for (const row of ranking.rows) expect(row.classification).not.toBeNull();
  });

  it('keeps the pledges of Cụm thi đua số 1 in 2017 (one Government flag) and 2024 (77 chỉ tiêu)', async () => {
    type Pledges = {
      pledges: Array<{
        unitId: string;
        titles: Array<string | { code: string }>;
        targets: Array<{ count?: number }>;
      }>;
    };
    const codes = (titles: Array<string | { code: string }>) =>
      titles.map((t) => (typeof t === 'string' ? t : t.code));
    const p2017 = await get<Pledges>('/clusters/bca-cum-1/years/2017/pledges', DEMO_VIEWER);
    expect(p2017.pledges).toHaveLength(7);
    expect(p2017.pledges.every((p) => codes(p.titles).includes('co-thi-dua-bo-cong-an'))).toBe(true);
    expect(p2017.pledges.filter((p) => codes(p.titles).includes('co-thi-dua-chinh-phu'))).toHaveLength(1);
    const p2024 = await get<Pledges>('/clusters/bca-cum-1/years/2024/pledges', DEMO_VIEWER);
    expect(p2024.pledges.map((p) => p.targets.map((x) => x.count))).toEqual(Array(5).fill([77]));
  });

  it('keeps the marks the OpenAPI examples name (asOf, what-if entry)', () => {
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
      const query = o.path === '/totals/{year}' ? `?cluster=${DEMO.totals.cluster}` : '';
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
