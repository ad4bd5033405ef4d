import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from './dto-validators.js';

export const EFFECTIVE_DATE_DESCRIPTION =
  "The act's own business date (ngày của sự việc: signed on, held on, scored on, decided on), YYYY-MM-DD, " +
  'beside the time it is recorded. Default: the date it is recorded on (in Vietnam, UTC+07:00). Never after ' +
  "that date (422 EFFECTIVE_DATE_AFTER_RECORDING); inside the organizer's emulation window for the year when " +
  'one is recorded (422 EFFECTIVE_DATE_OUTSIDE_WINDOW); not before the act it follows (422 ' +
  'EFFECTIVE_DATE_OUT_OF_ORDER). Loading 2017 records in 2026 is normal: give their 2017 dates.';

/** The optional business date every command body may carry (extended by the command DTOs). */
export class ActDateDto {
  @ApiPropertyOptional({ description: EFFECTIVE_DATE_DESCRIPTION, example: '2021-07-27' })
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;
}

/** `{ effectiveDate }` when the body gave one: spread into the domain command's data. */
export const actDate = (
  body: { effectiveDate?: string | undefined } | undefined,
): { effectiveDate?: string } =>
  body?.effectiveDate === undefined ? {} : { effectiveDate: body.effectiveDate };
