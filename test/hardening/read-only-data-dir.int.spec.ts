/**
 * Issue 15 §5: an API started on a data directory it cannot write exits naming the file and the cause,
 * not with SQLite's bare "unable to open database file". Run as an unprivileged user when the tests run
 * as root (root writes anywhere), else as the current user.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SECRET } from '../support/test-app.js';
import { buildApi } from './support/api-process.js';

const NOBODY = 65534;
let work: string;
let entry: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'thidua-read-only-'));
  chmodSync(work, 0o755);
  entry = buildApi(process.cwd(), join(work, 'build'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('exits at start with a message naming the file and the cause', async () => {
  const dataDir = join(work, 'data');
  mkdirSync(dataDir);
  chmodSync(dataDir, 0o555);
  const keyDir = join(work, 'keys');
  mkdirSync(keyDir);
  chmodSync(keyDir, 0o777); // the signing key may be created: only DATA_DIR is read-only
  const asRoot = process.getuid?.() === 0;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_OPTIONS'];
  const child = spawn(process.execPath, [entry], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    env: {
      ...env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: TEST_SECRET,
      AUDIT_SIGNING_KEY_FILE: join(keyDir, 'signing-key.pem'),
      LOG_LEVEL: 'silent',
    },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  expect(code).toBe(1);
  expect(output).toMatch(new RegExp(`${dataDir}/(events|read-models)\\.sqlite`));
  expect(output).toContain(`the directory ${dataDir} is not writable (EACCES)`);
  expect(output).not.toContain('unable to open database file');
});
