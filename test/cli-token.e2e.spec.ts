import request from 'supertest';
import { runCli } from '../apps/cli/src/cli.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('a token printed by the CLI opens the API on the same DATA_DIR (e2e)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    // No AUTH_JWT_SECRET (empty counts as unset): the API creates DATA_DIR/jwt-secret, the CLI finds it.
    t = await startTestApp({ env: { AUTH_JWT_SECRET: '' } });
    dir = t.dataDir;
  });
  afterAll(() => t.close());

  it('accepts the CLI token and refuses it once the secret changes', async () => {
    const out: string[] = [];
    const code = await runCli(['token', '--role', 'inspector', '--sub', 'thanh-tra-1'], {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: () => true },
      env: { DATA_DIR: dir },
      cwd: dir,
    });
    expect(code).toBe(0);
    const token = out.join('').trim();
    const ok = await request(t.server).get('/audit/verify').set('authorization', `Bearer ${token}`);
    expect(ok.status).toBe(200);

    const other: string[] = [];
    await runCli(['token', '--role', 'inspector', '--sub', 'thanh-tra-1'], {
      stdout: { write: (t: string) => other.push(t) },
      stderr: { write: () => true },
      env: { DATA_DIR: dir, AUTH_JWT_SECRET: 'a-different-secret-of-at-least-32-chars' },
      cwd: dir,
    });
    const refused = await request(t.server)
      .get('/audit/verify')
      .set('authorization', `Bearer ${other.join('').trim()}`);
    expect(refused.status).toBe(401);
  });
});
