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

/**
 * Characters free text may not hold: control characters (C0, DEL, C1), format characters (bidi embeddings,
 * overrides and isolates such as U+202E, zero-width space/joiners, the byte-order mark, soft hyphen) and
 * the line/paragraph separators. They hide or reorder what a reader sees; Vietnamese needs none of them.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** In multi-line text, line breaks (LF, CRLF) are kept; every other control character is still refused. */
const MULTI_LINE_BREAKS = /\r\n|\n/g;

/** Text of at most this many characters is one line (names, titles); longer free text may hold line breaks. */
export const ONE_LINE_MAX = 300;

function hiddenCharacter(value: string, multiLine: boolean): string | undefined {
  const text = multiLine ? value.replace(MULTI_LINE_BREAKS, '') : value;
  const found = HIDDEN.exec(text)?.[0];
  return found === undefined
    ? undefined
    : `U+${(found.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Refuses control, bidi-control and zero-width characters (line breaks allowed when `multiLine`). */
export function IsPlainText(multiLine: boolean, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainText',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && hiddenCharacter(value, multiLine) === undefined,
        defaultMessage: buildMessage(
          (prefix, args) =>
            `${prefix}$property must not contain control, bidi-control or zero-width characters` +
            (multiLine ? ' (line breaks are allowed)' : ' (one line)') +
            (typeof args?.value === 'string' ? `: found ${hiddenCharacter(args.value, multiLine)}` : ''),
          options,
        ),
      },
    },
    options,
  );
}

/** The text rules of each DTO property declared with IsText, for the OpenAPI descriptions (openapi.ts). */
export const TEXT_FIELDS = new Map<string, Map<string, { multiLine: boolean }>>();

function recordTextField(multiLine: boolean): PropertyDecorator {
  return (target, property) => {
    const name = target.constructor.name;
    let fields = TEXT_FIELDS.get(name);
    if (!fields) TEXT_FIELDS.set(name, (fields = new Map()));
    fields.set(String(property), { multiLine });
  };
}

/** How the OpenAPI document describes a text field's characters. */
export function textRule(multiLine: boolean): string {
  return multiLine
    ? 'Plain text: line breaks (LF or CRLF) are kept; any other control character, bidi-control (e.g. U+202E) or zero-width character is refused (400).'
    : 'Plain text on one line: control characters (line breaks included), bidi-control (e.g. U+202E) and zero-width characters are refused (400).';
}

/**
 * Non-empty NFC plain text of at most `max` characters (each item, with `{ each: true }`): one line up to
 * ONE_LINE_MAX characters, multi-line above (reasons, notes, evidence, targets).
 */
export function IsText(max: number, options: ValidationOptions = {}): PropertyDecorator {
  const multiLine = max > ONE_LINE_MAX;
  return applyDecorators(
    IsString(options),
    MinLength(1, options),
    MaxLength(max, options),
    IsNfc(options),
    IsPlainText(multiLine, options),
    recordTextField(multiLine),
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
