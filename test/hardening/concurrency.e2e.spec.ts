/**
 * 200 concurrent score commands on ONE cluster-year, sent to two API instances on the same DATA_DIR
 * (two SQLite connections, two decider runners: revisions really collide across them), some carrying a
 * stale-to-be If-Match. Each is either recorded exactly once (201) or answered 409; no 5xx; the log's
 * positions are contiguous and its chain verifies; the ranking equals both the one computed here from the
 * acknowledged points and the one a rebuild of the projection gives.
 */
import { allProjections } from '@thidua/projections';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@thidua/event-store';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitUntil } from '../support/wait-until.js';
import { expectOk, fetchHttp, type Http, type HttpAnswer } from './support/http.js';
import {
  buildClusterYear,
  signTokens,
  allUnitIds,
  STREAM,
  UNITS,
  YEAR_PATH,
  type Tokens,
} from './support/world.js';

const COMMANDS = 200;
const WITH_IF_MATCH = 20;
const OPTIONS = { extraMembers: 5, extraCriteria: 5, openPeriods: ['Q1'] };

interface Sent {
  unitId: string;
  criterion: string;
  points: number;
  assessment: 'self' | 'cluster';
  ifMatch: boolean;
  answer?: HttpAnswer;
}

async function listen(t: TestApp): Promise<Http> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as { port: number };
  return fetchHttp(`http://127.0.0.1:${port}`);
}

