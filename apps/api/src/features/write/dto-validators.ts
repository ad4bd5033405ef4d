import { applyDecorators } from '@nestjs/common';
import {
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  buildMessage,
  type ValidationOptions,
} from 'class-validator';

/** The domain's id pattern (libs/domain/src/streams.ts): lowercase letters, digits and '-', 1..64. */
export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A UTF-16 surrogate without its partner: not a character, and not representable in UTF-8 (BSON, files). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text must already be well-formed Unicode NFC: kept exactly as sent (never trimmed or normalised), or
 * refused. A lone surrogate (`"\ud800"` in JSON) would survive normalize() and be stored as is.
 */
export function IsNfc(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNfc',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && !LONE_SURROGATE.test(value) && value === value.normalize('NFC'),
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be well-formed Unicode NFC`,
          options,
        ),
      },
    },
    options,
  );
}

/** Non-empty NFC text of at most `max` characters (each item, with `{ each: true }`). */
export function IsText(max: number, options: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    MinLength(1, options),
    MaxLength(max, options),
    IsNfc(options),
  ) as PropertyDecorator;
}

export function IsEntityId(options: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    Matches(ID_PATTERN, { ...options, message: "$property must be 1..64 of a-z, 0-9 and '-'" }),
  ) as PropertyDecorator;
}

/**
 * Points: a finite number with at most two decimals (its range is the scheme's, checked by the domain: 422).
 * Checked as the domain does (`toFixed(2)` round-trips) rather than with IsNumber's maxDecimalPlaces, which
 * throws on a fraction JavaScript prints in exponent form (1e-7 → "1e-7": a 500 instead of a 400).
 */
export function IsPoints(): PropertyDecorator {
  return ValidateBy({
    name: 'isPoints',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(2)) === value,
      defaultMessage: buildMessage(
        (prefix) => `${prefix}$property must be a finite number with at most two decimals`,
      ),
    },
  });
}

/** A calendar date YYYY-MM-DD that exists, from 1945 (its order and limits are the domain's: 422). */
export function IsCalendarDate(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value < '1945-01-01')
            return false;
          const date = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
        },
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be a calendar date YYYY-MM-DD from 1945-01-01`,
          options,
        ),
      },
    },
    options,
  );
}
