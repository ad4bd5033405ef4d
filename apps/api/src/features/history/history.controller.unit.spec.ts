import { EventEmitter } from 'node:events';

import type { QueryBus } from '@nestjs/cqrs';
import type { HistoryPageOf, PageEntry } from '@thidua/projections';
import type { FastifyReply } from 'fastify';

import { HistoryController } from './history.controller.js';
import type { UnitHistoryQueryDto } from './history.dto.js';

const page: HistoryPageOf<PageEntry> = {
  unitId: 'cuc-tt',
  name: 'Cục Truyền thông',
  total: 1,
  items: [{ position: 7, type: 'UnitRegistered', bytes: Buffer.from('{"position":7,"summary":"Đăng ký"}') }],
  nextAfter: null,
};

describe('HistoryController', () => {
  it("sends the page's JSON in lent memory, given back only when the response has closed", async () => {
    const queries = { execute: () => Promise.resolve(page) } as unknown as QueryBus;
    const controller = new HistoryController(queries);
    const raw = new EventEmitter();
    const reply = { raw } as unknown as FastifyReply;

    const body = await controller.getUnitHistory('cuc-tt', {} as UnitHistoryQueryDto, reply);
    expect(JSON.parse(body.toString())).toEqual({ ...page, items: [{ position: 7, summary: 'Đăng ký' }] });
    // Still being sent: the next body must not be written over it.
    expect(controller.buffers.freeCount).toBe(0);
    expect(controller.buffers.take(10).buffer).not.toBe(body.buffer);

    raw.emit('close');
    expect(controller.buffers.freeCount).toBe(1);
    expect(controller.buffers.take(10).buffer).toBe(body.buffer);
  });
});
