import type { DocChange, ProjectionRuntimeStatus, ReadStore, Target } from '../read-store.port.js';

/**
 * The contract every ReadStore adapter satisfies (SQLite always, MongoDB when MONGODB_URI is set).
 * `open` returns a store; tests use fresh projection names, so one database may serve the whole suite.
 */
export function describeReadStoreContract(name: string, open: () => Promise<ReadStore>): void {
  describe(`ReadStore contract: ${name}`, () => {
    let store: ReadStore;
    let counter = 0;
    const fresh = (generation = 1): Target => ({
      projection: `contract-${Date.now().toString(36)}-${(counter += 1)}`,
      generation,
    });
    const put = (collection: string, id: string, doc: Record<string, unknown>): DocChange => ({
      op: 'put',
      collection,
      id,
      doc,
    });

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('puts, gets and deletes documents', async () => {
      const t = fresh();
      await store.applyBatch(
        t,
        1,
        [put('units', 'u1', { name: 'A', score: 3 }), put('units', 'u2', { name: 'B' })],
        5,
      );
      expect(await store.get(t, 'units', 'u1')).toEqual({ name: 'A', score: 3 });
      expect(await store.get(t, 'units', 'missing')).toBeNull();
      expect(await store.get(t, 'other', 'u1')).toBeNull();
      await store.applyBatch(t, 1, [{ op: 'delete', collection: 'units', id: 'u1' }], 6);
      expect(await store.get(t, 'units', 'u1')).toBeNull();
      expect(await store.get(t, 'units', 'u2')).toEqual({ name: 'B' });
    });

    it('records the position that produced each document', async () => {
      const t = fresh();
      await store.applyBatch(t, 1, [{ ...put('c', 'a', { n: 1 }), position: 3 }, put('c', 'b', { n: 2 })], 4);
      expect(await store.getWithPosition(t, 'c', 'a')).toEqual({ doc: { n: 1 }, position: 3 });
      expect(await store.getWithPosition(t, 'c', 'b')).toEqual({ doc: { n: 2 }, position: 4 });
      expect(await store.getWithPosition(t, 'c', 'z')).toBeNull();
    });

    it('keeps the last change when a batch changes a document several times', async () => {
      const t = fresh();
      await store.applyBatch(
        t,
        1,
        [
          put('c', 'a', { v: 1 }),
          put('c', 'a', { v: 2 }),
          put('c', 'b', { v: 1 }),
          { op: 'delete', collection: 'c', id: 'b' },
        ],
        10,
      );
      expect(await store.get(t, 'c', 'a')).toEqual({ v: 2 });
      expect(await store.get(t, 'c', 'b')).toBeNull();
    });

    it('finds by type-strict equality on top-level fields', async () => {
      const t = fresh();
      await store.applyBatch(
        t,
        1,
        [
          put('rows', 'a', { kind: 'x', n: 1, flag: true, note: null }),
          put('rows', 'b', { kind: 'x', n: '1', flag: false }),
          put('rows', 'c', { kind: 'y', n: true, flag: 1 }),
          put('rows', 'd', { kind: 'x', n: 1.5, nested: { kind: 'x' } }),
          put('rows', 'e', { kind: 'w', n: [1, '1', true], note: [null] }),
        ],
        1,
      );
      const ids = async (where: Record<string, string | number | boolean | null>) =>
        (await store.find(t, 'rows', { where, orderBy: { field: 'kind', direction: 'asc' } })).map(
          (doc) => `${String(doc.kind)}:${JSON.stringify(doc.n)}`,
        );
      expect(await ids({ kind: 'x', n: 1 })).toEqual(['x:1']);
      expect(await ids({ n: '1' })).toEqual(['x:"1"']);
      expect(await ids({ n: true })).toEqual(['y:true']);
      expect(await ids({ n: 1.5 })).toEqual(['x:1.5']);
      expect(await ids({ flag: true })).toEqual(['x:1']);
      expect(await ids({ flag: 1 })).toEqual(['y:true']);
      // null matches an explicit null and a missing field
      expect((await ids({ note: null })).sort()).toEqual(['x:"1"', 'x:1', 'x:1.5', 'y:true']);
      expect(await ids({ kind: 'z' })).toEqual([]);
      expect((await store.find(t, 'rows')).length).toBe(5);
      expect(await store.find(t, 'nothing-here')).toEqual([]);
    });

    it('orders by one field (numbers, ISO strings), ties by id, with limit and offset', async () => {
      const t = fresh();
      await store.applyBatch(
        t,
        1,
        [
          put('r', 'id-3', { total: 10, at: '2024-03-01T00:00:00.000Z' }),
          put('r', 'id-1', { total: 2.5, at: '2024-01-15T08:00:00.000Z' }),
          put('r', 'id-2', { total: 10, at: '2023-12-31T23:59:59.999Z' }),
          put('r', 'id-4', { total: -1, at: '2024-02-29T12:00:00.000Z' }),
        ],
        1,
      );
      const order = async (field: string, direction: 'asc' | 'desc', limit?: number, offset?: number) =>
        (await store.find(t, 'r', { orderBy: { field, direction }, limit, offset })).map((d) => d.at);
      expect(await order('total', 'asc')).toEqual([
        '2024-02-29T12:00:00.000Z',
        '2024-01-15T08:00:00.000Z',
        '2023-12-31T23:59:59.999Z',
        '2024-03-01T00:00:00.000Z',
      ]);
      expect(await order('total', 'desc')).toEqual([
        '2023-12-31T23:59:59.999Z',
        '2024-03-01T00:00:00.000Z',
        '2024-01-15T08:00:00.000Z',
        '2024-02-29T12:00:00.000Z',
      ]);
      expect(await order('at', 'asc', 2, 1)).toEqual([
        '2024-01-15T08:00:00.000Z',
        '2024-02-29T12:00:00.000Z',
      ]);
      expect(await order('at', 'desc', 1)).toEqual(['2024-03-01T00:00:00.000Z']);
      expect(await order('at', 'asc', undefined, 3)).toEqual(['2024-03-01T00:00:00.000Z']);
      expect(await order('at', 'asc', 0)).toEqual([]);
    });

    it('moves the checkpoint with the documents', async () => {
      const t = fresh();
      expect(await store.checkpoint(t)).toBeNull();
      await store.applyBatch(t, 7, [put('c', 'a', { v: 1 })], 12);
      expect(await store.checkpoint(t)).toEqual({ ...t, version: 7, position: 12 });
      expect(await store.get(t, 'c', 'a')).toEqual({ v: 1 });
      // an empty batch only advances the checkpoint; position 0 creates one
      await store.applyBatch(t, 7, [], 20);
      expect(await store.checkpoint(t)).toEqual({ ...t, version: 7, position: 20 });
      const empty = fresh();
      await store.applyBatch(empty, 2, [], 0);
      expect(await store.checkpoint(empty)).toEqual({ ...empty, version: 2, position: 0 });
    });

    it('applies `group` batches issued together, each with its own checkpoint, the same as alone', async () => {
      const [t1, t2, t3] = [fresh(), fresh(), fresh()];
      await store.applyBatch(t3, 1, [put('c', 'a', { v: 1 })], 5);
      await Promise.all([
        store.applyBatch(t1, 1, [put('c', 'a', { v: 1 }), put('c', 'b', { v: 1 })], 5, { group: true }),
        store.applyBatch(t2, 1, [put('c', 'a', { v: 2 })], 6, { group: true }),
        store.applyBatch(t3, 1, [put('c', 'a', { v: 0 })], 4, { group: true }), // below its checkpoint
      ]);
      expect(await store.checkpoint(t1)).toEqual({ ...t1, version: 1, position: 5 });
      expect(await store.checkpoint(t2)).toEqual({ ...t2, version: 1, position: 6 });
      expect(await store.checkpoint(t3)).toEqual({ ...t3, version: 1, position: 5 });
      expect(await store.get(t1, 'c', 'b')).toEqual({ v: 1 });
      expect(await store.get(t2, 'c', 'a')).toEqual({ v: 2 });
      expect(await store.get(t3, 'c', 'a')).toEqual({ v: 1 });
    });

    it('changes nothing when a batch at or below the checkpoint is applied again', async () => {
      const t = fresh();
      const batch = [put('c', 'a', { v: 1 }), put('c', 'b', { v: 1 })];
      await store.applyBatch(t, 1, batch, 10);
      await store.applyBatch(t, 1, batch, 10);
      await store.applyBatch(
        t,
        1,
        [put('c', 'a', { v: 99 }), { op: 'delete', collection: 'c', id: 'b' }],
        10,
      );
      await store.applyBatch(t, 1, [put('c', 'a', { v: 98 }), put('c', 'new', { v: 1 })], 9);
      expect(await store.get(t, 'c', 'a')).toEqual({ v: 1 });
      expect(await store.get(t, 'c', 'b')).toEqual({ v: 1 });
      expect(await store.get(t, 'c', 'new')).toBeNull();
      expect(await store.checkpoint(t)).toEqual({ ...t, version: 1, position: 10 });
    });

    it('ignores a change older than the stored document (partly applied batch delivered again)', async () => {
      const t = fresh();
      await store.applyBatch(t, 1, [put('c', 'a', { v: 'new' }), put('c', 'b', { v: 'keep' })], 20);
      await store.applyBatch(
        t,
        1,
        [
          { ...put('c', 'a', { v: 'old' }), position: 15 },
          { op: 'delete', collection: 'c', id: 'b', position: 20 },
          { ...put('c', 'c', { v: 'fresh' }), position: 21 },
        ],
        25,
      );
      expect(await store.get(t, 'c', 'a')).toEqual({ v: 'new' });
      expect(await store.get(t, 'c', 'b')).toEqual({ v: 'keep' });
      expect(await store.get(t, 'c', 'c')).toEqual({ v: 'fresh' });
      expect(await store.checkpoint(t)).toEqual({ ...t, version: 1, position: 25 });
    });

    it('keeps generations apart, activates one and drops another', async () => {
      const g1 = fresh(1);
      const g2 = { projection: g1.projection, generation: 2 };
      expect(await store.activeGeneration(g1.projection)).toBeNull();
      expect(await store.generations(g1.projection)).toEqual([]);
      await store.applyBatch(g1, 1, [put('c', 'a', { g: 1 })], 5);
      await store.applyBatch(g2, 2, [put('c', 'a', { g: 2 }), put('c', 'b', { g: 2 })], 3);
      expect(await store.get(g1, 'c', 'a')).toEqual({ g: 1 });
      expect(await store.get(g2, 'c', 'a')).toEqual({ g: 2 });
      expect(await store.find(g1, 'c')).toEqual([{ g: 1 }]);
      expect(await store.checkpoint(g1)).toEqual({ ...g1, version: 1, position: 5 });
      expect(await store.checkpoint(g2)).toEqual({ ...g2, version: 2, position: 3 });
      expect(await store.generations(g1.projection)).toEqual([1, 2]);

      await store.activate(g1.projection, 1);
      expect(await store.activeGeneration(g1.projection)).toBe(1);
      await store.activate(g1.projection, 2);
      expect(await store.activeGeneration(g1.projection)).toBe(2);

      await store.drop(g1);
      expect(await store.generations(g1.projection)).toEqual([2]);
      expect(await store.checkpoint(g1)).toBeNull();
      expect(await store.get(g1, 'c', 'a')).toBeNull();
      expect(await store.find(g1, 'c')).toEqual([]);
      expect(await store.get(g2, 'c', 'b')).toEqual({ g: 2 });
      expect(await store.activeGeneration(g1.projection)).toBe(2);
    });

    it('round-trips Vietnamese text exactly and finds by it', async () => {
      const t = fresh();
      const nfc = 'Công an tỉnh Đắk Lắk — Phòng Cảnh sát Quản lý hành chính về trật tự xã hội';
      const nfd = 'Nguyễn Thị Hường'.normalize('NFD');
      const id = 'đơn-vị-Thừa-Thiên-Huế';
      await store.applyBatch(
        t,
        1,
        [put('units', id, { name: nfc, leader: nfd, tags: ['Vì an ninh Tổ quốc'] })],
        1,
      );
      const doc = await store.get(t, 'units', id);
      expect(doc).toEqual({ name: nfc, leader: nfd, tags: ['Vì an ninh Tổ quốc'] });
      expect(doc?.leader).not.toBe(nfd.normalize('NFC'));
      expect(await store.find(t, 'units', { where: { name: nfc } })).toHaveLength(1);
      expect(await store.find(t, 'units', { where: { leader: nfd.normalize('NFC') } })).toHaveLength(0);
    });

    it('answers a document as JSON text, the bytes JSON.stringify gives, or null', async () => {
      const t = fresh();
      const doc = { name: 'Phòng Cảnh sát Hình sự', rows: [{ rank: 1, total: 95.5 }], note: null, '2': 'x' };
      await store.applyBatch(t, 1, [put('units', 'u1', doc)], 3);
      expect(await store.getText(t, 'units', 'u1')).toBe(JSON.stringify(doc));
      expect(await store.getText(t, 'units', 'missing')).toBeNull();
      expect(await store.getText(t, 'other', 'u1')).toBeNull();
    });

    it('refuses field names and values that could inject into a query', async () => {
      const t = fresh();
      await store.applyBatch(
        t,
        1,
        [put('c', 'a', { name: "x' OR '1'='1" }), put('c', 'b', { name: 'y' })],
        1,
      );
      const attempts: unknown[] = [
        { where: { "name') OR 1=1 --": 'x' } },
        { where: { 'name.$ne': 'x' } },
        { where: { $where: 'x' } },
        { where: { _id: 'a' } },
        { where: { _position: 1 } },
        { orderBy: { field: 'name; DROP TABLE docs', direction: 'asc' } },
      ];
      for (const query of attempts) {
        await expect(store.find(t, 'c', query as never)).rejects.toMatchObject({
          code: 'INVALID_FIELD_NAME',
        });
      }
      await expect(store.find(t, 'c', { where: { name: { $ne: null } } as never })).rejects.toMatchObject({
        code: 'INVALID_QUERY',
      });
      await expect(
        store.find(t, 'c', { orderBy: { field: 'name', direction: 'asc; DROP' as never } }),
      ).rejects.toMatchObject({ code: 'INVALID_QUERY' });
      await expect(store.find(t, 'c', { limit: -1 })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
      await expect(store.find(t, "c'; --", {})).rejects.toMatchObject({ code: 'INVALID_NAME' });
      await expect(store.applyBatch(t, 1, [put('c', 'z', { _position: 1 })], 2)).rejects.toMatchObject({
        code: 'INVALID_DOCUMENT',
      });
      // A value is a value: it is compared literally.
      expect(await store.find(t, 'c', { where: { name: "x' OR '1'='1" } })).toEqual([
        { name: "x' OR '1'='1" },
      ]);
      expect(await store.find(t, 'c', { where: { name: "' OR '1'='1" } })).toEqual([]);
      expect(await store.find(t, 'c')).toHaveLength(2);
    });

    it('refuses $-prefixed keys, NaN and Infinity anywhere in a document, storing nothing of the batch', async () => {
      const t = fresh();
      const refused: Record<string, unknown>[] = [
        { $where: 'x' },
        { rows: [{ ok: 1 }, { $gt: 1 }] },
        { nested: { deep: { $set: 1 } } },
        { total: Number.NaN },
        { rows: [1, Number.POSITIVE_INFINITY] },
        { nested: { min: Number.NEGATIVE_INFINITY } },
      ];
      for (const doc of refused) {
        await expect(
          store.applyBatch(t, 1, [put('c', 'ok', { v: 1 }), put('c', 'bad', doc)], 1),
        ).rejects.toMatchObject({
          code: 'INVALID_DOCUMENT',
        });
      }
      expect(await store.get(t, 'c', 'ok')).toBeNull();
      expect(await store.checkpoint(t)).toBeNull();
      // `$` inside a value, and keys with a `$` further on, are data like any other.
      const fine = { price: '$5', a$b: 1, rows: [{ note: '$x' }], big: Number.MAX_VALUE, small: -0.5 };
      await store.applyBatch(t, 1, [put('c', 'fine', fine)], 2);
      expect(await store.get(t, 'c', 'fine')).toEqual(fine);
    });

    it('keeps one runtime status record per projection, replaced whole', async () => {
      const setStatus = (record: ProjectionRuntimeStatus) => store.setStatus(record);
      const getStatus = (projection: string) => store.getStatus(projection);
      const t = fresh(3);
      const other = fresh(1);
      expect(await getStatus(t.projection)).toBeNull();

      const stalled: ProjectionRuntimeStatus = {
        projection: t.projection,
        status: 'stalled',
        generation: 3,
        blocked: true,
        error: { position: 42, eventId: 'e-42', type: 'ScoreRecorded', message: 'Điểm vượt mức tối đa' },
        outage: {
          since: '2024-05-01T07:59:00.000Z',
          attempts: 3,
          message: '14 UNAVAILABLE: connection lost',
        },
        rebuildGeneration: 4,
        updatedAt: '2024-05-01T08:00:00.000Z',
      };
      await setStatus(stalled);
      await setStatus({ ...stalled, projection: other.projection, status: 'running', blocked: false });
      expect(await getStatus(t.projection)).toEqual(stalled);

      // A later record replaces the whole one: the cleared stall leaves no error behind.
      const recovered: ProjectionRuntimeStatus = {
        projection: t.projection,
        status: 'running',
        generation: 4,
        blocked: false,
        updatedAt: '2024-05-01T08:05:00.000Z',
      };
      await setStatus(recovered);
      expect(await getStatus(t.projection)).toEqual(recovered);
      expect(await getStatus(other.projection)).toMatchObject({ status: 'running', error: stalled.error });

      // Not tied to a generation: dropping one leaves the record; it touches no checkpoint either.
      await store.applyBatch(t, 1, [], 2);
      await store.drop(t);
      expect(await getStatus(t.projection)).toEqual(recovered);
      expect(await store.generations(t.projection)).toEqual([]);
      expect(await store.activeGeneration(t.projection)).toBeNull();

      await expect(setStatus({ ...recovered, status: 'exploded' as never })).rejects.toMatchObject({
        code: 'INVALID_DOCUMENT',
      });
      await expect(setStatus({ ...recovered, projection: 'bad_name' })).rejects.toMatchObject({
        code: 'INVALID_NAME',
      });
      await expect(getStatus("x'; --")).rejects.toMatchObject({ code: 'INVALID_NAME' });
      expect(await getStatus(t.projection)).toEqual(recovered);
    });

    it('creates declared indexes idempotently and still answers queries', async () => {
      const t = fresh();
      const indexes = [{ collection: 'rows', fields: ['year', 'clusterId'] }];
      await store.ensureIndexes(t, indexes);
      await store.ensureIndexes(t, indexes);
      await store.applyBatch(
        t,
        1,
        [
          put('rows', 'a', { year: 2024, clusterId: 'k1' }),
          put('rows', 'b', { year: 2025, clusterId: 'k1' }),
        ],
        1,
      );
      expect(await store.find(t, 'rows', { where: { year: 2025, clusterId: 'k1' } })).toEqual([
        { year: 2025, clusterId: 'k1' },
      ]);
      await expect(store.ensureIndexes(t, [{ collection: 'rows', fields: ['a)--'] }])).rejects.toMatchObject({
        code: 'INVALID_FIELD_NAME',
      });
    });
  });
}
