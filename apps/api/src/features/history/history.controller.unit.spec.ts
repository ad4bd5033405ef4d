import type { QueryBus } from '@nestjs/cqrs';
import type { HistoryPageOf, PageEntry } from '@thidua/projections';
import type { FastifyReply } from 'fastify';

import { replyBuffers } from '../../common/reusable-buffers.js';
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
  it("sends the page's JSON in memory lent to the reply, given back only when its response has finished", async () => {
    const queries = { execute: () => Promise.resolve(page) } as unknown as QueryBus;
    const controller = new HistoryController(queries);
    const reply = {} as FastifyReply;

    const body = await controller.getUnitHistory('cuc-tt', {} as UnitHistoryQueryDto, reply);
    expect(JSON.parse(body.toString())).toEqual({ ...page, items: [{ position: 7, summary: 'Đăng ký' }] });
    // Still being sent: the next body must not be written over it.
    expect(replyBuffers.freeCount).toBe(0);
    const other = replyBuffers.take(10);
    expect(other.buffer).not.toBe(body.buffer);

    replyBuffers.settle(reply); // what the onResponse hook does (http-hooks.ts)
    expect(replyBuffers.freeCount).toBe(1);
    expect(replyBuffers.take(10).buffer).toBe(body.buffer);
  });
});
