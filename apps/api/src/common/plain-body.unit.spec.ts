import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import {
  CorrectScoreDto,
  RecordScoreDto,
  WithdrawScoreDto,
} from '../features/emulation-year/scores/scores.dto.js';
import { PlainBody, plainBody, type Dto } from './plain-body.js';
import { createValidationPipe, VALIDATION_OPTIONS } from './validation.js';

const body: ArgumentMetadata = { type: 'body', metatype: RecordScoreDto };
/** The pipe without the plain path: what every body went through before. */
const full = new ValidationPipe(VALIDATION_OPTIONS);
const pipe = createValidationPipe();

const valid = { unitId: 'cuc-ktnv', period: 'Q1', criterion: 'chuyen-mon', points: 45.5, assessment: 'self' };
/** Every rule of the DTO broken once. */
const refused: unknown[] = [
  { ...valid, unitId: 'Cuc' },
  { ...valid, unitId: 7 },
  { ...valid, unitId: undefined },
  { ...valid, period: 'Q5' },
  { ...valid, criterion: '-x' },
  { ...valid, points: 1.234 },
  { ...valid, points: '5' },
  { ...valid, points: Infinity },
  { ...valid, assessment: 'appraised' },
  { ...valid, evidence: '' },
  { ...valid, evidence: 'a\u202Eb' },
  { ...valid, evidence: 'Đa\u0300' }, // not NFC
  { ...valid, evidence: 5 },
  { ...valid, effectiveDate: '2021-02-30' },
  { ...valid, extra: 1 },
  [valid],
  null,
  'text',
];
/** Bodies the pipe reshapes first (it strips `__proto__` and `constructor` keys): left to it. */
const reshaped: unknown[] = [
  JSON.parse(
    `{"unitId":"cuc-ktnv","period":"Q1","criterion":"c","points":1,"assessment":"self","__proto__":{"x":1}}`,
  ),
  { ...valid, constructor: 'x' },
  Object.assign(Object.create({ inherited: 1 }) as object, valid),
];
const accepted: Array<Record<string, unknown>> = [
  valid,
  { ...valid, evidence: 'Biên bản kiểm tra chéo\r\nĐạt' },
  { ...valid, effectiveDate: '2021-07-27', points: 0 },
  { ...valid, effectiveDate: null },
  { assessment: 'cluster', points: 100, criterion: 'c', period: 'Y', unitId: 'u', evidence: undefined },
];

describe('@PlainBody', () => {
  it('answers a valid body as the full pipe does: same class, same fields in the same order', async () => {
    for (const value of accepted) {
      const fast = plainBody(RecordScoreDto, { ...value });
      const slow = await full.transform({ ...value }, body);
      expect(fast).toBeInstanceOf(RecordScoreDto);
      expect(Object.entries(fast!)).toEqual(Object.entries(slow as object));
    }
  });

  it('leaves every body the full pipe refuses, or reshapes, to the pipe: the same 400', async () => {
    for (const value of reshaped) expect(plainBody(RecordScoreDto, value)).toBeUndefined();
    for (const value of refused) {
      expect(plainBody(RecordScoreDto, value)).toBeUndefined();
      const answer = async (p: ValidationPipe) =>
        p.transform(value, body).then(
          () => 'accepted',
          (e: { getResponse?: () => unknown; message?: string }) => e.getResponse?.() ?? e.message,
        );
      // The API's pipe refuses what the plain pipe refuses (its messages are the API's own).
      expect(await answer(full)).not.toBe('accepted');
      expect(await answer(pipe)).not.toBe('accepted');
    }
  });

  it("takes a score's correction and withdrawal as the full pipe does, and leaves what it refuses to it", async () => {
    const reason = 'Nhập nhầm điểm (sai tiêu chí)';
    const cases: Array<[Dto, Array<Record<string, unknown>>, unknown[]]> = [
      [
        CorrectScoreDto,
        [
          { points: 44, reason },
          { reason, points: 0, effectiveDate: '2021-07-27' },
        ],
        [{ points: 44 }, { points: 1.234, reason }, { points: 44, reason: '' }, { points: 44, reason, x: 1 }],
      ],
      [
        WithdrawScoreDto,
        [{ reason }, { reason, effectiveDate: null }],
        [{}, { reason: 7 }, { reason, effectiveDate: '2021-02-30' }, { reason, points: 1 }],
      ],
    ];
    for (const [dto, valids, refusals] of cases) {
      const metadata: ArgumentMetadata = { type: 'body', metatype: dto };
      for (const value of valids) {
        const fast = plainBody(dto, { ...value });
        expect(fast).toBeInstanceOf(dto);
        expect(Object.entries(fast!)).toEqual(
          Object.entries((await full.transform({ ...value }, metadata)) as object),
        );
      }
      for (const value of refusals) {
        expect(plainBody(dto, value)).toBeUndefined();
        await expect(full.transform(value, metadata)).rejects.toBeDefined();
      }
    }
  });

  it('is refused at declaration on a class with rules it does not run', () => {
    class Item {
      @IsString()
      name!: string;
    }
    const declare = () => {
      @PlainBody()
      class Nested {
        @IsOptional()
        @ValidateNested()
        item?: Item;
      }
      return Nested;
    };
    expect(declare).toThrow('is not a plain rule');
  });
});
