/**
 * The dependency rules (`npm run depcheck`) catch what they promise: probe files that break each rule
 * are written into the tree (the rules match on paths), checked with the real config, then removed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const root = process.cwd();
const probes: Record<string, string> = {
  // A deep relative import from an app into a package, and production code importing test support.
  'apps/api/src/depcheck-probe/deep.ts': `
import { unitStream } from '../../../../libs/domain/src/streams.js';
import { scheme } from '@thidua/domain/testing';
export const probe = [unitStream, scheme];`,
  // A package reaching into another package's internals, and into an app.
  'projections/src/depcheck-probe/reach.ts': `
import { isValidId } from '../../../libs/domain/src/streams.js';
import { createApp } from '../../../apps/api/src/bootstrap.js';
export const probe = [isValidId, createApp];`,
  // Test support is held to the layers too.
  'projections/src/testing/depcheck-probe.ts': `
import { createApp } from '../../../apps/api/src/bootstrap.js';
export const probe = createApp;`,
  // The domain stays pure.
  'libs/domain/src/depcheck-probe.ts': `
import { readFileSync } from 'node:fs';
export const probe = readFileSync;`,
  // The console (a browser app) reads the API through its client only; nothing imports the console.
  'apps/console/src/depcheck-probe.ts': `
import { PERIODS } from '@thidua/domain';
import { readFileSync } from 'node:fs';
export const probe = [PERIODS, readFileSync];`,
  'apps/api/src/depcheck-probe/console.ts': `
import { periodLabel } from '../../../console/src/labels.js';
export const probe = periodLabel;`,
};

async function violations(paths: string[]): Promise<string[]> {
  const bin = join(root, 'node_modules/.bin/depcruise');
  const args = ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...paths];
  const { stdout } = await promisify(execFile)(bin, args, { cwd: root, maxBuffer: 64 << 20 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }), // exits non-zero on violations
  );
  const result = JSON.parse(stdout) as {
    summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> };
  };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('dependency rules', () => {
  afterAll(() => {
    for (const path of Object.keys(probes)) rmSync(join(root, path), { force: true });
    rmSync(join(root, 'apps/api/src/depcheck-probe'), { recursive: true, force: true });
    rmSync(join(root, 'projections/src/depcheck-probe'), { recursive: true, force: true });
  });

  it('the tree as it is has no violation', async () => {
    expect(await violations(['apps', 'libs', 'projections', 'test', 'bench'])).toEqual([]);
  });

  it('refuses deep imports across packages, test support in production, arrows up the layers, an impure domain and a console beyond its client', async () => {
    for (const [path, source] of Object.entries(probes)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), source);
    }
    expect(await violations(Object.keys(probes))).toEqual([
      'console-reads-only-the-client: apps/console/src/depcheck-probe.ts → libs/domain/src/index.ts',
      'console-runs-in-browsers: apps/console/src/depcheck-probe.ts → fs',
      'domain-is-pure: libs/domain/src/depcheck-probe.ts → fs',
      'nothing-imports-the-console: apps/api/src/depcheck-probe/console.ts → apps/console/src/labels.ts',
      'only-entry-points: apps/api/src/depcheck-probe/deep.ts → libs/domain/src/streams.ts',
      'only-entry-points: projections/src/depcheck-probe/reach.ts → libs/domain/src/streams.ts',
      'packages-by-name-only: projections/src/depcheck-probe/reach.ts → libs/domain/src/streams.ts',
      'packages-do-not-import-apps: projections/src/depcheck-probe/reach.ts → apps/api/src/bootstrap.ts',
      'packages-do-not-import-apps: projections/src/testing/depcheck-probe.ts → apps/api/src/bootstrap.ts',
      'production-does-not-import-test-code: apps/api/src/depcheck-probe/deep.ts → libs/domain/src/testing/index.ts',
      'root-imports-packages-by-name: apps/api/src/depcheck-probe/deep.ts → libs/domain/src/streams.ts',
    ]);
  });
});
