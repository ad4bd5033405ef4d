/**
 * The real API as a child process (`node main.js` on a temp DATA_DIR) while clients send score commands
 * concurrently, each acknowledged one (201: eventIds, position) recorded here. The process is SIGKILLed at
 * a random moment (after a random number of acknowledgements, commands still in flight), restarted on the
 * same files, and then: every acknowledged event is in the log at its acknowledged position, the hash chain
 * verifies, and the projections serve the same documents as a rebuild from the log. Ten times over.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAccessToken } from '../../apps/api/src/auth/jwt.js';
import { openSqliteEventStore } from '@thidua/event-store';
import { DIRECTORY_PROJECTION, RANKINGS_PROJECTION, UNIT_HISTORY_PROJECTION } from '@thidua/projections';
import { TEST_SECRET } from '../support/test-app.js';
import { waitUntil } from '../support/wait-until.js';
import { buildApi, startApiProcess, type ApiProcess } from './support/api-process.js';
import { expectOk, type Http } from './support/http.js';
import {
  allUnitIds,
  buildClusterYear,
  signTokens,
  STREAM,
  UNITS,
  YEAR_PATH,
  type Tokens,
} from './support/world.js';

const KILLS = 10;
const CLIENTS = 8;
const PERIODS = ['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'M9', 'Y'];
const OPTIONS = { extraMembers: 5, extraCriteria: 15, openPeriods: PERIODS };

interface Ack {
  eventIds: string[];
  position: number;
  revision: number;
}

interface Slot {
  unitId: string;
  period: string;
  criterion: string;
  assessment: 'self' | 'cluster';
  points: number;
}

const root = process.cwd();
let work: string;
let entry: string;
let buildMs: number;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'thidua-http-crash-'));
  const started = Date.now();
  entry = buildApi(root, join(work, 'build'));
  buildMs = Date.now() - started;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('HTTP crash: SIGKILL the API while commands are acknowledged, restart, check (int)', () => {
  let api: ApiProcess | undefined;
  afterAll(async () => api?.kill());

  it(`keeps every acknowledged command, a valid chain and rebuild-equal projections across ${KILLS} kills`, async () => {
    expect(buildMs).toBeGreaterThan(0); // the build ran (its duration is reported below, not judged)
    const dataDir = join(work, 'data');
    const start = () => startApiProcess(entry, { dataDir, env: { READ_WAIT_MAX_MS: '20000' } });
    api = await start();
    const http = api.http;
    const key = new TextEncoder().encode(TEST_SECRET);
    const tokens: Tokens = await signTokens((c) => signAccessToken(key, c), allUnitIds(OPTIONS));
    const { members, criteria } = await buildClusterYear(http, tokens, OPTIONS);

    // Every scoring slot once: member × criterion × period, as the unit's self score and the chair's.
    const slots: Slot[] = [];
    for (const period of PERIODS)
      for (const assessment of ['self', 'cluster'] as const)
        for (const unitId of members)
          for (const [i, c] of criteria.entries())
            slots.push({
              unitId,
              period,
              criterion: c.code,
              assessment,
              points: (i * 7 + slots.length) % c.maxPoints,
            });
    const acked: Ack[] = [];
    const report: string[] = [];

    for (let round = 1; round <= KILLS; round++) {
      // Randomness decides when the kill lands (how many acknowledgements first), never what passes.
      const killAfter = 1 + Math.floor(Math.random() * 120);
      const current = api!;
      let ackedThisRound = 0;
      let inFlightAtKill = 0;
      let inFlight = 0;
      let killing: Promise<void> | undefined;
      const client = async () => {
        while (!killing) {
          const slot = slots.shift();
          if (!slot) throw new Error('out of scoring slots: raise OPTIONS');
          // The chair unit gives the cluster scores; its own come from the organizer (nobody scores itself).
          const token =
            slot.assessment === 'self'
              ? tokens.officer(slot.unitId)
              : slot.unitId === UNITS.chair.id
                ? tokens.organizer
                : tokens.officer(UNITS.chair.id);
          inFlight++;
          let res;
          try {
            res = await current.http('POST', `${YEAR_PATH}/scores`, { token, body: slot });
          } catch {
            return; // the connection died with the server: outcome unknown, not acknowledged
          } finally {
            inFlight--;
          }
          if (res.status !== 201) throw new Error(`score refused: ${res.status} ${JSON.stringify(res.body)}`);
          acked.push({
            eventIds: res.body.eventIds,
            position: res.body.position,
            revision: res.body.revision,
          });
          if (++ackedThisRound === killAfter && !killing) {
            inFlightAtKill = inFlight;
            killing = current.kill();
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
      await killing;
      expect(await current.exited).toMatchObject({ signal: 'SIGKILL' });

      api = await start();
      const context = `round ${round}: killed after ${killAfter} acknowledgements with ${inFlightAtKill} in flight`;
      try {
        await checkLog(api.http, tokens, acked);
        await checkProjections(api.http, tokens);
      } catch (error) {
        throw new Error(`${context}\n${(error as Error).message}\n--- API output ---\n${api.output()}`);
      }
      report.push(`${context}; ${acked.length} acknowledged so far`);
    }

    await api!.stop();
    // Positions 1..head with no gap, read from the files once the process is gone.
    const store = await openSqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      const head = await store.headPosition();
      const positions: number[] = [];
      for (let after = 0; ;) {
        const batch = await store.readAll({ after, batchSize: 5000 });
        if (batch.length === 0) break;
        positions.push(...batch.map((e) => e.position));
        after = batch.at(-1)!.position;
      }
      expect(positions).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    } finally {
      await store.close();
    }
    process.stdout.write(`http-crash: API built in ${buildMs} ms\n  ${report.join('\n  ')}\n`);
  }, 240_000);
});

/** Every acknowledged event at its acknowledged position and revision; the chain verifies. */
async function checkLog(http: Http, tokens: Tokens, acked: Ack[]): Promise<void> {
  const stored = new Map<string, { position: number; revision: number }>();
  for (let from = 0; ;) {
    const page = await expectOk(http, 'GET', `/audit/streams/${STREAM}?fromRevision=${from}&limit=1000`, {
      token: tokens.inspector,
    });
    for (const e of page.body.events as Array<{ eventId: string; position: number; revision: number }>)
      stored.set(e.eventId, { position: e.position, revision: e.revision });
    if (page.body.nextRevision === null) break;
    from = page.body.nextRevision as number;
  }
  const lost = acked.filter((a) => {
    const e = stored.get(a.eventIds[0]!);
    return !e || e.position !== a.position || e.revision !== a.revision;
  });
  expect(lost).toEqual([]);
  const verify = await expectOk(http, 'GET', '/audit/verify', { token: tokens.inspector });
  expect(verify.body).toMatchObject({ ok: true });
}

