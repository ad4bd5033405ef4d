// Node module hooks for the mutation runner: TypeScript source is transpiled on load (no type check, as
// ts-jest does with isolatedModules), `./x.js` imports resolve to `./x.ts`, and workspace packages
// resolve to their source through the `@thidua/source` export condition. A `?g=N` on a module's URL
// (a "generation") is passed on to every TypeScript module it imports, so the runner can load all of
// them afresh (for a static mutant) without a new process; transpiled text is kept per file.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const transpiled = new Map();

function withGeneration(url, parentURL) {
  const g = parentURL ? new URL(parentURL).searchParams.get('g') : null;
  if (g === null || !url.startsWith('file:') || !new URL(url).pathname.endsWith('.ts')) return url;
  const u = new URL(url);
  u.searchParams.set('g', g);
  return u.href;
}

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL ? new URL(context.parentURL) : undefined;
  if (specifier.startsWith('.') && specifier.endsWith('.js') && parent?.pathname.endsWith('.ts')) {
    const url = new URL(specifier.slice(0, -3) + '.ts', parent);
    url.search = '';
    if (existsSync(fileURLToPath(url)))
      return { url: withGeneration(url.href, context.parentURL), shortCircuit: true };
  }
  const resolved = await nextResolve(specifier, {
    ...context,
    conditions: [...context.conditions, '@thidua/source'],
  });
  return { ...resolved, url: withGeneration(resolved.url, context.parentURL) };
}

export async function load(url, context, nextLoad) {
  const u = new URL(url);
  if (u.protocol !== 'file:' || !u.pathname.endsWith('.ts')) return nextLoad(url, context);
  const fileName = fileURLToPath(u);
  let source = transpiled.get(fileName);
  if (source === undefined) {
    source = ts.transpileModule(readFileSync(fileName, 'utf8'), {
      fileName,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        isolatedModules: true,
        sourceMap: false,
      },
    }).outputText;
    transpiled.set(fileName, source);
  }
  return { format: 'module', source, shortCircuit: true };
}
