import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Every module specifier of a TypeScript source: static imports and re-exports, and `import('…')`. */
const SPECIFIER = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;

/** Resolved the way jest and the typecheck resolve: package `exports` under the `@thidua/source` condition. */
const RESOLUTION: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  customConditions: ['@thidua/source'],
};

/**
 * Transpiles `entries` and every file of the repository they import — relative imports and the
 * workspace packages (`@thidua/…`), followed transitively — from `root` into `outDir` as plain ESM
 * .js, keeping the layout, so a child process can run today's sources with plain node (no type
 * check: `npm run typecheck` does that). Workspace imports are rewritten to relative paths; other bare
 * imports resolve through a `node_modules` link to the repository's. Returns the entries' .js paths.
 */
export function transpileForNode(root: string, entries: string[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
  if (!existsSync(join(outDir, 'node_modules')))
    symlinkSync(join(root, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  const outputOf = (file: string) => join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
  const pending = entries.map((entry) => resolve(root, entry));
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, 'utf8');
    const workspace = new Map<string, string>();
    for (const match of source.matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2];
      if (!specifier || !(specifier.startsWith('.') || specifier.startsWith('@thidua/'))) continue;
      const target = resolveSource(specifier, file);
      pending.push(target);
      if (!specifier.startsWith('.'))
        workspace.set(specifier, relativeSpecifier(outputOf(file), outputOf(target)));
    }
    let output = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    }).outputText;
    for (const [specifier, path] of workspace) output = output.split(`'${specifier}'`).join(`'${path}'`);
    mkdirSync(dirname(outputOf(file)), { recursive: true });
    writeFileSync(outputOf(file), output);
  }
  return entries.map((entry) => outputOf(resolve(root, entry)));
}

function resolveSource(specifier: string, fromFile: string): string {
  const { resolvedModule } = ts.resolveModuleName(specifier, fromFile, RESOLUTION, ts.sys);
  const file = resolvedModule?.resolvedFileName;
  if (!file || !file.endsWith('.ts') || file.endsWith('.d.ts') || file.split(sep).includes('node_modules'))
    throw new Error(
      `transpileForNode: ${specifier} (imported by ${fromFile}) is not a TypeScript source of the repository`,
    );
  return file;
}

function relativeSpecifier(fromFile: string, toFile: string): string {
  const path = relative(dirname(fromFile), toFile).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
