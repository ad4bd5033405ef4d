import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { EVENT_STORE, type EventStore, type SignedDigest, verifyDigestSignature } from '@thidua/event-store';
import { testEvent } from '@thidua/projections/testing';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('audit: raw streams, verification, signed digests (e2e)', () => {
  let t: TestApp;
  let inspector: string;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp();
    inspector = `Bearer ${await t.token({ role: 'inspector' })}`;
    store = t.app.get<EventStore>(EVENT_STORE);
    await store.append(
      'emulation-cum-1-2024',
      [testEvent({ amount: 1 }), testEvent({ amount: 2 })],
      'no-stream',
    );
    await store.append(
      'unit-ca-ha-tinh',
      [testEvent({ name: 'Công an tỉnh Hà Tĩnh' }, 'UnitRegistered')],
      'no-stream',
    );
    await store.append('emulation-cum-1-2024', [testEvent({ amount: 3 })], 1);
  });
  afterAll(() => t.close());

  it('pages a stream by revision with hashes, Vietnamese text intact', async () => {
    const first = await request(t.server)
      .get('/audit/streams/emulation-cum-1-2024?limit=2')
      .set('authorization', inspector);
    expect(first.status).toBe(200);
    expect(first.body.events.map((e: { revision: number }) => e.revision)).toEqual([0, 1]);
    expect(first.body.nextRevision).toBe(2);
    expect(first.body.events[1].metadata.prevHash).toBe(first.body.events[0].metadata.hash);
    const rest = await request(t.server)
      .get('/audit/streams/emulation-cum-1-2024?fromRevision=2&limit=2')
      .set('authorization', inspector);
    expect(rest.body.events.map((e: { position: number }) => e.position)).toEqual([4]);
    expect(rest.body.nextRevision).toBeNull();
    const unit = await request(t.server)
      .get('/audit/streams/unit-ca-ha-tinh')
      .set('authorization', inspector);
    expect(unit.body.events[0].data.name).toBe('Công an tỉnh Hà Tĩnh');
  });

  it('answers 404 STREAM_NOT_FOUND for a stream without events', async () => {
    const res = await request(t.server).get('/audit/streams/unit-nowhere').set('authorization', inspector);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('STREAM_NOT_FOUND');
  });

  it('verifies the whole log and one stream', async () => {
    const all = await request(t.server).get('/audit/verify').set('authorization', inspector);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ ok: true, checkedEvents: 4, checkedStreams: 2, headPosition: 4 });
    const one = await request(t.server)
      .get('/audit/verify?streamId=unit-ca-ha-tinh')
      .set('authorization', inspector);
    expect(one.body).toMatchObject({ ok: true, checkedEvents: 1 });
  });

  it('signs a digest with the public key it serves, and verifies the log against it later', async () => {
    const key = await request(t.server).get('/audit/public-key');
    expect(key.status).toBe(200);
    const res = await request(t.server).get('/audit/digest').set('authorization', inspector);
    expect(res.status).toBe(200);
    const digest = res.body as SignedDigest & { issuedAt: string };
    expect(digest).toMatchObject({
      position: 4,
      streamCount: 2,
      algorithm: 'Ed25519',
      publicKey: key.body.publicKey,
    });
    expect(Number.isNaN(Date.parse(digest.issuedAt))).toBe(false);
    expect(verifyDigestSignature(digest, key.body.publicKey)).toBe(true);
    // issuedAt is inside the signed payload: changing it breaks the signature.
    expect(verifyDigestSignature({ ...digest, issuedAt: '2000-01-01T00:00:00.000Z' } as SignedDigest)).toBe(
      false,
    );

    await store.append(
      'unit-ca-ha-tinh',
      [testEvent({ name: 'Công an tỉnh Hà Tĩnh (mới)' }, 'UnitRenamed')],
      0,
    );
    const later = await request(t.server)
      .post('/audit/verify-against')
      .set('authorization', inspector)
      .send(digest);
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ ok: true, headPosition: 5 });

    const { heads: _heads, ...rootOnly } = digest;
    const rootCheck = await request(t.server)
      .post('/audit/verify-against')
      .set('authorization', inspector)
      .send(rootOnly);
    expect(rootCheck.body.ok).toBe(true);
  });

  it('reports a rewritten history and a forged digest', async () => {
    const res = await request(t.server).get('/audit/digest').set('authorization', inspector);
    const digest = res.body as SignedDigest;
    const forged = await request(t.server)
      .post('/audit/verify-against')
      .set('authorization', inspector)
      .send({ ...digest, position: digest.position - 1 });
    expect(forged.body.ok).toBe(false);
    expect(forged.body.firstFailure.problem).toBe('bad-signature');

    // Tamper with the file directly, as someone with disk access would.
    const db = new Database(join(t.dataDir, 'events.sqlite'));
    db.prepare("UPDATE events SET data = json_set(data, '$.amount', 99) WHERE position = 2").run();
    db.close();
    const verify = await request(t.server).get('/audit/verify').set('authorization', inspector);
    expect(verify.body.ok).toBe(false);
    expect(verify.body.firstFailure).toMatchObject({
      problem: 'altered',
      position: 2,
      streamId: 'emulation-cum-1-2024',
    });
  });

  it('keeps the audit routes to inspectors and admins', async () => {
    const viewer = `Bearer ${await t.token({ role: 'viewer' })}`;
    for (const path of ['/audit/verify', '/audit/digest', '/audit/streams/unit-ca-ha-tinh']) {
      expect((await request(t.server).get(path).set('authorization', viewer)).status).toBe(403);
    }
    const officer = `Bearer ${await t.token({ role: 'unit-officer' })}`;
    expect((await request(t.server).get('/audit/verify').set('authorization', officer)).status).toBe(403);
  });

  // Last: its 300 events would change what the other tests count.
  it('sends a large page as the bytes JSON.stringify gives, labelled JSON', async () => {
    const note = 'Điều chỉnh điểm tiêu chí “Xây dựng lực lượng” theo biên bản kiểm tra chéo; ';
    const events = Array.from({ length: 300 }, (_, i) => testEvent({ amount: i, note: note.repeat(4) }));
    await store.append('emulation-cum-2-2024', events, 'no-stream');
    const page = await request(t.server)
      .get('/audit/streams/emulation-cum-2-2024?limit=300')
      .set('authorization', inspector);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Buffer.byteLength(page.text)).toBeGreaterThan(100_000);
    expect(page.text).toBe(JSON.stringify(page.body));
    expect(page.body.events).toHaveLength(300);
    expect(page.body.events[299].data).toEqual({ amount: 299, note: note.repeat(4) });
  });
});
