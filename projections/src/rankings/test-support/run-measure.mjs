// Runs measure-rankings.ts with plain node: transpiles it and what it imports (transpile-for-node.ts) to a temp dir.
//   [MEASURE_NODE_FLAGS=--cpu-prof] node projections/src/rankings/test-support/run-measure.mjs [--only=a|b|q] [--all-projections]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'measure-build-'));
try {
  const helper = join(root, 'projections/src/test-support/transpile-for-node.ts');
  const js = ts.transpileModule(readFileSync(helper, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const helperJs = join(out, 'transpile-for-node.mjs');
  writeFileSync(
    helperJs,
    js.replace("from 'typescript'", `from '${join(root, 'node_modules/typescript/lib/typescript.js')}'`),
  );
  const { transpileForNode } = await import(helperJs);
  const entry = 'projections/src/rankings/test-support/measure-rankings.ts';
  transpileForNode(root, [entry], out);
  const flags = (process.env.MEASURE_NODE_FLAGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof
  const script = join(out, entry.replace(/\.ts$/, '.js'));
  const run = spawnSync(process.execPath, [...flags, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
