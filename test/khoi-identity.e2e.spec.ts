import request from 'supertest';
import { allProjections } from '@thidua/projections';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Khối and cluster identity through HTTP: two "Cụm thi đua số 1" of Bộ Công an in two blocs (the units under
 * the Minister; the five city police forces), a dissolved cluster releasing its members, pledge rules that are
 * a cluster's own, and a fulfilment that says "no decision yet" before any award of the year.
 */
describe('khối, cluster identity and pledge rules through HTTP (e2e)', () => {
  let t: TestApp;
  const tk: Record<string, string> = {};
  const send = (method: 'post' | 'put' | 'get', path: string, token: string, body?: object) =>
    request(t.server)[method](path).set('authorization', `Bearer ${token}`).send(body);
  const ok = async (res: Promise<request.Response>, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const cluster = (clusterId: string, number: number, blocId?: string) =>
    ok(
      send('post', '/clusters', tk.admin!, {
        clusterId,
        organizerUnitId: 'bo-cong-an',
        number,
        name: `Cụm thi đua số ${number}`,
        ...(blocId && { blocId }),
      }),
    );

  beforeAll(async () => {
    t = await startTestApp({ projections: allProjections });
    tk.admin = await t.token({ role: 'admin', sub: 'admin-1' });
    tk.org = await t.token({ role: 'organizer', sub: 'td-bca', unitId: 'bo-cong-an' });
    tk.viewer = await t.token({ role: 'viewer', sub: 'viewer-1' });
    tk.officer = await t.token({ role: 'unit-officer', sub: 'o-hn', unitId: 'ca-ha-noi' });
    await ok(send('post', '/units', tk.admin!, { unitId: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' }));
    for (const [unitId, name] of [
      ['van-phong-bca', 'Văn phòng Bộ Công an'],
      ['ca-ha-noi', 'Công an thành phố Hà Nội'],
    ])
      await ok(
        send('post', '/units', tk.admin!, {
          unitId,
          name,
          kind: unitId === 'ca-ha-noi' ? 'cong-an-tinh' : 'van-phong',
          parentUnitId: 'bo-cong-an',
        }),
      );
    await ok(
      send('post', '/blocs', tk.admin!, {
        blocId: 'bca-khoi-truc-thuoc',
        organizerUnitId: 'bo-cong-an',
        name: 'Khối các đơn vị trực thuộc Bộ trưởng',
      }),
    );
    await ok(
      send('post', '/blocs', tk.admin!, {
        blocId: 'bca-khoi-dia-phuong',
        organizerUnitId: 'bo-cong-an',
        name: 'Khối Công an địa phương',
      }),
    );
  });
  afterAll(() => t?.close());

  it('keeps two "Cụm thi đua số 1" of one organizer apart in two blocs', async () => {
    await cluster('bca-cum-1-truc-thuoc', 1, 'bca-khoi-truc-thuoc');
    const last = await cluster('bca-cum-1-dia-phuong', 1, 'bca-khoi-dia-phuong');
    const missing = await send('post', '/clusters', tk.admin!, {
      clusterId: 'bca-cum-x',
      organizerUnitId: 'bo-cong-an',
      number: 1,
      name: 'Cụm',
      blocId: 'khoi-khong-co',
    });
    expect([missing.status, missing.body.code, missing.body.field]).toEqual([
      404,
      'BLOC_NOT_FOUND',
      'blocId',
    ]);
    const listed = await ok(
      send('get', `/clusters?bloc=bca-khoi-dia-phuong&minPosition=${last.position}`, tk.viewer!),
      200,
    );
    expect(listed.clusters).toEqual([
      expect.objectContaining({
        clusterId: 'bca-cum-1-dia-phuong',
        number: 1,
        blocId: 'bca-khoi-dia-phuong',
        blocName: 'Khối Công an địa phương',
      }),
    ]);
    const all = await ok(send('get', '/clusters?organizer=bo-cong-an', tk.viewer!), 200);
    expect(all.clusters.filter((c: { number: number }) => c.number === 1)).toHaveLength(2);
  });

  it('releases the members of a dissolved cluster: admitted elsewhere the same year', async () => {
    await cluster('bca-cum-tam', 9);
    await ok(send('post', '/clusters/bca-cum-tam/years/2024/members', tk.org!, { unitId: 'ca-ha-noi' }));
    const held = await send('post', '/clusters/bca-cum-1-dia-phuong/years/2024/members', tk.org!, {
      unitId: 'ca-ha-noi',
    });
    expect([held.status, held.body.code]).toEqual([422, 'ALREADY_IN_ANOTHER_CLUSTER']);
    await ok(
      send('post', '/clusters/bca-cum-tam/dissolution', tk.org!, {
        reason: 'Sắp xếp lại cụm thi đua (minh họa)',
      }),
    );
    await ok(
      send('post', '/clusters/bca-cum-1-dia-phuong/years/2024/members', tk.org!, { unitId: 'ca-ha-noi' }),
    );
    const registry = await ok(send('get', '/audit/streams/membership-bo-cong-an-2024', tk.admin!), 200);
    expect(
      registry.events.map((e: { type: string; data: { cause?: string } }) => [e.type, e.data.cause ?? null]),
    ).toEqual([
      ['MembershipReserved', null],
      ['MembershipReleased', 'cluster-dissolved'],
      ['MembershipReserved', null],
    ]);
  });

  it("holds pledges to the cluster's own rules, and says no decision yet before any award of the year", async () => {
    const path = '/clusters/bca-cum-1-dia-phuong/years/2024';
    const pledge = (keyTasks: string[]) => ({
      unitId: 'ca-ha-noi',
      titles: ['co-thi-dua-bo-cong-an'],
      targets: [],
      keyTasks,
    });
    await ok(send('put', `${path}/pledge-rules`, tk.org!, { keyTasks: 3, titleRequired: true }));
    const two = await send('post', `${path}/pledges`, tk.officer!, pledge(['Một', 'Hai']));
    expect([two.status, two.body.code, two.body.field]).toEqual([422, 'KEY_TASKS_COUNT', 'keyTasks']);
    const signed = await ok(send('post', `${path}/pledges`, tk.officer!, pledge(['Một', 'Hai', 'Ba'])));
    const before = await ok(send('get', `${path}/pledges?minPosition=${signed.position}`, tk.viewer!), 200);
    expect(before.pledges[0].fulfilment.status).toBe('no-decision-yet');
    const year = await ok(send('get', `${path}?minPosition=${signed.position}`, tk.viewer!), 200);
    expect(year.pledgeRules).toEqual({ keyTasks: 3, titleRequired: true });
    const decision = await ok(
      send('post', '/award-decisions', tk.org!, {
        number: '5/QĐ-BCA',
        date: '2024-12-20',
        authority: 'bo-truong-bca',
        awards: [
          {
            code: 'bang-khen-bo-truong-bca',
            recipient: { kind: 'collective', unitId: 'ca-ha-noi' },
            year: 2024,
            citation: 'Thành tích năm 2024 (minh họa)',
            adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
          },
        ],
      }),
    );
    // An award of the year is recorded (a Bằng khen, not the registered flag): now it is "not fulfilled".
    const after = await ok(send('get', `${path}/pledges?minPosition=${decision.position}`, tk.viewer!), 200);
    expect(after.pledges[0].fulfilment.status).toBe('not-fulfilled');
  });
});
