/**
 * The same Idempotency-Key sent 20 times at once records one event and every request gets the same answer;
 * the same key with another body is refused (422) and records nothing; and after the app is closed and a
 * new one started on the same DATA_DIR, the key still answers the first answer and records nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fetchHttp, type Http, type HttpAnswer } from './support/http.js';
import {
  allUnitIds,
  buildClusterYear,
  signTokens,
  SPARE_UNIT,
  STREAM,
  UNITS,
  YEAR_PATH,
  type Tokens,
} from './support/world.js';

const TIMES = 20;

const score = (points: number, criterion = 'chuyen-mon') => ({
  unitId: UNITS.own.id,
  period: 'Q1',
  criterion,
  points,
  assessment: 'self',
});

describe('Idempotency-Key: concurrent repeats and a restart on the same DATA_DIR (e2e)', () => {
  let dataDir: string;
  let t: TestApp;
  let http: Http;
  let tokens: Tokens;

  const start = async () => {
    t = await startTestApp({ dataDir, env: { RATE_LIMIT: '0' } });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as { port: number };
    http = fetchHttp(`http://127.0.0.1:${port}`);
  };
  const store = () => t.app.get<EventStore>(EVENT_STORE);
  const head = () => store().headPosition();
  const burst = (times: number, path: string, token: string, key: string, body: (i: number) => object) =>
    Promise.all(
      Array.from({ length: times }, (_, i) =>
        http('POST', path, { token, body: body(i), headers: { 'idempotency-key': key } }),
      ),
    );
  const scoreEvents = async (entryId: string) =>
    (await store().readStream(STREAM)).filter(
      (e) => e.type === 'ScoreRecorded' && e.data['entryId'] === entryId,
    );

  /** First answers, kept to compare with the answers after the restart. */
  let firstScore: HttpAnswer;
  let firstAdmission: HttpAnswer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'thidua-idempotency-'));
    await start();
    tokens = await signTokens((c) => t.token(c), allUnitIds());
    await buildClusterYear(http, tokens);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`records one score for ${TIMES} concurrent requests with the same key and body, all answered alike`, async () => {
    const before = await head();
    const answers = await burst(
      TIMES,
      `${YEAR_PATH}/scores`,
      tokens.officer(UNITS.own.id),
      'ktnv-q1-cm-1',
      () => score(44.5),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(TIMES).fill(201));
    firstScore = answers[0]!;
    for (const a of answers) expect(a.body).toEqual(firstScore.body);
    expect(await head()).toBe(before + 1);
    expect(await scoreEvents(firstScore.body.entryId)).toHaveLength(1);
  });

  it(`admits a unit once for ${TIMES} concurrent admissions with the same key (two streams written)`, async () => {
    const before = await head();
    const answers = await burst(TIMES, `${YEAR_PATH}/members`, tokens.organizer, 'admit-cstmt-2021', () => ({
      unitId: SPARE_UNIT.id,
    }));
    expect(answers.map((a) => a.status)).toEqual(Array(TIMES).fill(201));
    firstAdmission = answers[0]!;
    for (const a of answers) expect(a.body).toEqual(firstAdmission.body);
    expect(await head()).toBe(before + 2); // the reservation and the admission
    const admitted = (await store().readStream(STREAM)).filter(
      (e) => e.type === 'UnitAdmitted' && e.data['unitId'] === SPARE_UNIT.id,
    );
    expect(admitted).toHaveLength(1);
  });

  it('records one event when the same key comes with two different bodies at once; the other body gets 422', async () => {
    const before = await head();
    const answers = await burst(
      TIMES,
      `${YEAR_PATH}/scores`,
      tokens.officer(UNITS.own.id),
      'ktnv-q1-xd-1',
      (i) => score(i % 2 === 0 ? 20 : 21, 'xd-dang'),
    );
    const created = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(created.length).toBeGreaterThan(0);
    for (const a of created) expect(a.body).toEqual(created[0]!.body);
    for (const a of refused)
      expect(a).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    // Only requests carrying the body that won were answered 201.
    const recorded = await scoreEvents(created[0]!.body.entryId);
    expect(recorded).toHaveLength(1);
    const winner = recorded[0]!.data['points'];
    expect(created).toHaveLength(answers.filter((_, i) => (i % 2 === 0 ? 20 : 21) === winner).length);
    expect(await head()).toBe(before + 1);
  });

  it('after a restart on the same DATA_DIR: the same answers, nothing recorded; another body still 422', async () => {
    await t.close();
    await start();
    const before = await head();
    const scoreAgain = await burst(
      5,
      `${YEAR_PATH}/scores`,
      tokens.officer(UNITS.own.id),
      'ktnv-q1-cm-1',
      () => score(44.5),
    );
    for (const a of scoreAgain) expect(a).toMatchObject({ status: 201, body: firstScore.body });
    const admitAgain = await http('POST', `${YEAR_PATH}/members`, {
      token: tokens.organizer,
      body: { unitId: SPARE_UNIT.id },
      headers: { 'idempotency-key': 'admit-cstmt-2021' },
    });
    expect(admitAgain).toMatchObject({ status: 201, body: firstAdmission.body });
    const other = await http('POST', `${YEAR_PATH}/scores`, {
      token: tokens.officer(UNITS.own.id),
      body: score(43),
      headers: { 'idempotency-key': 'ktnv-q1-cm-1' },
    });
    expect(other).toMatchObject({
      status: 422,
      body: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' },
    });
    expect(await head()).toBe(before);
    expect(await scoreEvents(firstScore.body.entryId)).toHaveLength(1);
  });

  it('scopes a key to its caller: another officer reusing it records its own command', async () => {
    const before = await head();
    const res = await http('POST', `${YEAR_PATH}/scores`, {
      token: tokens.officer(UNITS.other.id),
      body: { ...score(30), unitId: UNITS.other.id },
      headers: { 'idempotency-key': 'ktnv-q1-cm-1' },
    });
    expect(res.status).toBe(201);
    expect(res.body.entryId).not.toBe(firstScore.body.entryId);
    expect(await head()).toBe(before + 1);
  });
});
