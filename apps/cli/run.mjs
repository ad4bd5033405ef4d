// `npm run cli` and `npm run demo`: run the built CLI, building first only when a source is newer
// than its project's build (tsc -b itself takes a few hundred ms even when nothing changed).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Each project of tsconfig.build.json: its folder and the build-info file tsc writes when it builds it. */
const projects = [
  ['libs/domain', 'libs/domain/dist/.tsbuildinfo'],
  ['libs/event-store', 'libs/event-store/dist/.tsbuildinfo'],
  ['libs/read-store', 'libs/read-store/dist/.tsbuildinfo'],
  ['projections', 'projections/dist/.tsbuildinfo'],
  ['apps', 'dist/apps/.tsbuildinfo'],
];

function newestInput(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestInput(path));
    else if (/\.ts$|^package\.json$|^tsconfig\.json$/.test(entry.name))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale = projects.some(([dir, info]) => {
  const marker = join(root, info);
  return !existsSync(marker) || newestInput(join(root, dir)) > statSync(marker).mtimeMs;
});
if (stale) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-b', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(pathToFileURL(join(root, 'dist/apps/cli/src/main.js')).href);
