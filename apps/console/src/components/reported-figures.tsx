import type { Schemas } from '@thidua/api-client';
import { day, num, signed, time } from '../format';
import { roleLabel } from '../labels';
import { to } from '../routes';
import { Badge, Hash } from './common';
import { TableFrame } from './table-frame';

type Reported = NonNullable<Schemas['TotalsDoc']['reported']>;

/**
 * What a cluster or an organizer reported, beside what the ledger records (issue 12): the API says whether
 * they differ; the console shows both figures, the gap, and where the reported one came from — the document
 * cited, who recorded it and when, and the event itself — so an inspector can trace a headline to its source.
 */
export function ReportedFigures({
  reported: r,
  recorded,
}: {
  reported: Reported;
  recorded: { total: number; collective: number; individual: number };
}) {
  const rows: Array<{ label: string; stated: number | null; recorded: number }> = [
    { label: 'Tổng (lượt)', stated: r.total, recorded: recorded.total },
    { label: 'Tập thể', stated: r.collective, recorded: recorded.collective },
    { label: 'Cá nhân', stated: r.individual, recorded: recorded.individual },
  ];
  const who = r.recorded.actor;
  return (
    <section class="reported" aria-labelledby="reported-title" data-mismatch={String(r.mismatch)}>
      <h3 id="reported-title">Số liệu báo cáo và số liệu ghi nhận</h3>
      {r.mismatch ? (
        <p class="mismatch" role="note">
          <Badge tone="bad">Không khớp</Badge> Báo cáo nêu <strong>{num(r.total)} lượt</strong>, sổ ghi nhận{' '}
          <strong>{num(r.recordedTotal)} lượt</strong> khen thưởng (chênh lệch {signed(r.difference)} lượt).
          Số ghi nhận là tổng các quyết định khen thưởng có trong sổ (bảng bên dưới, chưa tính khen thưởng đã
          bị thu hồi); số báo cáo được ghi đúng như nguồn đã nêu, không sửa.
        </p>
      ) : (
        <p class="match" role="note">
          <Badge tone="ok">Khớp</Badge> Số liệu báo cáo khớp với số liệu ghi nhận ({num(r.recordedTotal)}{' '}
          lượt).
        </p>
      )}
      <TableFrame>
        <table class="grid">
          <caption>Số liệu báo cáo đối chiếu với số liệu ghi nhận</caption>
          <thead>
            <tr>
              <th scope="col">Chỉ tiêu</th>
              <th scope="col" class="num">
                Báo cáo
              </th>
              <th scope="col" class="num">
                Ghi nhận
              </th>
              <th scope="col" class="num">
                Chênh lệch (ghi nhận − báo cáo)
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const differs = row.stated !== null && row.stated !== row.recorded;
              return (
                <tr key={row.label} class={differs ? 'differs' : undefined}>
                  <th scope="row">{row.label}</th>
                  <td class="num">{row.stated === null ? 'không nêu' : num(row.stated)}</td>
                  <td class="num">{num(row.recorded)}</td>
                  <td class="num">
                    {row.stated === null ? '—' : signed(row.recorded - row.stated)}
                    {differs && <span class="sr-only"> (không khớp)</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableFrame>
      <dl class="facts source">
        <dt>Nguồn số liệu báo cáo</dt>
        <dd>{r.source.reference}</dd>
        {r.source.sha256 && (
          <>
            <dt>Mã băm SHA-256 của tài liệu nguồn</dt>
            <dd>
              <Hash value={r.source.sha256} n={16} />
            </dd>
          </>
        )}
        <dt>Ngày báo cáo</dt>
        <dd>{day(r.statedOn)}</dd>
        <dt>Người ghi vào sổ</dt>
        <dd>
          {who.id} · {roleLabel(who.role)}
          {who.unitId ? ` · ${who.unitId}` : ''}
        </dd>
        <dt>Thời điểm ghi</dt>
        <dd>{time(r.recorded.recordedAt)}</dd>
        <dt>Sự kiện gốc</dt>
        <dd>
          <a href={to.event(r.recorded.streamId, r.recorded.revision)}>
            Ghi nhận số liệu báo cáo · {r.recorded.streamId} #{r.recorded.revision}
          </a>{' '}
          (vị trí #{r.recorded.position} trong sổ, mã sự kiện <Hash value={r.recorded.eventId} n={8} />)
        </dd>
      </dl>
      {r.replaced.length > 0 && (
        <>
          <h4>Báo cáo trước đó đã được thay thế</h4>
          <ul>
            {r.replaced.map((old) => (
              <li key={old.position}>
                {num(old.total)} lượt, báo cáo ngày {day(old.statedOn)} (vị trí #{old.position})
                {old.reason ? ` — lý do thay thế: ${old.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
