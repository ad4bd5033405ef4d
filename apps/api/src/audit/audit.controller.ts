import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  computeDigest,
  type EventStore,
  IntegrityError,
  type IntegrityFailure,
  type LogIntegrity,
  signDigest,
  type SignedDigest,
  type StoredEvent,
  verifyLog,
  type VerifyReport,
} from '@thidua/event-store';
import { Public, Roles } from '../auth/auth.decorators.js';
import { ApiError } from '../common/api-error.js';
import { EVENT_STORE, LOG_INTEGRITY } from '../infrastructure/tokens.js';
import { DigestQuery, SignedDigestDto, StreamEventsQuery, VerifyQuery } from './audit.dto.js';
import { SIGNING_KEY } from './audit.tokens.js';
import type { SigningKey } from './signing-key.js';

export interface StreamEventsPage {
  streamId: string;
  events: StoredEvent[];
  /** Revision to ask for next, or null when this page reached the end of the stream. */
  nextRevision: number | null;
  /** Present when the stream fails its integrity check: the events are then shown as stored, unverified. */
  integrityFailure?: IntegrityFailure;
}

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
  @Roles('inspector', 'admin')
  @ApiOperation({
    summary: 'Raw events of a stream with prevHash and hash, by revision',
    description:
      'Each page is checked against the hash chain; a page of a stream that fails the check is still shown, ' +
      'as stored, with `integrityFailure` naming the first event that fails (inspecting a broken log is the point).',
  })
  @ApiParam({ name: 'streamId', example: 'emulation-cum-1-2024' })
  async stream(
    @Param('streamId') streamId: string,
    @Query() query: StreamEventsQuery,
  ): Promise<StreamEventsPage> {
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
    return {
      streamId,
      events: page,
      nextRevision: events.length > limit && last ? last.revision + 1 : null,
      ...(integrityFailure ? { integrityFailure } : {}),
    };
  }

  @Get('verify')
  @Roles('inspector', 'admin')
  @ApiOperation({
    summary:
      'Recompute the hash chain of one stream or of the whole log; names the first altered, removed or reordered event',
  })
  verify(@Query() query: VerifyQuery): Promise<VerifyReport> {
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
      'a broken log is never signed (500 INTEGRITY_FAILURE). A position beyond the head: 400 POSITION_BEYOND_HEAD.',
  })
  async digest(@Query() query: DigestQuery): Promise<SignedDigest & { issuedAt: string }> {
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
  verifyAgainst(@Body() digest: SignedDigestDto): Promise<VerifyReport> {
    return verifyLog(this.integrity.unverified, {
      against: digest as SignedDigest,
      trustedPublicKeyPem: this.key.publicKeyPem,
    });
  }

  @Get('public-key')
  @Public()
  @ApiOperation({ summary: "The server's Ed25519 public key (SPKI PEM) that signs digests" })
  @ApiOkResponse({ schema: { example: { algorithm: 'Ed25519', publicKey: '-----BEGIN PUBLIC KEY-----…' } } })
  publicKey(): { algorithm: 'Ed25519'; publicKey: string } {
    return { algorithm: 'Ed25519', publicKey: this.key.publicKeyPem };
  }
}