describe('200 concurrent commands on one cluster-year, through two API instances (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let httpA: Http;
  let httpB: Http;
  let store: EventStore;
  let tokens: Tokens;
  let members: string[];
  let criteria: Array<{ code: string; maxPoints: number; kind: string }>;
  const sent: Sent[] = [];
  let headBefore: number;

  beforeAll(async () => {
    a = await startTestApp({
      projections: allProjections,
      env: { RATE_LIMIT: '0', READ_WAIT_MAX_MS: '20000' },
    });
    // The second instance writes to the same log; the projections run in the first only.
    b = await startTestApp({
      dataDir: a.dataDir,
      projections: allProjections,
      env: { RATE_LIMIT: '0', PROJECTIONS_IN_PROCESS: 'false' },
    });
    [httpA, httpB] = [await listen(a), await listen(b)];
    store = a.app.get<EventStore>(EVENT_STORE);
    tokens = await signTokens((c) => a.token(c), allUnitIds(OPTIONS));
    ({ members, criteria } = await buildClusterYear(httpA, tokens, OPTIONS));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('records each command once or answers 409, never 5xx', async () => {
    // Every (member, criterion) once as the unit's self score and once as the cluster's score.
    for (const assessment of ['self', 'cluster'] as const)
      for (const unitId of members)
        for (const [i, c] of criteria.entries())
          sent.push({
            unitId,
            criterion: c.code,
            points:
              (members.indexOf(unitId) * 3 + i * 7 + (assessment === 'cluster' ? 1 : 0)) % (c.maxPoints + 1),
            assessment,
            ifMatch: false,
          });
    expect(sent).toHaveLength(COMMANDS);
    for (let i = 0; i < WITH_IF_MATCH; i++) sent[i * 10]!.ifMatch = true;
    const revisionBefore = (await store.readStream(STREAM)).at(-1)!.revision;
    headBefore = await store.headPosition();

    await Promise.all(
      sent.map(async (s, i) => {
        // The chair unit gives the cluster scores; its own come from the organizer (nobody scores itself).
        const token =
          s.assessment === 'self'
            ? tokens.officer(s.unitId)
            : s.unitId === UNITS.chair.id
              ? tokens.organizer
              : tokens.officer(UNITS.chair.id);
        s.answer = await (i % 2 === 0 ? httpA : httpB)('POST', `${YEAR_PATH}/scores`, {
          token,
          body: {
            unitId: s.unitId,
            period: 'Q1',
            criterion: s.criterion,
            points: s.points,
            assessment: s.assessment,
          },
          ...(s.ifMatch && { headers: { 'if-match': String(revisionBefore) } }),
        });
      }),
    );

    const statuses = sent.map((s) => s.answer!.status);
    expect(statuses.filter((st) => st !== 201 && st !== 409)).toEqual([]);
    for (const s of sent.filter((x) => x.answer!.status === 409))
      expect(s.answer!.body.code).toBe('REVISION_CONFLICT');
    // Commands without If-Match are retried on a conflict: all of them land.
    expect(sent.filter((s) => !s.ifMatch && s.answer!.status !== 201)).toEqual([]);
    // At most one of those expecting the pre-burst revision can have been first.
    expect(sent.filter((s) => s.ifMatch && s.answer!.status === 201).length).toBeLessThanOrEqual(1);
  });

  it('holds each acknowledged command exactly once, at the position it was answered, and nothing else', async () => {
    const events = await store.readStream(STREAM);
    const recorded = events.filter((e) => e.position > headBefore && e.type === 'ScoreRecorded');
    const acked = sent.filter((s) => s.answer!.status === 201);
    expect(recorded).toHaveLength(acked.length);
    const byId = new Map<string, StoredEvent>(events.map((e) => [e.eventId, e]));
    for (const s of acked) {
      const { entryId, eventIds, position } = s.answer!.body as {
        entryId: string;
        eventIds: string[];
        position: number;
      };
      expect(eventIds).toHaveLength(1);
      const event = byId.get(eventIds[0]!);
      expect(event).toMatchObject({ position, type: 'ScoreRecorded' });
      expect(event!.data).toMatchObject({
        entryId,
        unitId: s.unitId,
        criterion: s.criterion,
        points: s.points,
      });
      expect(recorded.filter((e) => e.data['entryId'] === entryId)).toHaveLength(1);
    }
  });

  it('keeps positions contiguous 1..head and the hash chain intact', async () => {
    const head = await store.headPosition();
    const positions: number[] = [];
    for (let after = 0; ;) {
      const batch = await store.readAll({ after, batchSize: 500 });
      if (batch.length === 0) break;
      positions.push(...batch.map((e) => e.position));
      after = batch.at(-1)!.position;
    }
    expect(positions).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const verify = await expectOk(httpA, 'GET', '/audit/verify', { token: tokens.inspector });
    expect(verify.body).toMatchObject({ ok: true, headPosition: head });
  });

  it('ranks as computed from the acknowledged points, and a rebuild of the projection gives the same document', async () => {
    const head = await store.headPosition();
    const live = await expectOk(httpA, 'GET', `${YEAR_PATH}/rankings/Q1?minPosition=${head}`, {
      token: tokens.viewer,
    });
    // Independent of the evaluator: cluster score over self score, bonus adds, penalty subtracts.
    const kind = new Map(criteria.map((c) => [c.code, c.kind]));
    const expected = new Map<string, number>();
    for (const unitId of members) {
      let total = 0;
      for (const c of criteria) {
        const pick = (assessment: string) =>
          sent.find(
            (s) =>
              s.unitId === unitId &&
              s.criterion === c.code &&
              s.assessment === assessment &&
              s.answer!.status === 201,
          );
        const counted = pick('cluster') ?? pick('self');
        if (counted) total += (kind.get(c.code) === 'penalty' ? -1 : 1) * counted.points;
      }
      expected.set(unitId, total);
    }
    const rows = live.body.rows as Array<{ unitId: string; total: number }>;
    expect(new Map(rows.map((r) => [r.unitId, r.total]))).toEqual(expected);

    const generation = async () =>
      (
        (await expectOk(httpA, 'GET', '/admin/projections', { token: tokens.admin })).body as Array<{
          name: string;
          generation: number;
          status: string;
          position: number;
        }>
      ).find((p) => p.name === 'rankings')!;
    const g = (await generation()).generation;
    const res = await httpA('POST', '/admin/projections/rankings/rebuild', { token: tokens.admin });
    expect(res.status).toBe(202);
    await waitUntil(
      async () => {
        const s = await generation();
        return s.generation > g && s.status === 'running' && s.position >= head;
      },
      'the rebuilt rankings generation to serve',
      20_000,
    );
    const rebuilt = await expectOk(httpA, 'GET', `${YEAR_PATH}/rankings/Q1?minPosition=${head}`, {
      token: tokens.viewer,
    });
    expect(rebuilt.body).toEqual(live.body);
  });
});
