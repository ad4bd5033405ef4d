import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { describeTextFields } from './text-fields.js';
import { completeResponses } from './complete-responses.js';
import { RESPONSE_SCHEMAS } from './response-schemas.generated.js';

export const DOCS_PATH = '/docs';
export const OPENAPI_JSON_PATH = '/docs-json';

/** No licence has been granted for this code: every right is reserved by its owner. */
const LICENSE = { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-Proprietary' };

const DESCRIPTION = `Event-sourced ledger of the emulation movement "Vì an ninh Tổ quốc" of the Ministry of Public
Security (Bộ Công an): emulation clusters (Cụm thi đua), pledges (giao ước thi đua), scoring by criteria
(tiêu chí và thang điểm, chấm điểm), classification (xếp loại), chair elections (bầu Cụm trưởng) and awards
(khen thưởng). Every change is an event in a tamper-evident log; reads come from projections.

Authentication: \`Authorization: Bearer <JWT>\` (HS256; claims sub, role, unitId) on every route except
/health, /metrics, /docs, /docs-json and /audit/public-key (\`security: []\`). Errors are
\`{ code, message, field? }\` (ErrorBody). Commands answer 201 \`{ streamId, revision, position, eventIds }\`;
pass \`position\` as \`?minPosition=\` to a read to see your write. Live updates of a cluster-year:
GET /clusters/{clusterId}/years/{year}/changes (Server-Sent Events).

The inspector's console, a web UI on this API, is at /console (public page; every read it makes needs a
token pasted at sign-in).

The examples work on the demo (\`npm run demo\`, which prints admin, inspector and viewer tokens). The
organizer and unit-officer tokens the command examples need are minted with the CLI and the demo's subs:
\`npm run cli -- token --role organizer --unit bo-cong-an --sub demo-organizer-bo-cong-an\`,
\`npm run cli -- token --role unit-officer --unit cuc-ktnv --sub demo-officer-cuc-ktnv\` (same DATA_DIR).`;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Thi Đua Ledger API')
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .addServer(
      '/',
      'This API: the server that serves this document (npm start or npm run demo: http://localhost:3000)',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addTag('audit', 'Kiểm tra: raw events with hashes, hash-chain verification, signed digests')
    .addTag('admin', 'Quản trị: projection status and rebuild')
    .addTag('operations', 'Health (liveness, readiness) and Prometheus metrics')
    .build();
  config.info.license = LICENSE;
  const document = SwaggerModule.createDocument(app, config, {
    // The handler's name is the operation id: a verb a generated client calls (getRanking, recordScore).
    operationIdFactory: (_controller, method) => method,
  });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...RESPONSE_SCHEMAS },
  };
  completeResponses(document);
  return describeTextFields(document);
}

/**
 * OpenAPI JSON at /docs-json and Swagger UI at /docs, both public (registered on Fastify, outside
 * the guards). The UI's assets are served from swagger-ui-dist directly rather than through
 * @fastify/static, whose ESM-only dependency cannot load under Jest on Node 20.
 */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    ui: false,
    raw: ['json'],
    jsonDocumentUrl: OPENAPI_JSON_PATH,
  });
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const assetsDir = swaggerUiAssetsDir();
  fastify.get(DOCS_PATH, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(SWAGGER_HTML),
  );
  fastify.get<{ Params: { asset: string } }>(`${DOCS_PATH}/:asset`, async (request, reply) => {
    const type = UI_ASSETS[request.params.asset];
    if (!type) return reply.code(404).send({ code: 'NOT_FOUND', message: 'no such documentation asset' });
    const body = await readFile(join(assetsDir, request.params.asset));
    return reply.type(type).header('cache-control', 'public, max-age=86400').send(body);
  });
}

/** The only files the UI page loads; anything else under /docs is a 404 (no path traversal). */
const UI_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

function swaggerUiAssetsDir(): string {
  const require = createRequire(import.meta.url);
  return (require('swagger-ui-dist/absolute-path.js') as () => string)();
}

const SWAGGER_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Thi Đua Ledger API</title>
  <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
  <script src="${DOCS_PATH}/swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: '${OPENAPI_JSON_PATH}',
      dom_id: '#swagger-ui',
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: 'StandaloneLayout',
      persistAuthorization: true,
    });
  </script>
</body>
</html>
`;
