import { isUtf8 } from 'node:buffer';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest, RawServerDefault } from 'fastify';
import { ApiError } from './api-error.js';
import { scanJson } from './json-scan.js';

/**
 * Deepest nesting a request body may have. The deepest body a route takes (a scheme: body → criteria →
 * item) is 3 levels; 32 leaves room and stops what would make a parser or a validator recurse without end.
 */
export const MAX_JSON_DEPTH = 32;

const UTF8_CHARSET = /^utf-?8$/i;

/**
 * The application/json body parser (replaces Fastify's and Nest's): a body is UTF-8 JSON or it is refused
 * with 400, never changed.
 * - an empty body is no body: a command without one (open or close a period, rebuild) may be sent by a
 *   client that always says `Content-Type: application/json`;
 * - a `charset` other than UTF-8 → 400 UNSUPPORTED_CHARSET (field content-type);
 * - a byte-order mark at the start → 400 MALFORMED_JSON (RFC 8259 §8.1: senders must not add one; the
 *   API does not strip it silently);
 * - bytes that are not UTF-8 → 400 INVALID_UTF8 naming the field holding the first bad byte (they are
 *   never stored as U+FFFD);
 * - nesting deeper than MAX_JSON_DEPTH → 400 JSON_TOO_DEEP, found by one linear scan before JSON.parse;
 * - then Fastify's own JSON parser (same limits, `__proto__` and `constructor.prototype` refused).
 */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    if (body.length === 0) {
      done(null, undefined);
      return;
    }
    let text: string;
    try {
      text = checkedText(request, body);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parse(request, text, done);
  });
}

function checkedText(request: FastifyRequest, body: Buffer): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(request.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && !UTF8_CHARSET.test(charset)) {
    throw new ApiError(
      400,
      'UNSUPPORTED_CHARSET',
      `the body must be UTF-8 JSON; charset ${charset} is not accepted`,
      'content-type',
    );
  }
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    throw new ApiError(
      400,
      'MALFORMED_JSON',
      'the body starts with a byte-order mark (U+FEFF); send JSON without it',
    );
  }
  if (!isUtf8(body)) {
    const at = firstInvalidUtf8(body);
    const prefix = body.subarray(0, at).toString('utf8');
    const field = scanJson(body.toString('utf8'), Number.MAX_SAFE_INTEGER, prefix.length).pathAt;
    throw new ApiError(
      400,
      'INVALID_UTF8',
      `the body is not valid UTF-8 (byte ${at}${field ? `, in ${field}` : ''})`,
      field || undefined,
    );
  }
  const text = body.toString('utf8');
  const { tooDeep } = scanJson(text, MAX_JSON_DEPTH);
  if (tooDeep) {
    throw new ApiError(
      400,
      'JSON_TOO_DEEP',
      `the body nests deeper than ${MAX_JSON_DEPTH} levels (at character ${tooDeep.offset})`,
      tooDeep.path.split('.')[0] || undefined, // the top-level field that holds it
    );
  }
  return text;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let n: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return bytes.length;
}
