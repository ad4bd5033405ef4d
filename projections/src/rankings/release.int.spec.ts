import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type NewEvent, openSqliteEventStore } from '@thidua/event-store';
import { canonicalJson, evaluateRanking, isReleased, type PeriodCode } from '@thidua/domain';
import { rankingDocument, RANKINGS_COLLECTION, type RankingDocument } from './ranking-document.js';
import { rankingsProjection } from './rankings.projection.js';
import { MemoryView, readLog, unitNamesIn } from '../testing/rankings/projection-harness.js';
import { syntheticWorld, syntheticYear } from '../testing/rankings/synthetic-year.js';

let dir: string;
let events: EventStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rankings-release-'));
  events = await openSqliteEventStore(join(dir, 'events.sqlite'));
});
afterAll(async () => {
  await events.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rankings projection: closed periods give up their entries', () => {
  it('a late correction of a released period folds the stream again and ranks exactly as the evaluator', async () => {
    const year = syntheticYear({ clusterId: 'cum-tha', year: 2024, units: 5, criteria: 6, seed: 11 });
    for (const { streamId, event } of syntheticWorld([year])) await events.append(streamId, [event], 'any');
    for (const phase of year.phases) await events.append(year.streamId, phase, 'any');
    // After the whole year (every period closed, the election held): a correction of a Q1 entry.
    const q1 = year.phases.flat().find((e) => e.type === 'ScoreRecorded' && e.data['period'] === 'Q1')!;
    const late: NewEvent = {
      eventId: '00000000-0000-4000-8000-ffffffffffff',
      type: 'ScoreCorrected',
      data: { ...q1.data, previousPoints: q1.data['points'], points: 0, reason: 'Khiếu nại muộn' },
      metadata: { ...q1.metadata, occurredAt: '2025-01-20T08:00:00.000Z', reason: 'Khiếu nại muộn' },
    };
    await events.append(year.streamId, [late], 'any');

    const log = await readLog(events);
    const projection = rankingsProjection();
    const view = new MemoryView(events);
    for (let i = 0; i < log.length; i += 40) {
      const batch = log.slice(i, i + 40).filter((e) => projection.handles.includes(e.type));
      for (const e of batch) view.apply(await projection.evolve(e, view));
      view.apply(await projection.flush!(view));
    }
    // Q1 was released once Q2 closed: the late correction made the cache read the stream, once.
    expect(projection.cache.reads).toBe(1);

    const stream = log.filter((e) => e.streamId === year.streamId);
    // syntheticWorld registers the units: every row carries its unit's name.
    const names = unitNamesIn(log);
    const docs = [...view.docs.entries()]
      .filter(([key]) => key.startsWith(`${RANKINGS_COLLECTION}/`))
      .map(([, doc]) => doc) as unknown as RankingDocument[];
    expect(docs.map((d) => d.period).sort()).toEqual(['H1', 'M9', 'Q1', 'Q2', 'Q3', 'Q4', 'Y']);
    for (const doc of docs) {
      const upTo = stream.filter((e) => e.position <= doc.position);
      expect(canonicalJson(doc)).toBe(
        canonicalJson(rankingDocument(evaluateRanking(upTo, doc.period as PeriodCode), year.streamId, names)),
      );
    }
    const q1Doc = view.docs.get(`${RANKINGS_COLLECTION}/cum-tha:2024:Q1`) as unknown as RankingDocument;
    expect(q1Doc).toMatchObject({ status: 'revised', position: stream[stream.length - 1]!.position });
  });

  it('moves a released period on from its stored document, and folds the stream again when that document is not the ranking it kept', async () => {
    const year = syntheticYear({ clusterId: 'cum-ha', year: 2024, units: 5, criteria: 6, seed: 12 });
    for (const { streamId, event } of syntheticWorld([year])) await events.append(streamId, [event], 'any');
    for (const phase of year.phases) await events.append(year.streamId, phase, 'any');
    const log = await readLog(events);
    const stream = log.filter((e) => e.streamId === year.streamId);
    const names = unitNamesIn(log);
    // Every period is closed before the last phase (the election), which concerns every period.
    const electionStart = stream[stream.length - year.phases.at(-1)!.length]!.position;
    const handled = log.filter((e) => rankingsProjection().handles.includes(e.type));

    async function run(tamper: boolean) {
      const projection = rankingsProjection();
      const view = new MemoryView(events);
      const feed = async (batch: typeof log): Promise<void> => {
        for (const e of batch) view.apply(await projection.evolve(e, view));
        view.apply(await projection.flush!(view));
      };
      await feed(handled.filter((e) => e.position < electionStart));
      const q1 = view.docs.get(`${RANKINGS_COLLECTION}/cum-ha:2024:Q1`) as unknown as RankingDocument;
      expect(q1.status).toBe('closed');
      // Someone changed a released period's document in the read store: a row's total.
      if (tamper) q1.rows[0]!.total += 1;
      await feed(handled.filter((e) => e.position >= electionStart));
      for (const period of ['Q1', 'Q2', 'Y'] as const) {
        const doc = view.docs.get(
          `${RANKINGS_COLLECTION}/cum-ha:2024:${period}`,
        ) as unknown as RankingDocument;
        expect(doc.position).toBe(stream[stream.length - 1]!.position);
        expect(canonicalJson(doc)).toBe(
          canonicalJson(rankingDocument(evaluateRanking(stream, period), year.streamId, names)),
        );
      }
      return projection;
    }

    // The election moved the released periods' documents on from the stored documents, reading nothing.
    const clean = await run(false);
    expect(clean.stats.fromDocuments).toBeGreaterThan(0);
    expect(clean.cache.reads).toBe(0);
    // A stored document whose rows no longer give the digest kept: the stream is folded again instead.
    const tampered = await run(true);
    expect(tampered.cache.reads).toBe(1);
  });

  it("gives up the year's last closed period once the cluster's next year begins, and a late event on it still ranks exactly", async () => {
    const y1 = syntheticYear({ clusterId: 'cum-nam', year: 2024, units: 4, criteria: 5, seed: 21 });
    const y2 = syntheticYear({ clusterId: 'cum-nam', year: 2025, units: 4, criteria: 5, seed: 22 });
    for (const { streamId, event } of syntheticWorld([y1, y2])) await events.append(streamId, [event], 'any');
    for (const phase of y1.phases) await events.append(y1.streamId, phase, 'any');
    const beforeNextYear = await events.headPosition();
    await events.append(y2.streamId, y2.phases[0]!, 'any');
    // After the new year began: a correction of a score of the old year's last period (Y).
    const yScore = y1.phases.flat().find((e) => e.type === 'ScoreRecorded' && e.data['period'] === 'Y')!;
    await events.append(
      y1.streamId,
      [
        {
          eventId: '00000000-0000-4000-8000-fffffffffffe',
          type: 'ScoreCorrected',
          data: { ...yScore.data, previousPoints: yScore.data['points'], points: 0, reason: 'Muộn' },
          metadata: { ...yScore.metadata, occurredAt: '2025-03-20T08:00:00.000Z', reason: 'Muộn' },
        },
      ],
      'any',
    );
    const log = await readLog(events);
    const projection = rankingsProjection();
    const handled = log.filter((e) => projection.handles.includes(e.type));
    const view = new MemoryView(events);
    const feed = async (batch: typeof log): Promise<void> => {
      for (const e of batch) view.apply(await projection.evolve(e, view));
      view.apply(await projection.flush!(view));
    };
    await feed(handled.filter((e) => e.position <= beforeNextYear));
    const [fold] = projection.cache.foldsOf(y1.streamId);
    // The year's other periods were released as later ones closed; Y, the last, is still held.
    expect(isReleased(fold!, 'Q4')).toBe(true);
    expect(isReleased(fold!, 'Y')).toBe(false);
    const late = handled[handled.length - 1]!;
    await feed(handled.filter((e) => e.position > beforeNextYear && e !== late));
    expect(isReleased(fold!, 'Y')).toBe(true);
    expect(projection.cache.reads).toBe(0);
    await feed([late]);
    expect(projection.cache.reads).toBe(1);
    const stream = log.filter((e) => e.streamId === y1.streamId);
    const doc = view.docs.get(`${RANKINGS_COLLECTION}/cum-nam:2024:Y`) as unknown as RankingDocument;
    expect(doc.position).toBe(late.position);
    expect(canonicalJson(doc)).toBe(
      canonicalJson(rankingDocument(evaluateRanking(stream, 'Y'), y1.streamId, unitNamesIn(log))),
    );
  });
});
