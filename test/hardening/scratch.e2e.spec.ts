import request from 'supertest';
import { writeFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('scratch', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ env: { RATE_LIMIT: '0' } }); });
  afterAll(() => t.close());
  it('dumps', async () => {
    const doc = (await request(t.server).get('/docs-json')).body;
    writeFileSync('/tmp/openapi.json', JSON.stringify(doc, null, 2));
    const admin = `Bearer ${await t.token({ role: 'admin' })}`;
    const out: unknown[] = [];
    const probe = async (label: string, r: request.Test) => { const res = await r; out.push([label, res.status, res.body]); };
    await probe('nul param', request(t.server).post('/units/a%00b/rename').set('authorization', admin).send({ name: 'x' }));
    await probe('bad pct', request(t.server).post('/units/a%E0%A4%A/rename').set('authorization', admin).send({ name: 'x' }));
    await probe('surrogate pct', request(t.server).post('/units/%ED%A0%80/rename').set('authorization', admin).send({ name: 'x' }));
    await probe('slash', request(t.server).post('/units/..%2F..%2Fetc/rename').set('authorization', admin).send({ name: 'x' }));
    await probe('lone surrogate body', request(t.server).post('/units').set('authorization', admin).set('content-type','application/json').send('{"unitId":"cuc-x","name":"C\\ud800","kind":"cuc"}'));
    await probe('nul body text', request(t.server).post('/units').set('authorization', admin).send({unitId:'cuc-y',name:'C\u0000x',kind:'cuc'}));
    await probe('1e309', request(t.server).post('/clusters').set('authorization', admin).set('content-type','application/json').send('{"clusterId":"c","organizerUnitId":"cuc-x","number":1e309,"name":"x"}'));
    await probe('NaN', request(t.server).post('/clusters').set('authorization', admin).set('content-type','application/json').send('{"clusterId":"c","organizerUnitId":"cuc-x","number":NaN,"name":"x"}'));
    await probe('no body open', request(t.server).post('/clusters/c/years/2021/periods/Q1/open').set('authorization', `Bearer ${await t.token({role:'organizer', unitId:'x'})}`).send({ sneaky: 1 }));
    await probe('text/plain', request(t.server).post('/units').set('authorization', admin).set('content-type','text/plain').send('hello'));
    await probe('array body', request(t.server).post('/units').set('authorization', admin).send([1,2]));
    await probe('null body', request(t.server).post('/units').set('authorization', admin).set('content-type','application/json').send('null'));
    await probe('string body', request(t.server).post('/units').set('authorization', admin).set('content-type','application/json').send('"x"'));
    await probe('qs op', request(t.server).get('/clusters?organizer[$ne]=x').set('authorization', admin));
    await probe('qs op2', request(t.server).get('/clusters?$where=1').set('authorization', admin));
    await probe('verify', request(t.server).get('/audit/verify').set('authorization', admin));
    await probe('stream', request(t.server).get('/audit/streams/unit-cuc-x').set('authorization', admin));
    writeFileSync('/tmp/scratch.json', JSON.stringify(out, null, 1));
    expect(1).toBe(1);
  });
});
