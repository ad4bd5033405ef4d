import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveJwtSecret } from './jwt-secret.js';

describe('resolveJwtSecret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jwt-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers the configured secret and writes nothing', () => {
    const secret = resolveJwtSecret({ dataDir: dir, secret: 'x'.repeat(40) });
    expect(secret.source).toBe('env');
    expect(new TextDecoder().decode(secret.key)).toBe('x'.repeat(40));
    expect(() => statSync(join(dir, 'jwt-secret'))).toThrow();
  });

  it('creates a random secret once with mode 0600 and reuses it', () => {
    const first = resolveJwtSecret({ dataDir: join(dir, 'nested') });
    const file = join(dir, 'nested', 'jwt-secret');
    expect(first.source).toBe('generated');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = resolveJwtSecret({ dataDir: join(dir, 'nested') });
    expect(second.source).toBe('file');
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a secret file other users can read', () => {
    resolveJwtSecret({ dataDir: dir });
    chmodSync(join(dir, 'jwt-secret'), 0o644);
    expect(() => resolveJwtSecret({ dataDir: dir })).toThrow(/readable by other users/);
  });
});
