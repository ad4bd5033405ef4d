import type { AddressInfo } from 'node:net';
import { clusterDirectoryProjection, rankingsProjection } from '@thidua/projections';
import { publishedContract } from './support/contract.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { expectOk, fetchHttp, type Http } from './hardening/support/http.js';
import {
  allUnitIds,
  buildClusterYear,
  signTokens,
  UNITS,
  YEAR_PATH,
  type Tokens,
} from './hardening/support/world.js';

/**
 * GET /clusters/{c}/years/{y}/changes end to end, over a real socket: a score recorded through the API
 * reaches an open stream once the projections have it, a dropped stream resumes with Last-Event-ID
 * without a gap or a repeat, idle streams get heartbeats, and a process keeps a bounded number open.
 */
interface Message {
  id?: string;
  event?: string;
  data?: string;
}

/** A live-update stream read with fetch (EventSource cannot send the bearer token), parsed as SSE. */
class Stream {
  readonly messages: Message[] = [];
  readonly comments: string[] = [];
  private buffer = '';
  private wake: (() => void) | undefined;
  private ended = false;

  constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    void this.pump();
  }

  private async pump(): Promise<void> {
    const reader = this.response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.buffer += value;
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          this.take(this.buffer.slice(0, end));
          this.buffer = this.buffer.slice(end + 2);
        }
        this.wake?.();
      }
    } catch {
      // aborted by close()
    }
    this.ended = true;
    this.wake?.();
  }

  private take(block: string): void {
    const message: Message = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) message.id = line.slice(4);
      else if (line.startsWith('event: ')) message.event = line.slice(7);
      else if (line.startsWith('data: ')) message.data = line.slice(6);
    }
    if (message.data !== undefined) this.messages.push(message);
  }

  /** Waits until `ready()` holds (or fails after `ms`). */
  async until(ready: () => boolean, what: string, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ready()) {
      if (this.ended) throw new Error(`stream ended before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${ms} ms (got ${JSON.stringify(this.messages)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  changes(): Array<Record<string, unknown>> {
    return this.messages.map((m) => JSON.parse(m.data!) as Record<string, unknown>);
  }

  close(): void {
    this.abort.abort();
  }
}

describe('live updates of a cluster-year (Server-Sent Events, e2e)', () => {
  let t: TestApp;
  let http: Http;
  let tokens: Tokens;
  let base: string;
  const streams: Stream[] = [];
  /** (period, criterion) slots of the own unit's self score not used yet. */
  const slots = ['xd-dang', 'chuyen-mon', 'phong-trao'].flatMap((c) =>
    ['Q1', 'Q2'].map((p) => [p, c] as const),
  );

  const open = async (headers: Record<string, string> = {}, token: string | undefined = tokens.viewer) => {
    const abort = new AbortController();
    const response = await fetch(`${base}${YEAR_PATH}/changes`, {
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...headers },
      signal: abort.signal,
    });
    const stream = new Stream(response, abort);
    streams.push(stream);
    return stream;
  };
  const score = async (): Promise<number> => {
    const [period, criterion] = slots.shift()!;
    const res = await expectOk(http, 'POST', `${YEAR_PATH}/scores`, {
      token: tokens.officer(UNITS.own.id),
      body: { unitId: UNITS.own.id, period, criterion, points: 7, assessment: 'self' },
    });
    return res.body.position as number;
  };
  const ids = (s: Stream) => s.messages.map((m) => Number(m.id));

  beforeAll(async () => {
    t = await startTestApp({
      projections: [clusterDirectoryProjection(), rankingsProjection()],
      env: { RATE_LIMIT: '0', SSE_HEARTBEAT_MS: '200', SSE_MAX_STREAMS: '2' },
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    http = fetchHttp(base);
    tokens = await signTokens((c) => t.token(c), allUnitIds());
    await buildClusterYear(http, tokens, { openPeriods: ['Q1', 'Q2'] });
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    // The server sees the hang-ups before the next test counts its open streams.
    await new Promise((resolve) => setTimeout(resolve, 100));
  });
  afterAll(() => t.close());

  it('tells an open stream that a score moved the projections, once they have it', async () => {
    const stream = await open();
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const position = await score();
    await stream.until(() => stream.messages.length >= 1, 'change');
    const [message] = stream.messages;
    expect(message).toMatchObject({ id: String(position), event: 'change' });
    const change = stream.changes()[0]!;
    expect(change).toEqual({
      clusterId: 'bca-cum-2',
      year: 2021,
      position,
      eventId: expect.any(String),
      type: 'ScoreRecorded',
      period: 'Q1',
      projections: ['rankings'], // of this app's projections, the one that handles ScoreRecorded
    });
    // Each message keeps the published contract.
    expect(publishedContract().checkSchema('ClusterYearChange', change)).toEqual([]);
    // Announced once applied: the ranking shows the score without waiting.
    const ranking = await expectOk(http, 'GET', `${YEAR_PATH}/rankings/Q1`, { token: tokens.viewer });
    const row = ranking.body.rows.find((r: { unitId: string }) => r.unitId === UNITS.own.id);
    expect(row.criteria).toContainEqual(expect.objectContaining({ code: 'xd-dang', points: 7 }));
  });

  it('sends a heartbeat on an idle stream', async () => {
    const stream = await open();
    await stream.until(() => stream.comments.includes('heartbeat'), 'heartbeat', 5000);
    expect(stream.messages).toEqual([]);
  });

  it('resumes after Last-Event-ID: what was missed, in order, then live, each once', async () => {
    const first = await open();
    const seen = await score();
    await first.until(() => ids(first).includes(seen), 'the first change');
    first.close();
    const missed = [await score(), await score()];
    const resumed = await open({ 'last-event-id': String(seen) });
    await resumed.until(() => resumed.messages.length >= 2, 'the missed changes');
    const live = await score();
    await resumed.until(() => ids(resumed).includes(live), 'the live change');
    expect(ids(resumed)).toEqual([...missed, live]);
    expect(resumed.changes().map((c) => c['type'])).toEqual([
      'ScoreRecorded',
      'ScoreRecorded',
      'ScoreRecorded',
    ]);
  });

  it('keeps at most SSE_MAX_STREAMS open: one more answers 503 with Retry-After, a closed one frees a place', async () => {
    const a = await open();
    await open();
    const refused = await fetch(`${base}${YEAR_PATH}/changes`, {
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_STREAMS' });
    a.close();
    let again: Stream | undefined;
    for (let i = 0; i < 50 && again?.response.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await open();
    }
    expect(again?.response.status).toBe(200);
  });

  it('refuses what it cannot serve: no token, an unknown cluster-year, a bad or future Last-Event-ID', async () => {
    expect((await http('GET', `${YEAR_PATH}/changes`)).status).toBe(401);
    const unknown = await http('GET', '/clusters/bca-cum-2/years/2030/changes', { token: tokens.viewer });
    expect(unknown.body).toMatchObject({ code: 'CLUSTER_YEAR_NOT_FOUND', field: 'year' });
    const bad = await http('GET', `${YEAR_PATH}/changes`, {
      token: tokens.viewer,
      headers: { 'last-event-id': 'x' },
    });
    expect({ status: bad.status, field: bad.body.field }).toEqual({ status: 400, field: 'Last-Event-ID' });
    const head = (await score()) + 0;
    const future = await http('GET', `${YEAR_PATH}/changes`, {
      token: tokens.viewer,
      headers: { 'last-event-id': String(head + 100) },
    });
    expect({ status: future.status, body: future.body }).toEqual({
      status: 422,
      body: expect.objectContaining({ code: 'LAST_EVENT_ID_BEYOND_HEAD', head }),
    });
  });
});
