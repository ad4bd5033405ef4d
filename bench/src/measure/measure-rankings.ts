/**
 * Measures (does not test) the rankings projection and the query-time evaluation:
 *  - events/s of a rankings rebuild over one cluster-year of ~20,000 events;
 *  - events/s of a rankings rebuild over 100 cluster-years × ~2,000 events, interleaved 10 at a time;
 *  - ms of asOf / explain / what-if on the ~20,000-event cluster-year (read from SQLite + evaluate).
 *  - the evaluator alone in memory (--only=e).
 * Run: node bench/src/measure/run-measure.mjs [--only=a|b|q|e] [--all-projections]
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type NewEvent, openSqliteEventStore, type StoredEvent } from '@thidua/event-store';
import { openSqliteReadStore } from '@thidua/read-store';
import {
  evaluateRanking,
  explainYearFold,
  foldYearEvent,
  initialYearFold,
  rankingDigestInput,
  rankYearFold,
  whatIf,
} from '@thidua/domain';
import {
  type ProjectionDefinition,
  ProjectionRunner,
  rankingDocument,
  rankingsProjection,
} from '@thidua/projections';
import { ClusterYearEvents } from '../../../apps/api/src/features/queries/cluster-year-events.js';
import { YearLogs } from '../../../apps/api/src/features/queries/year-logs.js';
import {
  ExplainRankingHandler,
  GetRankingHandler,
  WhatIfHandler,
} from '../../../apps/api/src/features/queries/rankings.handlers.js';
import {
  ExplainRankingQuery,
  GetRankingQuery,
  WhatIfQuery,
} from '../../../apps/api/src/features/queries/rankings.queries.js';
import type { UnitNameReader } from '../../../apps/api/src/features/queries/unit-names.js';
import { interleave, syntheticWorld, syntheticYear, type SyntheticYear } from '@thidua/projections/testing';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const allProjections = args.includes('--all-projections');
const dir = mkdtempSync(join(tmpdir(), 'measure-rankings-'));

async function write(events: EventStore, items: Array<{ streamId: string; event: NewEvent }>): Promise<void> {
  // Consecutive events of one stream in one append; up to 500 appends issued per tick (group commit).
  const appends: Array<{ streamId: string; events: NewEvent[] }> = [];
  for (const { streamId, event } of items) {
    const last = appends[appends.length - 1];
    if (last && last.streamId === streamId && last.events.length < 500) last.events.push(event);
    else appends.push({ streamId, events: [event] });
  }
  for (let i = 0; i < appends.length; i += 500)
    await Promise.all(appends.slice(i, i + 500).map((a) => events.append(a.streamId, a.events, 'any')));
}

const flat = (y: SyntheticYear) => y.phases.flat().map((event) => ({ streamId: y.streamId, event }));

async function rebuild(eventsFile: string, label: string): Promise<void> {
  const events = await openSqliteEventStore(eventsFile);
  const head = await events.headPosition();
  const runs: number[] = [];
  const heap: number[] = [];
  const heapBefore: number[] = [];
  for (let run = 0; run < 2; run++) {
    const reads = await openSqliteReadStore(join(dir, `reads-${label}-${run}.sqlite`));
    let definitions: ProjectionDefinition[] = [rankingsProjection()];
    if (allProjections) definitions = (await import('@thidua/projections')).allProjections;
    const runner = new ProjectionRunner(events, reads, definitions);
    global.gc?.();
    heapBefore.push(process.memoryUsage().heapUsed / 2 ** 20);
    const start = performance.now();
    await runner.start();
    const progress = setInterval(() => {
      void runner
        .status()
        .then((status) =>
          console.log(`  … ${status.map((s) => `${s.name} ${s.status} ${s.position}/${head}`).join(', ')}`),
        );
    }, 10_000);
    const reached = await runner.waitFor(head, 3_600_000);
    clearInterval(progress);
    if (!reached) throw new Error(JSON.stringify(await runner.status()));
    const ms = performance.now() - start;
    runs.push(ms);
    global.gc?.();
    heap.push(process.memoryUsage().heapUsed / 2 ** 20);
    const stall = (await runner.status()).find((s) => s.error);
    if (stall) throw new Error(JSON.stringify(stall));
    await runner.stop();
    await reads.close();
    if (allProjections) break;
  }
  await events.close();
  const best = Math.min(...runs);
  console.log(
    `${label}: ${head} events, rebuild ${best.toFixed(0)} ms (runs ${runs.map((r) => r.toFixed(0)).join(', ')}) → ${Math.round((head * 1000) / best)} events/s; heap before → after ${heapBefore.map((h, i) => `${h.toFixed(0)} → ${heap[i]!.toFixed(0)}`).join(', ')} MiB`,
  );
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(label: string, fn: () => Promise<unknown> | unknown, n = 15): Promise<void> {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  console.log(`  ${label}: median ${median(ms).toFixed(1)} ms, min ${Math.min(...ms).toFixed(1)} ms`);
}

/** The evaluator alone, in memory: folding, ranking a period, the document's digest. */
async function evaluatorOnly(big: SyntheticYear): Promise<void> {
  const events: StoredEvent[] = flat(big).map(({ event }, i) => ({
    ...event,
    streamId: big.streamId,
    revision: i,
    position: i + 1,
    metadata: { ...event.metadata, prevHash: '', hash: '' },
  }));
  console.log(`E: evaluator in memory, ${events.length} events, ${big.units.length} units`);
  let fold = initialYearFold(big.streamId);
  await time('fold every event', () => {
    fold = initialYearFold(big.streamId);
    for (const e of events) foldYearEvent(fold, e);
  });
  await time('rankYearFold Q3', () => rankYearFold(fold, 'Q3'));
  await time('explainYearFold Q3', () => explainYearFold(fold, 'Q3'));
  const ranking = rankYearFold(fold, 'Q3');
  await time('rankingDigestInput (canonicalJson)', () => rankingDigestInput(ranking));
  await time('rankingDocument (digest + sha256)', () => rankingDocument(ranking, big.streamId, () => null));
  const doc = rankingDocument(ranking, big.streamId, () => null);
  await time('JSON.stringify(document)', () => JSON.stringify(doc));
}

