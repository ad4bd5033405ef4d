import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteReadStore, type ReadStore, type Target } from '@thidua/read-store';
import { ReadModels, type ServedGenerations } from './read-models.js';

/** A runner whose served generation and checkpoint the test moves by hand. */
class Served implements ServedGenerations {
  generation = 1;
  position = 1;
  target(projection: string): Target {
    return { projection, generation: this.generation };
  }
  servedPosition(): number {
    return this.position;
  }
}

describe('ReadModels.getText', () => {
  let dir: string;
  let store: ReadStore;
  const served = new Served();
  const put = (generation: number, v: number, position: number) =>
    store.applyBatch(
      { projection: 'p', generation },
      1,
      [{ op: 'put', collection: 'c', id: 'x', doc: { v, tên: 'Công an tỉnh Hà Tĩnh' } }],
      position,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-models-'));
    store = await openSqliteReadStore(join(dir, 'reads.sqlite'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a text while the checkpoint stands still, reads again once it moves or the generation switches', async () => {
    const models = new ReadModels(store, served);
    await put(1, 1, 1);
    expect(await models.getText('p', 'c', 'x')).toBe('{"v":1,"tên":"Công an tỉnh Hà Tĩnh"}');
    expect(await models.getText('p', 'c', 'missing')).toBeNull();
    await put(1, 2, 2); // written, but this process has not seen the checkpoint move yet
    expect(await models.getText('p', 'c', 'x')).toContain('"v":1');
    served.position = 2;
    expect(await models.getText('p', 'c', 'x')).toContain('"v":2');
    await put(2, 3, 2); // a rebuilt generation at the same position
    served.generation = 2;
    expect(await models.getText('p', 'c', 'x')).toContain('"v":3');
    await store.applyBatch(
      { projection: 'p', generation: 2 },
      1,
      [{ op: 'put', collection: 'c', id: 'missing', doc: { v: 4 } }],
      3,
    );
    served.position = 3;
    expect(await models.getText('p', 'c', 'missing')).toBe('{"v":4}');
  });
});
