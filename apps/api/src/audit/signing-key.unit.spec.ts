import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey, readSigningKeyIfPresent } from './signing-key.js';

describe('digest signing key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'signing-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created once (0600) and the same key comes back on the next start', () => {
    const file = join(dir, 'keys', 'signing-key.pem');
    expect(readSigningKeyIfPresent(file)).toBeNull();
    const first = loadOrCreateSigningKey(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(loadOrCreateSigningKey(file)).toEqual(first);
    expect(readSigningKeyIfPresent(file)).toEqual(first);
  });

  it('refuses a key file others can read, or one that is not Ed25519', () => {
    const file = join(dir, 'signing-key.pem');
    loadOrCreateSigningKey(file);
    chmodSync(file, 0o640);
    expect(() => loadOrCreateSigningKey(file)).toThrow(/readable by other users/);
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a key', { mode: 0o600 });
    expect(() => loadOrCreateSigningKey(junk)).toThrow();
  });
});