async function main(): Promise<void> {
  const big = syntheticYear({ clusterId: 'perf-lon', year: 2024, units: 40, criteria: 40, seed: 7 });
  if (only === 'e') {
    await evaluatorOnly(big);
    return evaluatorOnly(
      syntheticYear({ clusterId: 'perf-c0', year: 2024, units: 12, criteria: 14, seed: 100 }),
    );
  }
  const fileA = join(dir, 'events-a.sqlite');
  if (!only || only === 'a' || only === 'q') {
    const events = await openSqliteEventStore(fileA);
    await write(events, [...syntheticWorld([big]), ...flat(big)]);
    await events.close();
  }
  if (!only || only === 'a') await rebuild(fileA, 'A: 1 cluster-year');

  if (!only || only === 'b') {
    const years = Array.from({ length: 100 }, (_, i) =>
      syntheticYear({ clusterId: `perf-c${i}`, year: 2024, units: 12, criteria: 14, seed: 100 + i }),
    );
    const fileB = join(dir, 'events-b.sqlite');
    const events = await openSqliteEventStore(fileB);
    await write(events, [...syntheticWorld(years), ...interleave(years, 10, 3)]);
    await events.close();
    await rebuild(fileB, 'B: 100 cluster-years, 10 at a time');
  }

  if (!only || only === 'q') {
    const events = await openSqliteEventStore(fileA);
    const head = await events.headPosition();
    const stream = new ClusterYearEvents(events);
    const ref = { clusterId: 'perf-lon', year: 2024, period: 'Q3' as const };
    const { events: all } = await stream.read(ref.clusterId, ref.year);
    const entryId = (
      all.find((e) => e.type === 'ScoreRecorded' && e.data['period'] === 'Q3')!.data as {
        entryId: string;
      }
    ).entryId;
    console.log(`Q: queries on the ${all.length}-event cluster-year (head ${head})`);
    const asOfPosition = String(head - 10);
    await time('read the stream (SQLite + JSON.parse)', () =>
      new ClusterYearEvents(events).read(ref.clusterId, ref.year),
    );
    await time('evaluateRanking over the events in memory', () =>
      evaluateRanking(all, ref.period, { upToPosition: head - 10 }),
    );
    await time('whatIf over the events in memory', () =>
      whatIf(all, ref.period, { overrides: [{ entryId, points: 1 }] }),
    );
    // The directory is not loaded here: the handlers name no unit (the bench measures the evaluator's path).
    const noNames = { namesOf: () => Promise.resolve(() => null) } as unknown as UnitNameReader;
    const get = new GetRankingHandler(
      undefined as never,
      stream,
      noNames,
      undefined as never,
      new YearLogs(),
    );
    // Cold: a fresh ClusterYearEvents (nothing kept parsed) reads the stream from SQLite.
    await time(`cold GET ranking ?asOf=${asOfPosition} (handler, stream read from SQLite)`, () =>
      new GetRankingHandler(
        undefined as never,
        new ClusterYearEvents(events),
        noNames,
        undefined as never,
        new YearLogs(),
      ).execute(new GetRankingQuery(ref, { asOf: asOfPosition })),
    );
    await time('cold POST what-if (handler, stream read from SQLite)', () =>
      new WhatIfHandler(new ClusterYearEvents(events), noNames, new YearLogs()).execute(
        new WhatIfQuery(ref, {}, [{ entryId, points: 1 }], []),
      ),
    );
    await time(`GET ranking ?asOf=${asOfPosition} (handler)`, () =>
      get.execute(new GetRankingQuery(ref, { asOf: asOfPosition })),
    );
    await time('GET explain (handler)', () =>
      new ExplainRankingHandler(stream, noNames).execute(new ExplainRankingQuery(ref, {})),
    );
    await time('POST what-if (handler)', () =>
      new WhatIfHandler(stream, noNames, new YearLogs()).execute(
        new WhatIfQuery(ref, {}, [{ entryId, points: 1 }], []),
      ),
    );
    await events.close();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(); // a runner left running after a failure would keep the process alive
  });
