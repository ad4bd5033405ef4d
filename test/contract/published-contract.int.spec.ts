import { readFileSync } from 'node:fs';
import request from 'supertest';
import {
  CLIENT_TYPES_FILE,
  clientTypesSource,
  OPENAPI_FILE,
  openApiText,
  RESPONSE_SCHEMAS_FILE,
  responseSchemasSource,
} from '../../apps/api/openapi/generate.mjs';
import { nestRoutes } from '../hardening/support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The committed contract files are what `npm run openapi` makes from today's code: the response schemas
 * from the TypeScript types, the document from the running app, the client types from the document.
 * A stale one fails here: run `npm run openapi` and commit what it wrote.
 */
const STALE = 'is stale: run `npm run openapi` and commit the files it writes';

interface Operation {
  operationId: string;
  parameters?: Array<{
    name: string;
    in: string;
    description?: string;
    example?: unknown;
    schema?: { example?: unknown; type?: string };
  }>;
  requestBody?: {
    description?: string;
    content: Record<string, { example?: unknown; examples?: Record<string, unknown> }>;
  };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
}
type Document = { paths: Record<string, Record<string, Operation>> } & Record<string, unknown>;

let t: TestApp;
let served: Document;
const operations = (): Array<[string, Operation]> =>
  Object.entries(served.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
  );

beforeAll(async () => {
  t = await startTestApp();
  served = (await request(t.server).get('/docs-json')).body as Document;
});
afterAll(() => t.close());

describe('the published contract files are fresh', () => {
  it('libs/api-client/openapi.json is the document the app serves at /docs-json', () => {
    expect({ file: OPENAPI_FILE, text: readFileSync(OPENAPI_FILE, 'utf8') === openApiText(served) }).toEqual({
      file: OPENAPI_FILE,
      text: true,
    });
  });

  it('the response schemas are generated from the types the routes return', () => {
    const fresh = readFileSync(RESPONSE_SCHEMAS_FILE, 'utf8') === responseSchemasSource();
    expect(`${RESPONSE_SCHEMAS_FILE} ${fresh ? 'is fresh' : STALE}`).toBe(
      `${RESPONSE_SCHEMAS_FILE} is fresh`,
    );
  });

  it('the client types are generated from the committed document', async () => {
    const fresh =
      readFileSync(CLIENT_TYPES_FILE, 'utf8') ===
      (await clientTypesSource(readFileSync(OPENAPI_FILE, 'utf8')));
    expect(`${CLIENT_TYPES_FILE} ${fresh ? 'is fresh' : STALE}`).toBe(`${CLIENT_TYPES_FILE} is fresh`);
  });
});

describe('the published document says what a client needs', () => {
  it('has servers and a license', () => {
    expect(served).toMatchObject({ openapi: '3.1.0', servers: [expect.objectContaining({ url: '/' })] });
    expect(served['info']).toMatchObject({
      license: { name: expect.any(String), identifier: expect.any(String) },
    });
  });

  it('names every operation with a verb a generated client can call, once', () => {
    const ids = operations().map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const VERB =
      /^(get|list|explain|whatIf|stream|verify|register|rename|merge|dissolve|form|admit|withdraw|assign|set|publish|sign|amend|open|close|reopen|record|correct|file|resolve|cast|issue|revoke|rebuild|clear|hold|escalate|decide|transfer|erase)[A-Z]/;
    expect(ids.filter((id) => !VERB.test(id))).toEqual([]);
  });

  it('declares a success schema for every operation, and the error body for every error', () => {
    const problems: string[] = [];
    for (const [key, op] of operations()) {
      const success = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
      if (success.length === 0 || success.some(([, r]) => !r.content))
        problems.push(`${key}: success without a schema`);
      for (const [status, response] of Object.entries(op.responses)) {
        const schema = JSON.stringify(response.content?.['application/json']?.schema ?? null);
        if (Number(status) >= 400 && !/ErrorBody|NotReady/.test(schema))
          problems.push(`${key} ${status}: not the error body`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('describes every path parameter and request body with an example', () => {
    const problems: string[] = [];
    for (const [key, op] of operations()) {
      for (const p of op.parameters ?? []) {
        if (p.in !== 'path') continue;
        if (!p.description) problems.push(`${key} {${p.name}}: no description`);
        if (p.example === undefined && p.schema?.example === undefined)
          problems.push(`${key} {${p.name}}: no example`);
      }
      if (op.requestBody) {
        const json = op.requestBody.content['application/json'];
        if (!op.requestBody.description) problems.push(`${key}: request body without description`);
        if (json?.example === undefined && json?.examples === undefined)
          problems.push(`${key}: request body without example`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('says integer for years, positions and revisions', () => {
    const text = JSON.stringify(served);
    expect(text).not.toMatch(
      /"name":"(year|minPosition|fromRevision|limit|after|position)"[^}]*"type":"number"/,
    );
    const schemas = (
      served['components'] as { schemas: Record<string, { properties?: Record<string, { type?: unknown }> }> }
    ).schemas;
    const numberNamed = Object.entries(schemas).flatMap(([name, s]) =>
      Object.entries(s.properties ?? {})
        .filter(
          ([prop, p]) =>
            /^(year|position|revision|rank|version|generation|head|lag)$/.test(prop) && p.type === 'number',
        )
        .map(([prop]) => `${name}.${prop}`),
    );
    expect(numberNamed).toEqual([]);
  });

  it('says `security: []` exactly on the public routes', () => {
    const publicRoutes = nestRoutes(t.app)
      .filter((r) => 'public' in r.access)
      .map((r) => r.key);
    const open = operations()
      .filter(([, op]) => Array.isArray(op.security) && op.security.length === 0)
      .map(([key]) => key);
    expect(open.sort()).toEqual(publicRoutes.sort());
  });
});
