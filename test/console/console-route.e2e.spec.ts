import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { CONSOLE_CSP } from '../../apps/api/src/console/console-routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * GET /console: the built console, public (the page holds no data), under a Content-Security-Policy that
 * lets it load only its own files and call only this API; only the files of the build are served, and
 * any other path under /console is the page (the console's router reads the address).
 */
describe('the console is served by the API at /console (e2e)', () => {
  let dir: string;
  let t: TestApp;
  const INDEX =
    '<!doctype html><html lang="vi"><script type="module" src="/console/assets/index-abc123.js"></script></html>';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("bảng điều khiển")');
    writeFileSync(join(dir, 'assets', 'index-def456.css'), 'body{}');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, 'notes.md'), 'not a served kind of file');
    t = await startTestApp({ consoleDir: dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the page without a token, for /console/ and for any address of the console', async () => {
    expect(await request(t.server).get('/console')).toMatchObject({
      status: 301,
      headers: { location: '/console/' },
    });
    for (const path of [
      '/console/',
      '/console/index.html',
      '/console/cum/bca-cum-2/2021/Y?asOf=99',
      '/console/don-vi/cuc-ktnv',
    ]) {
      const page = await request(t.server).get(path);
      expect({ path, status: page.status, type: page.headers['content-type'] }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(page.text).toBe(INDEX);
      expect(page.headers).toMatchObject({
        'content-security-policy': CONSOLE_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      });
    }
  });

  it('allows only its own files and this API: no inline script or style, no other origin, no framing', () => {
    const policy = Object.fromEntries(
      CONSOLE_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(policy).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self'",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
  });

  it('serves the built files with their type (hashed assets cached for good), and nothing else', async () => {
    const script = await request(t.server).get('/console/assets/index-abc123.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.text).toBe('console.log("bảng điều khiển")');
    expect((await request(t.server).get('/console/assets/index-def456.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    const icon = await request(t.server).get('/console/favicon.svg');
    expect(icon.headers).toMatchObject({
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=3600',
    });
    for (const path of [
      '/console/assets/index-zzz.js',
      '/console/notes.md',
      '/console/..%2F..%2Fpackage.json',
      '/console/assets/..%2F..%2F..%2Fpackage.json',
      '/console/%2e%2e/%2e%2e/package.json',
    ])
      expect({ path, status: (await request(t.server).get(path)).status }).toEqual({ path, status: 404 });
  });

  it('says so when the console was not built', async () => {
    const bare = await startTestApp({ consoleDir: join(dir, 'absent') });
    try {
      const answer = await request(bare.server).get('/console/');
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 'CONSOLE_NOT_BUILT' });
    } finally {
      await bare.close();
    }
  });
});
