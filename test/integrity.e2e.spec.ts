/**
 * Issue 15 §1: a log tampered with while the API is stopped is never served as whole or as final, and
 * nothing is written onto it. One cluster-year with a sealed Q1 is written through the API, the API is
 * stopped, each case tampers a copy of its files with raw SQL and starts the API on it again.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { rechainLog, resealStream } from '@thidua/event-store/testing';
import { allProjections } from '@thidua/projections';
import { expectOk, supertestHttp, type Http } from './hardening/support/http.js';
import {
  buildClusterYear,
  signTokens,
  STREAM,
  type Tokens,
  UNITS,
  YEAR_PATH,
} from './hardening/support/world.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitUntil } from './support/wait-until.js';

let base: string;
let tokens: Tokens;
/** Position of the cluster score of `UNITS.own` in Q1 (the one each case tampers with), and its revision. */
let target: { position: number; revision: number };

async function start(dataDir: string): Promise<{ app: TestApp; http: Http }> {
  const app = await startTestApp({ dataDir, projections: allProjections });
  return { app, http: supertestHttp(app.server) };
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'integrity-e2e-'));
  const { app, http } = await start(join(base, 'original'));
  tokens = await signTokens((claims) => app.token(claims), [UNITS.chair.id, UNITS.own.id, UNITS.other.id]);
  await buildClusterYear(http, tokens);
  const score = (unitId: string, points: number) =>
    expectOk(http, 'POST', `${YEAR_PATH}/scores`, {
      token: tokens.officer(UNITS.chair.id),
      body: { unitId, period: 'Q1', criterion: 'chuyen-mon', points, assessment: 'cluster' },
    });
  const own = await score(UNITS.own.id, 30);
  await score(UNITS.other.id, 45);
  // Only chuyen-mon is scored: the rows miss criteria, so the close accepts them with a reason.
  await expectOk(http, 'POST', `${YEAR_PATH}/periods/Q1/close`, {
    token: tokens.organizer,
    body: { acceptIncomplete: { reason: 'Chỉ chấm tiêu chí chuyên môn' } },
  });
  const ranking = await http('GET', `${YEAR_PATH}/rankings/Q1?minPosition=${own.body.position}`, {
    token: tokens.viewer,
  });
  expect(ranking.body).toMatchObject({ finality: 'final' });
  expect(ranking.body.rows[0].unitId).toBe(UNITS.other.id);
  const db = new Database(join(base, 'original', 'events.sqlite'), { readonly: true });
  target = db
    .prepare('SELECT position, revision FROM events WHERE position = ?')
    .get(own.body.position) as typeof target;
  db.close();
  await app.close();
}, 120_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

let copies = 0;
function tampered(sql: (db: Database.Database) => void): string {
  const dir = join(base, `copy-${(copies += 1)}`);
  cpSync(join(base, 'original'), dir, { recursive: true });
  const db = new Database(join(dir, 'events.sqlite'));
  sql(db);
  db.close();
  return dir;
}

const TAMPERINGS: Array<[string, (db: Database.Database) => void, Record<string, unknown>]> = [
  [
    'a score edited to 50 points',
    (db) =>
      db
        .prepare("UPDATE events SET data = json_set(data, '$.points', 50) WHERE position = ?")
        .run(target.position),
    { streamId: STREAM, problem: 'altered' },
  ],
  ['a row deleted', (db) => db.prepare('DELETE FROM events WHERE position = ?').run(target.position), {}],
  [
    'the type column rewritten',
    (db) => db.prepare("UPDATE events SET type = 'ScoreWithdrawn' WHERE position = ?").run(target.position),
    { streamId: STREAM, problem: 'altered' },
  ],
];

describe.each(TAMPERINGS)('after %s with the API stopped', (_label, tamper, expected) => {
  let app: TestApp;
  let http: Http;
  beforeAll(async () => {
    ({ app, http } = await start(tampered(tamper)));
  });
  afterAll(() => app.close());

  it('is not ready, and says why', async () => {
    const ready = await http('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe('NOT_READY');
    expect(ready.body.message).toContain(`position ${target.position}`);
  });

  it('refuses explain and as-of instead of ranking the tampered data', async () => {
    for (const path of [
      `${YEAR_PATH}/rankings/Q1/explain`,
      `${YEAR_PATH}/rankings/Q1?asOf=${target.position}`,
    ]) {
      const res = await http('GET', path, { token: tokens.inspector });
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ code: 'INTEGRITY_FAILURE' });
      expect(res.body.message).toContain(`position ${target.position}`);
    }
  });

  it('does not serve the sealed ranking as final', async () => {
    const res = await http('GET', `${YEAR_PATH}/rankings/Q1`, { token: tokens.viewer });
    expect(res.status).toBe(200);
    expect(res.body.finality).toBe('integrity-failure');
    expect(res.body.integrityFailure).toMatchObject({ position: target.position, ...expected });
  });

  it('refuses a command on the tampered stream and writes nothing', async () => {
    const head = (await http('GET', '/audit/verify', { token: tokens.inspector })).body.headPosition;
    const res = await http('POST', `${YEAR_PATH}/periods/Q2/open`, { token: tokens.organizer });
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTEGRITY_FAILURE');
    expect((await http('GET', '/audit/verify', { token: tokens.inspector })).body.headPosition).toBe(head);
  });

  it('stops a rebuilt rankings projection at the event, with status integrity-failure', async () => {
    await expectOk(http, 'POST', '/admin/projections/rankings/rebuild', { token: tokens.admin });
    await waitUntil(
      async () => {
        const res = await http('GET', '/admin/projections', { token: tokens.admin });
        const rankings = (res.body as Array<{ name: string; status: string }>).find(
          (p) => p.name === 'rankings',
        );
        return rankings?.status === 'integrity-failure';
      },
      'the rebuild to stop at the integrity failure',
      20_000,
    );
    const res = await http('GET', '/admin/projections', { token: tokens.admin });
    const rankings = (res.body as Array<{ name: string; error?: Record<string, unknown> }>).find(
      (p) => p.name === 'rankings',
    );
    expect(rankings?.error).toMatchObject({ position: target.position });
    const ranking = await http('GET', `${YEAR_PATH}/rankings/Q1`, { token: tokens.viewer });
    expect(ranking.body.finality).not.toBe('final');
  });
});

describe('after a consistent forgery (the score re-hashed, the stream re-sealed, the log re-chained)', () => {
  let app: TestApp;
  let http: Http;
  beforeAll(async () => {
    const dir = tampered((db) => {
      db.prepare("UPDATE events SET data = json_set(data, '$.points', 50) WHERE position = ?").run(
        target.position,
      );
      resealStream(db, STREAM, target.revision);
      rechainLog(db);
    });
    rmSync(join(dir, 'read-models.sqlite'), { force: true }); // the rankings are rebuilt from the log
    ({ app, http } = await start(dir));
  });
  afterAll(() => app.close());

  it('serves the re-ranked period as an integrity failure, never as final', async () => {
    await waitUntil(
      async () => {
        const res = await http('GET', `${YEAR_PATH}/rankings/Q1`, { token: tokens.viewer });
        return res.status === 200 && res.body.rows?.[0]?.unitId === UNITS.own.id;
      },
      'the rebuilt ranking',
      20_000,
    );
    const res = await http('GET', `${YEAR_PATH}/rankings/Q1`, { token: tokens.viewer });
    expect(res.body.currentDigest).not.toBe(res.body.sealedDigest);
    expect(res.body.revisedBy).toEqual([]);
    expect(res.body.finality).toBe('integrity-failure');
  });
});
