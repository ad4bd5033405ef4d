import type { Schemas } from '@thidua/api-client';
import { finalityLabel, ignoredLabel, statusLabel, eventTypeLabel } from '../labels';
import { Badge, Hash } from './common';

type Ranking = Pick<
  Schemas['RankingDocument'],
  | 'finality'
  | 'status'
  | 'schemeVersion'
  | 'position'
  | 'sealedDigest'
  | 'currentDigest'
  | 'revisedBy'
  | 'ignoredEntries'
  | 'integrityFailure'
  | 'disputedBy'
  | 'acceptedIncomplete'
> & { rows: ReadonlyArray<{ unitId: string; unitName: string | null }> };

const FINALITY_TONE: Record<string, 'ok' | 'warn' | 'bad' | 'info'> = {
  final: 'ok',
  provisional: 'info',
  revised: 'warn',
  'not-opened': 'info',
  disputed: 'warn',
};

/** How far a ranking can be relied on: finality, the sealed digest against the current one, revisions. */
export function RankingFacts({ ranking }: { ranking: Ranking }) {
  const { sealedDigest, currentDigest } = ranking;
  const name = (unitId: string) => ranking.rows.find((r) => r.unitId === unitId)?.unitName ?? unitId;
  return (
    <div class="facts-box">
      <dl class="facts">
        <dt>Tính chất</dt>
        <dd>
          <Badge tone={FINALITY_TONE[ranking.finality] ?? 'bad'}>{finalityLabel(ranking.finality)}</Badge>{' '}
          <span class="muted">
            kỳ {statusLabel(ranking.status).toLowerCase()} · thang điểm{' '}
            {ranking.schemeVersion === null ? 'chưa ban hành' : `phiên bản ${ranking.schemeVersion}`} · tính
            đến sự kiện #{ranking.position}
          </span>
        </dd>
        <dt>Mã niêm phong</dt>
        <dd>
          {sealedDigest ? <Hash value={sealedDigest} n={16} /> : <span class="muted">chưa niêm phong</span>}
        </dd>
        <dt>Mã hiện tại</dt>
        <dd>
          <Hash value={currentDigest} n={16} />{' '}
          {sealedDigest === undefined ? (
            <span class="muted">(mã sẽ được niêm phong khi khóa sổ)</span>
          ) : sealedDigest === currentDigest ? (
            <Badge tone="ok">trùng mã niêm phong</Badge>
          ) : (
            <Badge tone="warn">khác mã niêm phong: bảng đã thay đổi sau khi khóa sổ</Badge>
          )}
        </dd>
        {ranking.integrityFailure && (
          <>
            <dt>Lỗi toàn vẹn</dt>
            <dd class="problem">
              {ranking.integrityFailure.detail}
              {ranking.integrityFailure.streamId && ` · luồng ${ranking.integrityFailure.streamId}`}
              {ranking.integrityFailure.revision !== undefined && ` #${ranking.integrityFailure.revision}`}
              {ranking.integrityFailure.position !== undefined &&
                ` · vị trí #${ranking.integrityFailure.position}`}
            </dd>
          </>
        )}
        {ranking.disputedBy && (
          <>
            <dt>Khiếu nại đang mở</dt>
            <dd class="problem">
              {ranking.disputedBy.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <Hash value={id} />
                </span>
              ))}{' '}
              · bảng xếp hạng chưa được dùng để xét tặng Cờ thi đua cho đến khi khiếu nại được giải quyết
            </dd>
          </>
        )}
        {ranking.acceptedIncomplete && (
          <>
            <dt>Niêm phong khi chưa đủ điểm</dt>
            <dd>
              {ranking.acceptedIncomplete.reason}
              <span class="muted">
                {' '}
                · {ranking.acceptedIncomplete.unitIds.length} đơn vị chưa đủ điểm:{' '}
                {ranking.acceptedIncomplete.unitIds.map(name).join(', ')}
              </span>
            </dd>
          </>
        )}
        {ranking.revisedBy.length > 0 && (
          <>
            <dt>Điều chỉnh bởi</dt>
            <dd>
              {ranking.revisedBy.map((e) => (
                <div key={e.eventId}>
                  {eventTypeLabel(e.type)} · sự kiện #{e.position} · <Hash value={e.eventId} />
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
      {ranking.ignoredEntries.length > 0 && (
        <details>
          <summary>{ranking.ignoredEntries.length} mục điểm không được tính</summary>
          <ul>
            {ranking.ignoredEntries.map((e) => (
              <li key={e.entryId}>
                {name(e.unitId)} · tiêu chí {e.criterion} · {ignoredLabel(e.reason)} ·{' '}
                <Hash value={e.entryId} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
