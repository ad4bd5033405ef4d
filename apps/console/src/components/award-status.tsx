import type { Schemas } from '@thidua/api-client';
import { basisIssueLabel, groundLabel } from '../award-labels';
import { day, num } from '../format';
import { Badge } from './common';
import { EventLink } from './event-link';

/** What the award list and a person's register both know of an award's standing. */
export interface AwardStanding {
  revoked: {
    on: string;
    decisionRef: string;
    reason?: string;
    ground?: string | null;
    authority?: string | null;
    authorityName?: string | null;
    recovery?: { insignia: boolean; moneyVnd: number } | null;
  } | null;
  basisNoLongerHolds: Array<{ code: string; since: number; detail: string }>;
  /** The titles a prerequisite was met with, named, with the revocation of a basis award that was revoked. */
  basis?: Schemas['AwardList']['items'][number]['basis'];
}

/**
 * Whether an award stands: revoked (with the legal ground, the revoking authority, its decision and date,
 * and what was recovered), or conferred but its basis no longer holds ("căn cứ không còn giữ": a title it
 * rested on was revoked, a flag moved outside the quota), or in force.
 */
export function AwardStatus({ award: a }: { award: AwardStanding }) {
  const r = a.revoked;
  return (
    <div class="award-status">
      {r ? (
        <>
          <Badge tone="bad">Đã thu hồi</Badge>
          <dl class="facts compact">
            <dt>Căn cứ</dt>
            <dd>{groundLabel(r.ground ?? null)}</dd>
            {(r.authorityName ?? r.authority) && (
              <>
                <dt>Cấp thu hồi</dt>
                <dd>{r.authorityName ?? r.authority}</dd>
              </>
            )}
            <dt>Quyết định</dt>
            <dd>
              {r.decisionRef}, ngày {day(r.on)}
            </dd>
            {r.recovery && (
              <>
                <dt>Thu hồi</dt>
                <dd>
                  {r.recovery.insignia ? 'hiện vật' : 'không thu hồi hiện vật'};{' '}
                  {r.recovery.moneyVnd > 0
                    ? `tiền thưởng ${num(r.recovery.moneyVnd)} đồng`
                    : 'không thu tiền'}
                </dd>
              </>
            )}
            {r.reason && (
              <>
                <dt>Lý do</dt>
                <dd>{r.reason}</dd>
              </>
            )}
          </dl>
        </>
      ) : a.basisNoLongerHolds.length === 0 ? (
        <Badge tone="ok">Đang có hiệu lực</Badge>
      ) : (
        <Badge tone="warn">Đang có hiệu lực</Badge>
      )}
      {a.basisNoLongerHolds.length > 0 && (
        <div class="basis-gone" role="note">
          <Badge tone="warn">Căn cứ không còn giữ</Badge>
          <ul>
            {a.basisNoLongerHolds.map((b) => (
              <li key={`${b.code}:${b.since}`} title={b.detail}>
                {basisIssueLabel(b.code)} (từ vị trí #{b.since} trong sổ)
              </li>
            ))}
          </ul>
        </div>
      )}
      {a.basis && a.basis.length > 0 && <Basis basis={a.basis} />}
    </div>
  );
}

/** The titles an award's prerequisite was met with: held before the ledger, or an award of it (revoked or not). */
function Basis({ basis }: { basis: NonNullable<AwardStanding['basis']> }) {
  return (
    <div class="basis">
      <span class="small">Điều kiện đã xét:</span>
      <ul class="small">
        {basis.map((b) => (
          <li key={`${b.code}:${b.year}`} class={b.revokedBy ? 'revoked' : undefined}>
            {b.name} năm {b.year}
            {b.awardId === null ? (
              <span class="muted"> (danh hiệu trước khi có sổ)</span>
            ) : b.revokedBy ? (
              <>
                {' '}
                — <strong>đã bị thu hồi</strong> (<EventLink event={b.revokedBy} label="Thu hồi" />)
              </>
            ) : (
              <span class="muted"> (khen thưởng trong sổ, còn hiệu lực)</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
