import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { clusterDirectoryProjection } from '@thidua/projections';
import { Contract, loadPublishedDocument, type OpenApiDocument } from '../support/contract.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The contract check of the e2e suites can fail: answers that do not keep the published spec are caught,
 * whether the code drifts (a stored document with a field the spec does not name) or the spec does (a
 * status it no longer declares, a field it now requires).
 */
const UNIT = { unitId: 'cuc-ktnv', name: 'Cục Kỹ thuật nghiệp vụ', kind: 'cuc' };

/** The published document with a change (a copy: the shared one stays as published). */
function editedDocument(edit: (doc: OpenApiDocument) => void): Contract {
  const doc = structuredClone(loadPublishedDocument());
  edit(doc);
  return new Contract(doc);
}

async function appWith(contract?: Contract): Promise<{ t: TestApp; viewer: string; position: number }> {
  const t = await startTestApp({
    projections: [clusterDirectoryProjection()],
    ...(contract && { contract }),
  });
  const admin = await t.token({ role: 'admin' });
  const res = await request(t.server).post('/units').set('authorization', `Bearer ${admin}`).send(UNIT);
  expect(res.status).toBe(201);
  return { t, viewer: await t.token({ role: 'viewer' }), position: res.body.position as number };
}

describe('every answer is checked against the published OpenAPI (e2e)', () => {
  it('passes answers that keep the contract, success and error alike', async () => {
    const { t, viewer, position } = await appWith();
    const ok = await request(t.server)
      .get(`/units/${UNIT.unitId}?minPosition=${position}`)
      .set('authorization', `Bearer ${viewer}`);
    const missing = await request(t.server).get('/units/khong-co').set('authorization', `Bearer ${viewer}`);
    const anonymous = await request(t.server).get('/units');
    expect([ok.status, missing.status, anonymous.status]).toEqual([200, 404, 401]);
    expect(t.contract.take()).toEqual([]);
    await t.close();
  });

  it('catches a body the spec does not describe: a stored document with a field no type names', async () => {
    const { t, viewer, position } = await appWith();
    const get = () =>
      request(t.server)
        .get(`/units/${UNIT.unitId}?minPosition=${position}`)
        .set('authorization', `Bearer ${viewer}`);
    expect((await get()).status).toBe(200);
    const db = new Database(join(t.dataDir, 'read-models.sqlite'));
    db.prepare(
      "UPDATE docs SET doc = json_set(doc, '$.secret', 'lộ') WHERE collection = 'units' AND id = ?",
    ).run(UNIT.unitId);
    db.close();
    expect((await get()).body).toMatchObject({ secret: 'lộ' });
    const violations = t.contract.take();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(
      /GET \/units\/\{unitId\} → 200: the body does not match the spec: .*additionalProperty.*secret/,
    );
    await t.close();
  });

  it('catches a field the spec requires and the answer lacks, and a status the spec does not declare', async () => {
    const contract = editedDocument((doc) => {
      const unit = doc.components.schemas['UnitDoc'] as {
        required: string[];
        properties: Record<string, unknown>;
      };
      unit.properties['nickname'] = { type: 'string' };
      unit.required.push('nickname');
      delete doc.paths['/units/{unitId}']!['get']!.responses['404'];
    });
    const { t, viewer, position } = await appWith(contract);
    await request(t.server)
      .get(`/units/${UNIT.unitId}?minPosition=${position}`)
      .set('authorization', `Bearer ${viewer}`);
    await request(t.server).get('/units/khong-co').set('authorization', `Bearer ${viewer}`);
    const violations = t.contract.take();
    expect(violations).toEqual([
      expect.stringMatching(/GET \/units\/\{unitId\} → 200: .*must have required property 'nickname'/),
      expect.stringMatching(/GET \/units\/\{unitId\} → 404: status 404 is not declared for getUnit/),
    ]);
    await t.close();
  });

  it('fails the suite when a violation is left unexamined (close throws it)', async () => {
    const contract = editedDocument((doc) => delete doc.paths['/units']!['get']!.responses['401']);
    const t = await startTestApp({ contract });
    await request(t.server).get('/units');
    await expect(t.close()).rejects.toThrow(
      /break the published contract[\s\S]*GET \/units → 401: status 401 is not declared/,
    );
  });
});

describe('Contract.check', () => {
  const contract = new Contract();
  const answer = {
    method: 'GET',
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: '{"status":"ok"}',
  };

  it('names what is wrong: an unknown operation, a media type, a body that is not JSON, an unrouted non-error', () => {
    expect(contract.check({ ...answer, route: '/health/live' })).toEqual([]);
    expect(contract.check({ ...answer, route: '/nowhere' })).toEqual([
      'GET /nowhere → 200: the published spec has no such operation',
    ]);
    expect(contract.check({ ...answer, route: '/health/live', contentType: 'text/html' })[0]).toMatch(
      /media type "text\/html"/,
    );
    expect(contract.check({ ...answer, route: '/health/live', body: 'ok' })[0]).toMatch(/not JSON/);
    expect(contract.check({ ...answer, route: null })[0]).toMatch(/no route but not an error/);
    expect(
      contract.check({ ...answer, route: null, status: 404, body: '{"code":"NOT_FOUND","message":"x"}' }),
    ).toEqual([]);
    expect(contract.check({ ...answer, route: null, status: 404, body: '{"statusCode":404}' })[0]).toMatch(
      /does not match/,
    );
  });
});
