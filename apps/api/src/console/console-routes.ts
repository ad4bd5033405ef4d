import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from 'pino';

export const CONSOLE_PATH = '/console';

/**
 * The console's policy: everything from the console itself (its script, stylesheet, icon) and the API on
 * the same origin; no inline script or style, no other origin, no framing, no form posting elsewhere.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Where `npm run build` puts the console: `dist/` of the @thidua/console package (apps/console). */
export function defaultConsoleDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@thidua/console/package.json')), 'dist');
}

interface Asset {
  body: Buffer;
  type: string;
  /** Vite names the files under assets/ by their content hash: they never change. */
  immutable: boolean;
}

/** The built files, read once at start: only these are ever served (no path from a request reaches the disk). */
function readBuild(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(dir)) return assets;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const type = TYPES[extname(entry.name)];
    if (!type) continue;
    const path = `/${relative(dir, file).split(sep).join('/')}`;
    assets.set(path, { body: readFileSync(file), type, immutable: path.startsWith('/assets/') });
  }
  return assets;
}

function secure(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-opener-policy', 'same-origin');
}

/**
 * The inspector's console at /console (public: the page holds no data, every read it makes needs a token),
 * served by Fastify outside the guards like the OpenAPI UI, without @fastify/static (see ARCHITECTURE §8):
 * the files of the build, and the page itself for any other path under /console (the console's own
 * router reads the address). A path with an extension that is not a built file is a 404.
 */
export function setupConsole(fastify: FastifyInstance, dir: string, logger?: Logger): void {
  const assets = readBuild(dir);
  const page = assets.get('/index.html');
  if (!page) logger?.warn({ dir }, 'the console is not built (npm run build): /console answers 503');

  fastify.get(CONSOLE_PATH, async (_request, reply) => reply.redirect(`${CONSOLE_PATH}/`, 301));
  fastify.get<{ Params: { '*': string } }>(`${CONSOLE_PATH}/*`, async (request, reply) => {
    secure(reply);
    const path = `/${request.params['*']}`;
    const isPage = path === '/index.html' || extname(path) === '';
    const asset = isPage ? undefined : assets.get(path);
    if (asset)
      return reply
        .type(asset.type)
        .header(
          'cache-control',
          asset.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
        )
        .send(asset.body);
    if (!isPage)
      return reply.code(404).send({ code: 'NOT_FOUND', message: `the console has no file ${path}` });
    if (!page)
      return reply
        .code(503)
        .send({ code: 'CONSOLE_NOT_BUILT', message: 'the console is not built: run `npm run build`' });
    return reply.type(page.type).header('cache-control', 'no-cache').send(page.body);
  });
}
