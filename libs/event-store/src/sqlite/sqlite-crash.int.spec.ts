/**
 * Durability under SIGKILL: a child process appends (group-committed) and prints each append only
 * after it was acknowledged; we kill it at a random moment, 30+ times on the same file, and after each
 * kill every acknowledged append must be there at the same position, positions 1..head must be
 * contiguous, and the hash chains must verify.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { transpileForNode } from '@thidua/testkit';

import { verifyLog } from '../integrity/verify-log.js';
import { openSqliteEventStore } from './sqlite-event-store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const KILLS = 30;

interface Ack {
  streamId: string;
  eventIds: string[];
  positions: number[];
}

let work: string;
let adapter: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-crash-'));
  [adapter] = transpileForNode(
    repoRoot,
    [path.join(here, 'sqlite-event-store.ts')],
    path.join(work, 'build'),
  ) as [string];
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs the writer until it is ready, lets it append for 50–400 ms, SIGKILLs it; returns its acks. */
function runAndKill(file: string): Promise<{ acks: Ack[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env['NODE_OPTIONS'];
    const child = spawn(process.execPath, [path.join(here, '../testing/crash-writer.mjs'), adapter, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!timer && stdout.includes('READY\n')) {
        // Randomness for where the kill lands, not a pass/fail criterion.
        timer = setTimeout(() => child.kill('SIGKILL'), 50 + Math.floor(Math.random() * 350));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (timer) clearTimeout(timer);
      // A line cut by the kill has no newline yet: only complete lines were acknowledged.
      const lines = stdout
        .split('\n')
        .slice(0, -1)
        .filter((l) => l.startsWith('{'));
      resolve({ acks: lines.map((l) => JSON.parse(l) as Ack), signal, stderr });
    });
  });
}

describe('SQLite event store under SIGKILL', () => {
  it(`keeps every acknowledged append, contiguous positions and valid chains across ${KILLS} kills`, async () => {
    const file = path.join(work, 'events.sqlite');
    const acknowledged = new Map<string, { position: number; streamId: string }>();
    let previousHead = 0;
    for (let round = 0; round < KILLS; round++) {
      const { acks, signal, stderr } = await runAndKill(file);
      expect({ signal, stderr }).toEqual({
        signal: 'SIGKILL',
        stderr: expect.not.stringContaining('crash-writer failed'),
      });
      for (const ack of acks) {
        ack.eventIds.forEach((id, i) =>
          acknowledged.set(id, { position: ack.positions[i] as number, streamId: ack.streamId }),
        );
      }

      const store = await openSqliteEventStore(file);
      try {
        const head = await store.headPosition();
        const byId = new Map<string, { position: number; streamId: string }>();
        let expectedPosition = 1;
        for (let after = 0; ;) {
          const batch = await store.readAll({ after, batchSize: 5000 });
          if (batch.length === 0) break;
          for (const e of batch) {
            if (e.position !== expectedPosition)
              throw new Error(`position ${expectedPosition} missing (next is ${e.position})`);
            expectedPosition++;
            byId.set(e.eventId, { position: e.position, streamId: e.streamId });
          }
          after = batch[batch.length - 1]?.position ?? after;
        }
        expect(expectedPosition - 1).toBe(head);
        expect(head).toBeGreaterThanOrEqual(previousHead);
        previousHead = head;
        const lost = [...acknowledged].filter(([id, at]) => {
          const found = byId.get(id);
          return !found || found.position !== at.position || found.streamId !== at.streamId;
        });
        expect(lost).toEqual([]);
        const report = await verifyLog(store);
        expect(report.firstFailure).toBeUndefined();
        expect(report.ok).toBe(true);
      } finally {
        await store.close();
      }
    }
    // The test means something only if the writer got appends acknowledged.
    expect(acknowledged.size).toBeGreaterThan(KILLS);
  }, 120_000);
});
