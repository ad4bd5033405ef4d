// Runs measure-rankings.ts with plain node on today's sources (it imports test fixtures, which exist
// only as TypeScript): transpiles the transpiler, then the script and what it imports, to a temp dir.
//   [MEASURE_NODE_FLAGS=--cpu-prof] node bench/src/measure/run-measure.mjs [--only=a|b|q|e] [--all-projections]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'measure-build-'));
try {
  const helper = join(root, 'libs/testkit/src/transpile-for-node.ts');
  const js = ts.transpileModule(readFileSync(helper, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const helperJs = join(out, 'transpile-for-node.mjs');
  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'), 'dir'); // its `typescript` import
  writeFileSync(helperJs, js);
  const { transpileForNode } = await import(helperJs);
  const [script] = transpileForNode(root, ['bench/src/measure/measure-rankings.ts'], join(out, 'build'));
  const flags = (process.env.MEASURE_NODE_FLAGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof
  const run = spawnSync(process.execPath, [...flags, script, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
