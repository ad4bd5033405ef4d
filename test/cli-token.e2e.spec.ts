import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../apps/api/src/bootstrap.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { runCli } from '../apps/cli/src/cli.js';

describe('a token printed by the CLI opens the API on the same DATA_DIR (e2e)', () => {
  let dir: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-cli-api-'));
    // No AUTH_JWT_SECRET: the API creates DATA_DIR/jwt-secret, the CLI finds it.
    app = await createApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), { projections: [] });
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

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
    const ok = await request(app.getHttpServer())
      .get('/audit/verify')
      .set('authorization', `Bearer ${token}`);
    expect(ok.status).toBe(200);

    const other: string[] = [];
    await runCli(['token', '--role', 'inspector', '--sub', 'thanh-tra-1'], {
      stdout: { write: (t: string) => other.push(t) },
      stderr: { write: () => true },
      env: { DATA_DIR: dir, AUTH_JWT_SECRET: 'a-different-secret-of-at-least-32-chars' },
      cwd: dir,
    });
    const refused = await request(app.getHttpServer())
      .get('/audit/verify')
      .set('authorization', `Bearer ${other.join('').trim()}`);
    expect(refused.status).toBe(401);
  });
});
