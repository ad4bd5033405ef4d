import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@thidua/domain';
import { AppendTooLargeError, PartialDuplicateError, RevisionConflictError } from '@thidua/event-store';
import { ApiError } from './api-error.js';
import { toErrorResponse } from './error-mapping.js';

describe('toErrorResponse', () => {
  it.each([
    ['unprocessable', 422],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
  ] as const)('maps a DomainError with status %s to %i, keeping code and field', (status, http) => {
    const response = toErrorResponse(
      new DomainError('SCORE_ABOVE_MAX', 'points above the maximum', status, 'points'),
    );
    expect(response).toMatchObject({
      status: http,
      body: { code: 'SCORE_ABOVE_MAX', message: 'points above the maximum', field: 'points' },
      internal: false,
    });
  });

  it('maps a revision conflict to 409 REVISION_CONFLICT', () => {
    expect(toErrorResponse(new RevisionConflictError('emulation-c1-2024', '4', 5))).toMatchObject({
      status: 409,
      body: { code: 'REVISION_CONFLICT' },
    });
  });

  it("maps an append over the store's size limit to 413 APPEND_TOO_LARGE, not a server fault", () => {
    expect(toErrorResponse(new AppendTooLargeError('emulation-c1-2024', 1_100_000, 1_048_576))).toMatchObject(
      {
        status: 413,
        body: { code: 'APPEND_TOO_LARGE', message: expect.stringContaining('1048576') },
        internal: false,
      },
    );
  });

  it('keeps ApiError status, field and headers', () => {
    const response = toErrorResponse(
      new ApiError(503, 'PROJECTION_BEHIND', 'wait', 'minPosition', { 'retry-after': '1' }),
    );
    expect(response).toEqual({
      status: 503,
      body: { code: 'PROJECTION_BEHIND', message: 'wait', field: 'minPosition' },
      headers: { 'retry-after': '1' },
      internal: false,
    });
  });

  it('names framework HTTP errors by status', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x')).body).toEqual({
      code: 'NOT_FOUND',
      message: 'Cannot GET /x',
    });
    expect(toErrorResponse(new BadRequestException('bad')).body.code).toBe('BAD_REQUEST');
    expect(toErrorResponse(new HttpException('slow down', 429)).body.code).toBe('RATE_LIMITED');
  });

  it('hides internals of unknown errors and store faults', () => {
    for (const error of [
      new Error('SQLITE_CORRUPT: /var/lib/secret.db'),
      new PartialDuplicateError('s'),
      'a string',
      null,
    ]) {
      const response = toErrorResponse(error);
      expect(response.status).toBe(500);
      expect(response.internal).toBe(true);
      expect(JSON.stringify(response.body)).not.toMatch(/SQLITE|secret|PARTIAL/);
    }
  });

  it('does not mistake an arbitrary error with a status-like field for a domain error', () => {
    const odd = Object.assign(new Error('boom'), { code: 'X', status: 'teapot' });
    expect(toErrorResponse(odd).status).toBe(500);
  });
});
