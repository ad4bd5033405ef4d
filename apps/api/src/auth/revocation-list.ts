import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { type Integer, TOKEN_REVOCATIONS_STREAM, type TokenRevocationEvent } from '@thidua/domain';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import { EVENT_STORE, LOGGER } from '../infrastructure/tokens.js';
import type { VerifiedToken } from './jwt.js';

/** How often every API process reads revocations made elsewhere (another replica, the CLI). */
export const REVOCATION_REFRESH_MS = 1000;

/** One revocation as recorded: why, by whom (the admin's `sub`), when, and its event's position. */
export interface Revocation {
  reason: string;
  revokedBy: string;
  revokedAt: string;
  position: Integer;
}

/** GET /admin/tokens/revocations. */
export interface TokenRevocations {
  tokens: Array<Revocation & { tokenId: string }>;
  /** Every token of the subject issued at or before `issuedBefore` is refused. */
  subjects: Array<Revocation & { subject: string; issuedBefore: string }>;
}

/**
 * The revocations recorded in the log (`token-revocations`), kept in memory by every API process and
 * refreshed from the log every REVOCATION_REFRESH_MS (and at once after this process records one), so a
 * token revoked through one replica is refused by all of them within that delay. Loaded before serving.
 */
@Injectable()
export class RevocationList implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly tokens = new Map<string, Revocation>();
  private readonly subjects = new Map<string, Revocation & { issuedBefore: string; before: number }>();
  private nextRevision = 0;
  private refreshing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh().catch((error: unknown) =>
      this.logger.error({ err: error }, 'token revocations could not be read'),
    );
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger.error({ err: error }, 'token revocations could not be read'),
      );
    }, REVOCATION_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Why the token is refused ('token' id or 'subject'), or undefined when it is not revoked. */
  revoked(token: VerifiedToken): 'token' | 'subject' | undefined {
    if (token.jti !== undefined && this.tokens.has(token.jti)) return 'token';
    const subject = this.subjects.get(token.actor.id);
    // A token without `iat` cannot show it was issued after: refused.
    if (subject && (token.iat === undefined || token.iat * 1000 <= subject.before)) return 'subject';
    return undefined;
  }

  /** Everything revoked so far, for GET /admin/tokens/revocations. */
  list(): TokenRevocations {
    return {
      tokens: [...this.tokens].map(([tokenId, r]) => ({ tokenId, ...r })),
      subjects: [...this.subjects].map(([subject, { before: _before, ...r }]) => ({ subject, ...r })),
    };
  }

  /** Reads what was appended to the stream since the last read (one read at a time). */
  refresh(): Promise<void> {
    this.refreshing ??= this.readNew().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const page = await this.events.readStream(TOKEN_REVOCATIONS_STREAM, {
        fromRevision: this.nextRevision,
        maxCount: 500,
      });
      for (const event of page) this.apply(event);
      if (page.length < 500) return;
    }
  }

  private apply(stored: StoredEvent): void {
    this.nextRevision = stored.revision + 1;
    const event = { type: stored.type, data: stored.data } as unknown as TokenRevocationEvent;
    const common = {
      reason: event.data.reason,
      revokedBy: stored.metadata.actor.id,
      revokedAt: stored.metadata.occurredAt,
      position: stored.position,
    };
    if (event.type === 'TokenRevoked') this.tokens.set(event.data.tokenId, common);
    else if (event.type === 'SubjectTokensRevoked') {
      const before = Date.parse(event.data.issuedBefore);
      const known = this.subjects.get(event.data.subject);
      if (!known || before > known.before)
        this.subjects.set(event.data.subject, { ...common, issuedBefore: event.data.issuedBefore, before });
    }
  }
}
