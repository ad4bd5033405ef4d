import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { RecordScoreDto } from '../features/emulation-year/scores/scores.dto.js';
import { ApiError } from './api-error.js';
import { createValidationPipe } from './validation.js';

class OptionalQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}

class RequiredQuery {
  @IsString()
  organizer!: string;
}

const query = (metatype: new () => object): ArgumentMetadata => ({ type: 'query', metatype });

async function refusal(run: () => Promise<unknown>): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a refusal');
}

describe('the validation pipe on query DTOs', () => {
  it('answers an empty query with an instance of its class, as often as asked', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 3; i++) {
      const dto = await pipe.transform({}, query(OptionalQuery));
      expect(dto).toBeInstanceOf(OptionalQuery);
      expect((dto as OptionalQuery).minPosition).toBeUndefined();
    }
  });

  it('keeps refusing an empty query whose class requires a field', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i++) {
      const error = await refusal(() => pipe.transform({}, query(RequiredQuery)));
      expect(error).toBeInstanceOf(ApiError);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.field).toBe('organizer');
    }
  });

  it('still validates and transforms a query with fields, after an empty one', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({}, query(OptionalQuery));
    expect(await pipe.transform({ minPosition: '42' }, query(OptionalQuery))).toEqual(
      Object.assign(new OptionalQuery(), { minPosition: 42 }),
    );
    expect((await refusal(() => pipe.transform({ sort: 'x' }, query(OptionalQuery)))).field).toBe('sort');
    expect((await refusal(() => pipe.transform({ minPosition: '-1' }, query(OptionalQuery)))).field).toBe(
      'minPosition',
    );
  });
});

describe('the validation pipe on what it does not validate', () => {
  const custom = (data?: string): ArgumentMetadata => ({ type: 'custom', metatype: Object, data });

  it("hands a custom decorator's value back as it is, without a promise or the ValidationPipe", () => {
    const pipe = createValidationPipe();
    const original = ValidationPipe.prototype.transform;
    let calls = 0;
    ValidationPipe.prototype.transform = function (this: ValidationPipe, ...args) {
      calls += 1;
      return original.apply(this, args);
    };
    try {
      const ref = { clusterId: 'cum-1', year: 2026 };
      expect(pipe.transform(ref, custom())).toBe(ref);
      expect(pipe.transform(undefined, custom())).toBeUndefined();
      expect(pipe.transform('7', { type: 'custom', metatype: Number, data: 'x' })).toBe('7');
      expect(calls).toBe(0);
    } finally {
      ValidationPipe.prototype.transform = original;
    }
  });

  it('answers a body the plain path takes without a promise, and leaves the rest to the ValidationPipe', async () => {
    const pipe = createValidationPipe();
    const metadata: ArgumentMetadata = { type: 'body', metatype: RecordScoreDto };
    const valid = {
      unitId: 'cuc-ktnv',
      period: 'Q1',
      criterion: 'chuyen-mon',
      points: 45.5,
      assessment: 'self',
    };
    const dto: unknown = pipe.transform(valid, metadata);
    expect(dto).toBeInstanceOf(RecordScoreDto);
    expect(dto).toEqual(Object.assign(new RecordScoreDto(), valid));
    const refused = pipe.transform({ ...valid, points: '5' }, metadata);
    expect(refused).toBeInstanceOf(Promise);
    expect((await refusal(() => refused)).field).toBe('points');
  });
});
