import { basisIssueLabel, groundLabel } from '../award-labels';
import { day, num } from '../format';
import { Badge } from './common';

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
              <li key={`${b.code}:${b.since}`}>
                {basisIssueLabel(b.code)} (từ vị trí #{b.since} trong sổ): {b.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
