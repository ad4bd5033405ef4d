/**
 * The real API as a child process with its default PROJECTION_THREAD=worker: the projections run on a
 * worker thread of the process, not on the thread that answers HTTP. Checked from outside: the worker's
 * log lines, reads that wait for a command's position (read-your-writes through the follower), an admin
 * rebuild run by the worker, and the same answers with PROJECTION_THREAD=main. The commands' appends are
 * committed on the append thread (APPEND_THREAD=worker) in the first run, on the request thread in the second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allProjections } from '@thidua/projections';
import { signAccessToken } from '../../apps/api/src/auth/jwt.js';
import { TEST_SECRET } from '../support/test-app.js';
import { waitUntil } from '../support/wait-until.js';
import { buildApi, startApiProcess, type ApiProcess } from './support/api-process.js';
import { expectOk } from './support/http.js';
import { allUnitIds, buildClusterYear, signTokens, UNITS, YEAR_PATH, type Tokens } from './support/world.js';

const root = process.cwd();
let work: string;
let entry: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'thidua-projection-thread-'));
  entry = buildApi(root, join(work, 'build'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('projections on a worker thread of the API (int)', () => {
  let api: ApiProcess | undefined;
  afterEach(async () => api?.stop());

  async function scoreAndRead(thread: 'worker' | 'main') {
    const dataDir = join(work, `data-${thread}`);
    api = await startApiProcess(entry, {
      dataDir,
      env: { LOG_LEVEL: 'info', PROJECTION_THREAD: thread, APPEND_THREAD: thread },
    });
    const http = api.http;
    const key = new TextEncoder().encode(TEST_SECRET);
    const tokens: Tokens = await signTokens((c) => signAccessToken(key, c), allUnitIds());
    const { criteria } = await buildClusterYear(http, tokens);
    const rankings: unknown[] = [];
    for (const [i, unit] of [UNITS.chair, UNITS.own].entries()) {
      const scored = await expectOk(http, 'POST', `${YEAR_PATH}/scores`, {
        token: tokens.officer(unit.id),
        body: {
          unitId: unit.id,
          period: 'Q1',
          criterion: criteria[0]!.code,
          assessment: 'self',
          points: 10 + i,
        },
      });
      // Read-your-writes: the ranking waits for the command's position, then shows it.
      const ranking = await expectOk(
        http,
        'GET',
        `${YEAR_PATH}/rankings/Q1?minPosition=${scored.body.position as number}`,
        { token: tokens.viewer },
      );
      rankings.push(ranking.body);
    }
    const rows = (rankings[1] as { rows: Array<{ unitId: string }> }).rows.map((r) => r.unitId);
    expect(rows).toEqual(expect.arrayContaining([UNITS.chair.id, UNITS.own.id]));
    const status = await expectOk(http, 'GET', '/admin/projections', { token: tokens.admin });
    const names = (status.body as Array<{ name: string; status: string }>).map((p) => p.name);
    // Every projection of the build, issue 12's people and reported figures included.
    expect(names.sort()).toEqual(allProjections.map((d) => d.name).sort());
    expect(names).toEqual(expect.arrayContaining(['people', 'reported-figures', 'unit-history']));

    // An admin rebuild is run by whoever runs the projections, and switches generations.
    const before = (status.body as Array<{ name: string; generation: number }>).find(
      (p) => p.name === 'rankings',
    )!;
    const accepted = await http('POST', '/admin/projections/rankings/rebuild', { token: tokens.admin });
    expect(accepted.status).toBe(202);
    await waitUntil(
      async () => {
        const now = await expectOk(http, 'GET', '/admin/projections', { token: tokens.admin });
        const r = (now.body as Array<{ name: string; generation: number; status: string }>).find(
          (p) => p.name === 'rankings',
        )!;
        return r.generation > before.generation && r.status === 'running';
      },
      'the rebuilt generation served',
      20_000,
    );
    return { output: api.output(), rankings };
  }

  it('runs them on the worker by default and serves what the request thread would', async () => {
    const worker = await scoreAndRead('worker');
    expect(worker.output).toContain('"thread":"worker"');
    expect(worker.output).toContain('"appendThread":true'); // the commands' appends too (APPEND_THREAD)
    await api!.stop();
    api = undefined;
    const main = await scoreAndRead('main');
    expect(main.output).not.toContain('"thread":"worker"');
    expect(main.output).not.toContain('"appendThread":true');
    const strip = (r: unknown) =>
      JSON.parse(
        JSON.stringify(r, (k, v) =>
          ['position', 'asOf', 'entryId', 'currentDigest'].includes(k) ? undefined : v,
        ),
      );
    expect(strip(worker.rankings)).toEqual(strip(main.rankings));
  }, 120_000);
});
