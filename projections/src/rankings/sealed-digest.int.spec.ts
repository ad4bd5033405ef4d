/**
 * A closed period whose ranking, recomputed from the events, no longer gives the digest sealed by
 * PeriodClosed, with no dispute or reopen that revised it, is an integrity failure, never final.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type StoredEvent } from '@thidua/event-store';
import { emulationStream, evaluateRanking } from '@thidua/domain';
import { rankingDocument } from './ranking-document.js';
import { CLUSTER, playCluster2, YEAR } from '../testing/rankings/cluster-2-2021.scenario.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sealed-digest-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('says integrity-failure, not final, when a score before the close no longer gives the sealed digest', async () => {
  const events = await openSqliteEventStore(join(dir, 'events.sqlite'));
  const scenario = await playCluster2(events);
  const streamId = emulationStream(CLUSTER, YEAR);
  const upTo = (await events.readStream(streamId)).filter(
    (e) => e.position <= scenario.marks.q1Closed.position,
  );
  await events.close();

  const sealed = rankingDocument(evaluateRanking(upTo, 'Q1'), streamId, () => null);
  expect(sealed).toMatchObject({ status: 'closed', finality: 'final', revisedBy: [] });
  expect(sealed.currentDigest).toBe(sealed.sealedDigest);

  // What a consistent forgery of one Q1 score (re-hashed, so the chains still hold) gives the evaluator.
  const score = upTo.findIndex(
    (e) => e.type === 'ScoreRecorded' && (e.data as { period?: string }).period === 'Q1',
  );
  expect(score).toBeGreaterThanOrEqual(0);
  const forged: StoredEvent[] = upTo.map((e, i) =>
    i === score ? { ...e, data: { ...e.data, points: (e.data as { points: number }).points - 1 } } : e,
  );
  const served = rankingDocument(evaluateRanking(forged, 'Q1'), streamId, () => null);
  expect(served.currentDigest).not.toBe(served.sealedDigest);
  expect(served.finality).toBe('integrity-failure');
});
