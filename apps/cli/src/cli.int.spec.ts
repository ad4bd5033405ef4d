import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEventStore, verifyDigestSignature } from '@thidua/event-store';
import { streamCounterProjection, testEvent } from '@thidua/projections/testing';
import { resolveJwtSecret } from '../../api/src/auth/jwt-secret.js';
import { verifyAccessToken } from '../../api/src/auth/jwt.js';
import { runCli } from './cli.js';
import type { CliIo } from './io.js';

function io(dataDir: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t), isTTY: false },
    env: { DATA_DIR: dataDir, ...env },
    cwd: dataDir,
  };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

describe('admin CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const seed = async (count: number) => {
    const store = await createEventStore({ dataDir: dir });
    for (let i = 0; i < count; i++) await store.append(`s-${i % 3}`, [testEvent({ amount: i })], 'any');
    await store.close();
  };

  describe('token', () => {
    it('signs with DATA_DIR/jwt-secret (created 0600 once) a token the API verification accepts', async () => {
      const first = io(dir);
      expect(
        await runCli(
          ['token', '--role', 'unit-officer', '--unit', 'ca-ha-tinh', '--sub', 'officer-1'],
          first.io,
        ),
      ).toBe(0);
      expect(first.err()).toContain('(created now)');
      expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      const actor = await verifyAccessToken(resolveJwtSecret({ dataDir: dir }).key, first.out().trim());
      expect(actor).toEqual({ id: 'officer-1', role: 'unit-officer', unitId: 'ca-ha-tinh' });

      const second = io(dir);
      expect(await runCli(['token', '--role', 'viewer', '--sub', 'dashboard'], second.io)).toBe(0);
      expect(second.err()).not.toContain('(created now)');
      await expect(
        verifyAccessToken(resolveJwtSecret({ dataDir: dir }).key, second.out().trim()),
      ).resolves.toMatchObject({
        role: 'viewer',
      });
    });

    it('uses AUTH_JWT_SECRET when set', async () => {
      const secret = 'a-configured-secret-of-32-characters!!';
      const run = io(dir, { AUTH_JWT_SECRET: secret });
      expect(await runCli(['token', '--role', 'admin', '--sub', 'root', '--ttl', '30m'], run.io)).toBe(0);
      await expect(
        verifyAccessToken(new TextEncoder().encode(secret), run.out().trim()),
      ).resolves.toMatchObject({
        role: 'admin',
      });
    });

    it('refuses bad usage with exit code 2', async () => {
      for (const args of [
        ['token', '--role', 'unit-officer', '--sub', 'x'],
        ['token', '--role', 'chief', '--sub', 'x'],
        ['token', '--role', 'admin'],
        ['token', '--role', 'admin', '--sub', 'x', '--ttl', 'forever'],
        ['token', '--role', 'admin', '--sub', 'x', '--bogus'],
        ['frobnicate'],
      ]) {
        const run = io(dir);
        expect(await runCli(args, run.io)).toBe(2);
        expect(run.out()).toBe('');
      }
    });
  });

  describe('verify and digest', () => {
    it('verifies an intact log with progress on stderr, and names the first altered event with exit 1', async () => {
      await seed(6);
      const ok = io(dir);
      expect(await runCli(['verify'], ok.io)).toBe(0);
      expect(ok.out()).toMatch(/^OK: the log is intact \(6 events in 3 streams, head 6\)/);
      expect(ok.err()).toContain('100% 6/6 events');

      const db = new Database(join(dir, 'events.sqlite'));
      db.prepare("UPDATE events SET data = json_set(data, '$.amount', 1000) WHERE position = 5").run();
      db.close();
      const bad = io(dir);
      expect(await runCli(['verify'], bad.io)).toBe(1);
      expect(bad.out()).toMatch(/^FAILED: altered at position 5, stream s-1, revision 1/);
      const one = io(dir);
      expect(await runCli(['verify', '--stream', 's-0'], one.io)).toBe(0);
    });

    it('prints a signed digest that a later verify --against accepts, and catches a truncation', async () => {
      await seed(4);
      const digestRun = io(dir);
      expect(await runCli(['digest'], digestRun.io)).toBe(0);
      const digest = JSON.parse(digestRun.out());
      expect(digest).toMatchObject({ position: 4, streamCount: 3, algorithm: 'Ed25519' });
      expect(verifyDigestSignature(digest)).toBe(true);
      expect(statSync(join(dir, 'signing-key.pem')).mode & 0o777).toBe(0o600);
      writeFileSync(join(dir, 'digest.json'), digestRun.out());

      await seed(2); // history goes on
      const later = io(dir);
      expect(await runCli(['verify', '--against', 'digest.json'], later.io)).toBe(0);
      expect(later.out()).toContain('agrees with the digest');

      const db = new Database(join(dir, 'events.sqlite'));
      db.prepare('DELETE FROM events WHERE position >= 3').run();
      db.close();
      const truncated = io(dir);
      expect(await runCli(['verify', '--against', 'digest.json'], truncated.io)).toBe(1);
      expect(truncated.out()).toMatch(/^FAILED: (truncated|removed|rewritten)/);
    });

    it('refuses a file that is not a digest', async () => {
      writeFileSync(join(dir, 'junk.json'), '{"hello":1}');
      const run = io(dir);
      expect(await runCli(['verify', '--against', 'junk.json'], run.io)).toBe(2);
      expect(run.err()).toContain('is not a signed digest');
    });
  });

  describe('projections', () => {
    const definitions = [streamCounterProjection()];

    it('rebuilds a projection with a progress bar, then status shows its new generation at the head', async () => {
      await seed(5);
      const before = io(dir);
      expect(await runCli(['status', '--json'], before.io, definitions)).toBe(0);
      expect(JSON.parse(before.out())).toEqual([
        {
          name: 'stream-counter',
          version: 1,
          generation: null,
          storedVersion: null,
          position: 0,
          head: 5,
          lag: 5,
        },
      ]);

      const rebuild = io(dir);
      expect(await runCli(['rebuild', 'stream-counter'], rebuild.io, definitions)).toBe(0);
      expect(rebuild.err()).toContain('warning: stop the API projections');
      expect(rebuild.err()).toMatch(/\[#+\] 100% 5\/5 events/);
      expect(rebuild.out()).toMatch(/^rebuilt stream-counter: generation \d+ at position 5/);

      const after = io(dir);
      expect(await runCli(['status'], after.io, definitions)).toBe(0);
      expect(after.out()).toMatch(
        /^projection\s+version\s+generation\s+position\s+head\s+lag\nstream-counter\s+1\s+2\s+5\s+5\s+0$/m,
      );
    });

    it('rebuilds only the projections named (so disjoint sets can be rebuilt in parallel), or --all', async () => {
      const two = [streamCounterProjection({ name: 'left' }), streamCounterProjection({ name: 'right' })];
      const generations = async (): Promise<Record<string, number | null>> => {
        const run = io(dir);
        expect(await runCli(['status', '--json'], run.io, two)).toBe(0);
        const rows = JSON.parse(run.out()) as Array<{ name: string; generation: number | null }>;
        return Object.fromEntries(rows.map((row) => [row.name, row.generation]));
      };
      const left = io(dir);
      expect(await runCli(['rebuild', 'left'], left.io, two)).toBe(0);
      expect(left.out()).not.toContain('right');
      const afterLeft = await generations();
      expect(afterLeft.left).not.toBeNull();
      expect(afterLeft.right).toBeNull();
      const all = io(dir);
      expect(await runCli(['rebuild', '--all'], all.io, two)).toBe(0);
      expect(all.out()).toMatch(
        /rebuilt left: generation \d+ at position \d+\nrebuilt right: generation \d+/,
      );
      const afterAll = await generations();
      expect(afterAll.left).toBeGreaterThan(afterLeft.left!);
      expect(afterAll.right).not.toBeNull();
    });

    it('refuses an unknown projection with the known names', async () => {
      const run = io(dir);
      expect(await runCli(['rebuild', 'rankings'], run.io, definitions)).toBe(2);
      expect(run.err()).toContain('known: stream-counter');
    });
  });
});