/** The served documents, caught up with the head, equal the documents of a rebuild from the log. */
async function checkProjections(http: Http, tokens: Tokens): Promise<void> {
  const head = (await expectOk(http, 'GET', '/audit/digest?heads=false', { token: tokens.inspector })).body
    .position as number;
  const read = async () => {
    const docs: Record<string, unknown> = {};
    const get = async (path: string) =>
      (
        await expectOk(http, 'GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`, {
          token: tokens.viewer,
        })
      ).body;
    docs['directory'] = await get(YEAR_PATH);
    for (const p of PERIODS) docs[`rankings ${p}`] = await get(`${YEAR_PATH}/rankings/${p}`);
    docs['history'] = await get(`/units/${UNITS.own.id}/history?limit=500`);
    return docs;
  };
  const served = await read();
  const projections = [DIRECTORY_PROJECTION, RANKINGS_PROJECTION, UNIT_HISTORY_PROJECTION];
  const status = async () =>
    (await expectOk(http, 'GET', '/admin/projections', { token: tokens.admin })).body as Array<{
      name: string;
      generation: number;
      status: string;
      position: number;
    }>;
  const before = new Map((await status()).map((s) => [s.name, s.generation]));
  for (const name of projections) {
    const res = await http('POST', `/admin/projections/${name}/rebuild`, { token: tokens.admin });
    expect(res.status).toBe(202);
  }
  await waitUntil(
    async () =>
      (await status())
        .filter((s) => projections.includes(s.name))
        .every((s) => s.generation > before.get(s.name)! && s.status === 'running' && s.position >= head),
    'the rebuilt generations to serve',
    30_000,
  );
  expect(await read()).toEqual(served);
}
