import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import Fastify from 'fastify';
import { UnitHistoryQueryDto } from '../features/history/history.dto.js';
import { AsOfQueryDto, ReadQueryDto } from '../features/queries/queries.dto.js';
import { plainQuery } from './plain-query.js';
import { createValidationPipe, VALIDATION_OPTIONS } from './validation.js';

const query: ArgumentMetadata = { type: 'query', metatype: UnitHistoryQueryDto };
/** The pipe without the plain path: what every query went through before. */
const full = new ValidationPipe(VALIDATION_OPTIONS);
const pipe = createValidationPipe();

/** A query object without a prototype. */
const q = (fields: Record<string, unknown>): object => Object.assign(Object.create(null) as object, fields);

/** The query object Fastify hands over for `search` (its router parses it; the prototype is its own). */
async function fastifyQuery(search: string): Promise<object> {
  const app = Fastify();
  let seen: object | undefined;
  app.get('/q', async (request) => {
    seen = request.query as object;
    return '';
  });
  await app.inject({ url: `/q?${search}` });
  await app.close();
  return seen!;
}

const accepted = [
  { limit: '50' },
  { after: '500000', limit: '50' },
  { limit: '500', after: '0' },
  { after: '9007199254740991' },
  { minPosition: '12', after: '3' },
];
/** Queries the pipe may accept or refuse, all left to it. */
const leftToThePipe = [
  { limit: '0' },
  { limit: '501' },
  { after: '-1' },
  { after: '007' },
  { after: '1e3' },
  { after: '1.5' },
  { after: '' },
  { after: ' 5' },
  { after: '9007199254740993' },
  { after: ['1', '2'] },
  { limit: '50', type: 'ScoreRecorded' },
  { limit: '50', other: '1' },
  JSON.parse('{"__proto__":"1","limit":"5"}') as Record<string, unknown>,
];

describe('@PlainQuery', () => {
  it('answers a plain query as the full pipe does: same class, same fields in the same order', async () => {
    for (const value of accepted) {
      const fast = plainQuery(UnitHistoryQueryDto, q(value));
      const slow = await full.transform(q(value), query);
      expect(fast).toBeInstanceOf(UnitHistoryQueryDto);
      expect(Object.entries(fast!)).toEqual(Object.entries(slow as object));
      expect(Object.entries((await pipe.transform(q(value), query)) as object)).toEqual(
        Object.entries(fast!),
      );
    }
  });

  it("answers Fastify's own query objects on the plain path, as the full pipe does", async () => {
    for (const search of ['limit=50', 'after=500000&limit=50', 'minPosition=12&after=3']) {
      const fast = plainQuery(UnitHistoryQueryDto, await fastifyQuery(search));
      const slow = await full.transform(await fastifyQuery(search), query);
      expect(fast).toBeInstanceOf(UnitHistoryQueryDto);
      expect(Object.entries(fast!)).toEqual(Object.entries(slow as object));
    }
    expect(plainQuery(UnitHistoryQueryDto, await fastifyQuery('after=007'))).toBeUndefined();
  });

  it('leaves every other query to the pipe (undefined: the pipe transforms and validates it)', () => {
    for (const value of leftToThePipe) expect(plainQuery(UnitHistoryQueryDto, q(value))).toBeUndefined();
    expect(plainQuery(UnitHistoryQueryDto, { limit: '50' })).toBeInstanceOf(UnitHistoryQueryDto);
    expect(
      plainQuery(UnitHistoryQueryDto, Object.assign(Object.create({ x: 1 }) as object, { limit: '50' })),
    ).toBeUndefined();
    expect(plainQuery(class Other {}, q({ limit: '50' }))).toBeUndefined();
  });
});

describe('@PlainQuery with string fields (the as-of query)', () => {
  const asOf: ArgumentMetadata = { type: 'query', metatype: AsOfQueryDto };
  const plainAsOf = [
    { asOf: '18131' },
    { asOf: '2026-01-01T22:21:02.880Z' },
    { asOfEffective: '2021-03-31' },
    { asOf: '0', asOfEffective: '2021-03-31', minPosition: '7' },
    { asOf: 'not a position' }, // a string the DTO takes: the handler answers its 400, on both paths
  ];
  const asOfLeftToThePipe = [
    { asOf: 'x'.repeat(41) },
    { asOfEffective: '2021-02-30' },
    { asOfEffective: '31/03/2021' },
    { asOf: ['1', '2'] },
    { asOf: '5', period: 'Q1' },
  ];

  it('answers what the full pipe answers, same class and fields in the same order', async () => {
    for (const value of plainAsOf) {
      const fast = plainQuery(AsOfQueryDto, q(value));
      expect(fast).toBeInstanceOf(AsOfQueryDto);
      expect(Object.entries(fast!)).toEqual(Object.entries((await full.transform(q(value), asOf)) as object));
    }
    const fast = plainQuery(AsOfQueryDto, await fastifyQuery('asOf=2026-01-01T22%3A21%3A02.880Z'));
    expect(fast).toEqual(Object.assign(new AsOfQueryDto(), { asOf: '2026-01-01T22:21:02.880Z' }));
  });

  it('leaves to the pipe what its rules refuse, a repeated parameter and an unknown one', async () => {
    for (const value of asOfLeftToThePipe) {
      expect(plainQuery(AsOfQueryDto, q(value))).toBeUndefined();
      await expect(pipe.transform(q(value), asOf)).rejects.toThrow(); // and the pipe refuses each
    }
    // An integer in another spelling too, which the pipe takes.
    const spelled = q({ asOf: '5', minPosition: '05' });
    expect(plainQuery(AsOfQueryDto, spelled)).toBeUndefined();
    expect(await pipe.transform(spelled, asOf)).toMatchObject({ asOf: '5', minPosition: 5 });
  });

  it('takes ?minPosition= alone on the reads that take only it', async () => {
    const fast = plainQuery(ReadQueryDto, q({ minPosition: '42' }));
    expect(fast).toEqual(Object.assign(new ReadQueryDto(), { minPosition: 42 }));
    expect(Object.entries(fast!)).toEqual(
      Object.entries(
        (await full.transform(q({ minPosition: '42' }), { type: 'query', metatype: ReadQueryDto })) as object,
      ),
    );
    expect(plainQuery(ReadQueryDto, q({ minPosition: '42', asOf: '1' }))).toBeUndefined();
  });
});
