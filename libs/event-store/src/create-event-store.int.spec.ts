import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { newEvent } from './testing/event-store.contract.js';
import { createEventStore } from './create-event-store.js';

describe('createEventStore', () => {
  it('opens SQLite at <dataDir>/events.sqlite, creating the directory, when no EventStoreDB is configured', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'create-store-'));
    const dataDir = path.join(root, 'nested', 'data');
    try {
      const store = await createEventStore({ dataDir });
      expect(store.kind).toBe('sqlite');
      expect(store.capabilities.contiguousPositions).toBe(true);
      await store.append('unit-1', [newEvent('UnitRegistered')], 'no-stream');
      await store.close();
      expect(fs.existsSync(path.join(dataDir, 'events.sqlite'))).toBe(true);
      const reopened = await createEventStore({ dataDir, eventstoreConnectionString: '' });
      expect(await reopened.headPosition()).toBe(1);
      await reopened.close();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
