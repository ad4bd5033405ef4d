import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  computeDigest,
  type EventStore,
  IntegrityError,
  type IntegrityFailure,
  type LogIntegrity,
  type StoredEvent,
  signDigest,
  type SignedDigest,
  verifyLog,
  type VerifyReport,
} from '@thidua/event-store';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators.js';
import { ApiError } from '../common/api-error.js';
import { EVENT_STORE, LOG_INTEGRITY } from '../infrastructure/tokens.js';
import { ApiErrors, ApiResult, type JsonBytes } from '../openapi/api-result.js';
import { jsonBytes } from '../openapi/stored-json.js';
import { DEMO } from '../openapi/demo-examples.js';
import { DigestQuery, SignedDigestDto, StreamEventsQuery, VerifyQuery } from './audit.dto.js';
import type { IssuedDigest, PublicKey, StreamEventsPage } from './audit.types.js';
import { SIGNING_KEY } from './audit.tokens.js';
import type { SigningKey } from './signing-key.js';

/** Kiểm tra (audit): every event with its hashes, chain verification, signed digests of the log. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(LOG_INTEGRITY) private readonly integrity: LogIntegrity,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
  ) {}

  @Get('streams/:streamId')
  // Sent as its JSON's UTF-8 bytes (100 events ≈ 100 KB, 1,000 ≈ 900 KB): say it is JSON.
  @Header('content-type', 'application/json; charset=utf-8')
  @Roles('inspector', 'admin')
  @ApiOperation({
    summary: 'Raw events of a stream with prevHash and hash, by revision',
    description:
      'Each page is checked against the hash chain; a page of a stream that fails the check is still shown, ' +
      'as stored, with `integrityFailure` naming the first event that fails (inspecting a broken log is the point).',
  })
  @ApiParam({
    name: 'streamId',
    description:
      'A stream: unit-{u}, cluster-{c}, emulation-{c}-{y}, membership-{organizer}-{y}, award-decision-{d}',
    example: DEMO.streamId,
  })
  @ApiResult('StreamEventsPage', 'A page of the stream’s events')
  @ApiErrors({ 404: 'STREAM_NOT_FOUND (field streamId): the stream has no events' })
  async getStreamEvents(
    @Param('streamId') streamId: string,
    @Query() query: StreamEventsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonBytes<StreamEventsPage>> {
    const fromRevision = query.fromRevision ?? 0;
    const limit = query.limit ?? 100;
    // One more than asked tells whether a next page exists without a second read.
    let events: StoredEvent[];
    let integrityFailure: IntegrityFailure | undefined;
    try {
      events = await this.events.readStream(streamId, { fromRevision, maxCount: limit + 1 });
    } catch (error) {
      if (!(error instanceof IntegrityError)) throw error;
      integrityFailure = error.failure;
      events = await this.integrity.unverified.readStream(streamId, { fromRevision, maxCount: limit + 1 });
    }
    if (events.length === 0 && fromRevision === 0) {
      throw new ApiError(404, 'STREAM_NOT_FOUND', `stream ${streamId} has no events`, 'streamId');
    }
    const page = events.slice(0, limit);
    const last = page[page.length - 1];
    return jsonBytes<StreamEventsPage>(reply, {
      streamId,
      events: page,
      nextRevision: events.length > limit && last ? last.revision + 1 : null,
      ...(integrityFailure ? { integrityFailure } : {}),
    });
  }

  @Get('verify')
  @Roles('inspector', 'admin')
  @ApiOperation({
    summary:
      'Recompute the hash chain of one stream or of the whole log; names the first altered, removed or reordered event',
  })
  @ApiResult('VerifyReport', 'ok, or the first altered, removed or reordered event')
  verifyLog(@Query() query: VerifyQuery): Promise<VerifyReport> {
    // The report names what is broken: read around the serving path's check, which would only refuse.
    return verifyLog(
      this.integrity.unverified,
      query.streamId === undefined ? {} : { streamId: query.streamId },
    );
  }

  @Get('digest')
  @Roles('inspector', 'admin')
  @ApiOperation({
    summary:
      'Signed digest of the log: every stream head at a position, a Merkle root over them, the log hash (the ' +
      'chain over every event in position order), an Ed25519 signature (issuedAt is inside the signed payload). ' +
      'Keep it; POST it back to /audit/verify-against later. Every event up to the position is checked first: ' +
      'a broken log is never signed (500 INTEGRITY_FAILURE). A position beyond the head: 422 POSITION_BEYOND_HEAD.',
  })
  @ApiResult('IssuedDigest', 'The signed digest')
  @ApiErrors({
    400: 'VALIDATION_FAILED (field position or heads)',
    422: "POSITION_BEYOND_HEAD (field position): past the log's head; the body gives `head`",
  })
  async getDigest(@Query() query: DigestQuery): Promise<IssuedDigest> {
    const head = await this.events.headPosition();
    if (query.position !== undefined && query.position > head) {
      throw new ApiError(
        422,
        'POSITION_BEYOND_HEAD',
        `position ${query.position} is beyond the log's head (head ${head})`,
        'position',
        {},
        { head },
      );
    }
    const digest = await computeDigest(this.events, query.position);
    const withHeads = query.heads === false ? { ...digest, heads: undefined } : digest;
    return signDigest({ ...withHeads, issuedAt: new Date().toISOString() }, this.key.privateKeyPem);
  }

  @Post('verify-against')
  @HttpCode(200)
  @Roles('inspector', 'admin')
  @ApiOperation({
    summary:
      'Verify the log against an earlier digest signed by this server: detects a truncated or rewritten history ' +
      '(heads may be omitted; then only the root is compared)',
  })
  @ApiBody({
    type: SignedDigestDto,
    description:
      'A digest GET /audit/digest issued earlier, as it was downloaded (heads may be left out). The example has the ' +
      "shape only: its signature is not this server's, so it answers ok: false, bad-signature; send your own.",
    examples: {
      shape: {
        summary: 'The shape of a digest (send the one you downloaded)',
        value: {
          position: 245,
          streamCount: 60,
          root: '0'.repeat(64),
          algorithm: 'Ed25519',
          publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA…\n-----END PUBLIC KEY-----\n',
          signature: 'c2lnbmF0dXJl',
          issuedAt: '2026-11-22T08:00:00.000Z',
        },
      },
    },
  })
  @ApiResult(
    'VerifyReport',
    'ok, or how the log no longer agrees with the digest (truncated, rewritten, bad-signature)',
  )
  verifyAgainstDigest(@Body() digest: SignedDigestDto): Promise<VerifyReport> {
    return verifyLog(this.integrity.unverified, {
      against: digest as SignedDigest,
      trustedPublicKeyPem: this.key.publicKeyPem,
    });
  }

  @Get('public-key')
  @Public()
  @ApiOperation({ summary: "The server's Ed25519 public key (SPKI PEM) that signs digests" })
  @ApiResult('PublicKey', 'The public key')
  getPublicKey(): PublicKey {
    return { algorithm: 'Ed25519', publicKey: this.key.publicKeyPem };
  }
}
