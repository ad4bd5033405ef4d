/**
 * The peer: @event-driven-io/emmett-sqlite 0.38.5 (with @event-driven-io/emmett 0.38.5), installed on
 * first use into bench/peer (git-ignored), so it is never a dependency of the app. Its driver, sqlite3,
 * is compiled from source there (no prebuilt binary is downloaded).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { peerDir } from '../util/paths.js';

export const PEER_VERSION = '0.38.5';

/** What the bench uses of emmett-sqlite (typed here: the package is not installed at type-check time). */
export interface PeerEventStore {
  appendToStream(
    streamName: string,
    events: Array<{ type: string; data: unknown; metadata?: unknown }>,
    options?: { expectedStreamVersion?: bigint },
  ): Promise<{ nextExpectedStreamVersion: bigint; lastEventGlobalPosition: bigint }>;
}
interface PeerModule {
  getSQLiteEventStore(options: { fileName: string }): PeerEventStore;
}
interface Sqlite3Module {
  Database: new (file: string) => {
    run(sql: string, cb?: (err: Error | null) => void): void;
    get(sql: string, cb: (err: Error | null, row: Record<string, unknown>) => void): void;
    close(cb?: (err: Error | null) => void): void;
  };
}

const packageJson = {
  name: 'thi-dua-bench-peer',
  private: true,
  type: 'module',
  description: 'The peer event store the benchmarks compare against; installed by npm run bench.',
  dependencies: {
    '@event-driven-io/emmett': PEER_VERSION,
    '@event-driven-io/emmett-sqlite': PEER_VERSION,
  },
  allowScripts: { sqlite3: true },
};

const entry = path.join(peerDir, 'node_modules/@event-driven-io/emmett-sqlite/dist/index.js');
const sqlite3Entry = path.join(peerDir, 'node_modules/sqlite3/lib/sqlite3.js');
const sqlite3Binary = path.join(peerDir, 'node_modules/sqlite3/build/Release/node_sqlite3.node');

function installed(): boolean {
  try {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(peerDir, 'node_modules/@event-driven-io/emmett-sqlite/package.json'), 'utf8'),
    ) as { version?: string };
    return pkg.version === PEER_VERSION && fs.existsSync(sqlite3Binary);
  } catch {
    return false;
  }
}

/** Installs the peer into bench/peer when it is not there yet. Returns an error message on failure. */
export function ensurePeer(log: (line: string) => void): string | undefined {
  if (installed()) return undefined;
  log(
    `installing @event-driven-io/emmett-sqlite@${PEER_VERSION} into bench/peer (first run: sqlite3 compiles, a few minutes)…`,
  );
  fs.mkdirSync(peerDir, { recursive: true });
  fs.writeFileSync(path.join(peerDir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  // sqlite3's install script would fetch a prebuilt binary; build it from its bundled sources instead.
  fs.writeFileSync(path.join(peerDir, '.npmrc'), 'build-from-source=true\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--no-package-lock'], {
    cwd: peerDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (run.status !== 0 || !installed()) {
    // npm may skip install scripts it was not told to allow: build the driver explicitly.
    const rebuild = spawnSync(npm, ['rebuild', 'sqlite3'], { cwd: peerDir, encoding: 'utf8' });
    if (!installed())
      return `peer install failed: ${(run.stderr || '').slice(-800)} ${(rebuild.stderr || '').slice(-800)}`;
  }
  return undefined;
}

export async function openPeer(file: string): Promise<PeerEventStore> {
  const mod = (await import(pathToFileURL(entry).href)) as PeerModule;
  return mod.getSQLiteEventStore({ fileName: file });
}

/** journal_mode and synchronous as a connection like emmett's sees them (it sets only journal_mode=WAL). */
export async function peerPragmas(
  file: string,
): Promise<{ journalMode: string; synchronous: number; sqlite: string }> {
  const mod = (await import(pathToFileURL(sqlite3Entry).href)) as { default: Sqlite3Module };
  const db = new mod.default.Database(file);
  const get = (sql: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => db.get(sql, (err, row) => (err ? reject(err) : resolve(row))));
  await new Promise<void>((resolve, reject) =>
    db.run('PRAGMA journal_mode = WAL;', (err) => (err ? reject(err) : resolve())),
  );
  const journal = await get('PRAGMA journal_mode');
  const sync = await get('PRAGMA synchronous');
  const version = await get('SELECT sqlite_version() AS v');
  await new Promise<void>((resolve) => db.close(() => resolve()));
  return {
    journalMode: String(journal['journal_mode']),
    synchronous: Number(sync['synchronous']),
    sqlite: String(version['v']),
  };
}
