import { useEffect, useState } from 'preact/hooks';
import { api, must } from '../api';
import { Badge, Load, Problem } from '../components/common';
import { num, time } from '../format';
import { useSession } from '../session';
import { useLoad, useTitle } from '../use-load';
import { TableFrame } from '../components/table-frame';

const STATUS: Record<string, { label: string; tone: 'ok' | 'warn' | 'bad' | 'info' }> = {
  running: { label: 'Đang chạy', tone: 'ok' },
  'catching-up': { label: 'Đang bắt kịp', tone: 'info' },
  rebuilding: { label: 'Đang dựng lại', tone: 'info' },
  stalled: { label: 'Dừng vì lỗi', tone: 'bad' },
  stopped: { label: 'Đã dừng', tone: 'warn' },
};

const NAMES: Record<string, string> = {
  'cluster-directory': 'Danh bạ Cụm thi đua',
  rankings: 'Bảng xếp hạng',
  'unit-history': 'Lịch sử đơn vị',
  'yearly-totals': 'Tổng hợp khen thưởng',
};

/**
 * The projections (read models) as the API sees them (GET /admin/projections, admins and inspectors):
 * status, checkpoint against the head, lag, the event a stalled one stopped at. Admins may rebuild one.
 */
export function ProjectionsPage() {
  useTitle('Trạng thái dữ liệu');
  const { claims } = useSession();
  const list = useLoad((signal) => must(api.GET('/admin/projections', { signal })), []);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<unknown>();
  // Refresh every 2 s while something is not running (a rebuild, a catch-up).
  const busy = list.data?.some((p) => p.status !== 'running' || p.lag > 0) ?? false;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(list.reload, 2000);
    return () => clearInterval(timer);
  }, [busy, list.reload]);
  const rebuild = async (name: string) => {
    if (
      !confirm(
        `Dựng lại “${NAMES[name] ?? name}” từ đầu sổ? Bản đang phục vụ vẫn được dùng đến khi bản mới bắt kịp.`,
      )
    )
      return;
    setError(undefined);
    try {
      await must(api.POST('/admin/projections/{name}/rebuild', { params: { path: { name } } }));
      setMessage(`Đang dựng lại ${NAMES[name] ?? name}.`);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <h1>Trạng thái dữ liệu đọc (projections)</h1>
      <p>Mỗi bảng dữ liệu đọc được dựng từ sổ sự kiện; “độ trễ” là số sự kiện chưa được áp dụng.</p>
      <p class="sr-only" role="status">
        {message}
      </p>
      {error !== undefined && <Problem error={error} />}
      <Load state={list}>
        {(projections) => (
          <TableFrame>
            <table class="grid">
              <caption>Các projection</caption>
              <thead>
                <tr>
                  <th scope="col">Tên</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col" class="num">
                    Phiên bản / thế hệ
                  </th>
                  <th scope="col" class="num">
                    Đã áp dụng đến
                  </th>
                  <th scope="col" class="num">
                    Đầu sổ
                  </th>
                  <th scope="col" class="num">
                    Độ trễ
                  </th>
                  <th scope="col">Ghi chú</th>
                  {claims.role === 'admin' && <th scope="col">Thao tác</th>}
                </tr>
              </thead>
              <tbody>
                {projections.map((p) => (
                  <tr key={p.name} data-projection={p.name}>
                    <th scope="row">
                      {NAMES[p.name] ?? p.name} <code class="small">{p.name}</code>
                    </th>
                    <td>
                      <Badge tone={STATUS[p.status]?.tone ?? 'warn'}>
                        {STATUS[p.status]?.label ?? p.status}
                      </Badge>
                    </td>
                    <td class="num">
                      {p.version} / {p.generation}
                    </td>
                    <td class="num">#{num(p.position)}</td>
                    <td class="num">#{num(p.head)}</td>
                    <td class="num">{num(p.lag)}</td>
                    <td class="text">
                      {p.error &&
                        `Dừng tại sự kiện #${p.error.position} (${p.error.type}, ${p.error.eventId}): ${p.error.message}`}
                      {p.outage &&
                        `Mất kết nối kho sự kiện từ ${time(p.outage.since)} (${p.outage.attempts} lần thử): ${p.outage.message}`}
                      {p.rebuild &&
                        `Đang dựng thế hệ ${p.rebuild.generation}: đến #${num(p.rebuild.position)}`}
                    </td>
                    {claims.role === 'admin' && (
                      <td>
                        <button
                          type="button"
                          onClick={() => rebuild(p.name)}
                          disabled={p.rebuild !== undefined}
                        >
                          Dựng lại
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        )}
      </Load>
    </>
  );
}
