import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { Type } from 'class-transformer';
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
