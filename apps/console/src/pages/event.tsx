import { useState } from 'preact/hooks';
import { api, must } from '../api';
import { Badge, Breadcrumbs, Load, Problem } from '../components/common';
import { time } from '../format';
import { eventTypeLabel, roleLabel } from '../labels';
import { to } from '../routes';
import { useLoad, useTitle } from '../use-load';

/**
 * A raw event as the log stores it (GET /audit/streams/{s}, inspectors and admins): envelope, data, and
 * the hash chain — its hash, the previous event's hash it links to — with the stream's verification.
 */
export function EventPage({ streamId, revision }: { streamId: string; revision: string }) {
  const rev = Number(revision);
  useTitle(`Sự kiện ${streamId} #${revision}`);
  const page = useLoad(
    (signal) =>
      must(
        api.GET('/audit/streams/{streamId}', {
          params: { path: { streamId }, query: { fromRevision: rev, limit: 1 } },
          signal,
        }),
      ),
    [streamId, rev],
  );
  const [verify, setVerify] = useState<{ ok: boolean; detail: string } | { error: unknown }>();
  const verifyStream = async () => {
    try {
      const report = await must(api.GET('/audit/verify', { params: { query: { streamId } } }));
      setVerify({
        ok: report.ok,
        detail: report.ok
          ? `chuỗi băm nguyên vẹn: ${report.checkedEvents} sự kiện`
          : `${report.firstFailure?.problem}: ${report.firstFailure?.detail}`,
      });
    } catch (error) {
      setVerify({ error });
    }
  };
  return (
    <>
      <Breadcrumbs
        items={[{ label: 'Kiểm tra toàn vẹn', href: to.audit() }, { label: `${streamId} #${revision}` }]}
      />
      <h1>
        Sự kiện gốc: luồng {streamId}, số thứ tự {revision}
      </h1>
      <Load state={page}>
        {({ events }) => {
          const e = events[0];
          if (!e || e.revision !== rev) return <p role="alert">Luồng này không có sự kiện số {revision}.</p>;
          const m = e.metadata;
          return (
            <>
              <dl class="facts">
                <dt>Loại</dt>
                <dd>
                  {eventTypeLabel(e.type)} <code>{e.type}</code>
                </dd>
                <dt>Mã sự kiện</dt>
                <dd>
                  <code>{e.eventId}</code>
                </dd>
                <dt>Vị trí trong sổ</dt>
                <dd>#{e.position}</dd>
                <dt>Người thực hiện</dt>
                <dd>
                  {m.actor.id} ({roleLabel(m.actor.role)}
                  {m.actor.unitId ? `, ${m.actor.unitId}` : ''})
                </dd>
                <dt>Thời điểm ghi</dt>
                <dd>{time(m.occurredAt)}</dd>
                {m.reason && (
                  <>
                    <dt>Lý do</dt>
                    <dd>{m.reason}</dd>
                  </>
                )}
                <dt>Mã băm (hash)</dt>
                <dd>
                  <code class="wrap" data-hash={m.hash}>
                    {m.hash}
                  </code>
                </dd>
                <dt>Mã băm sự kiện trước</dt>
                <dd>
                  <code class="wrap">{m.prevHash}</code>
                </dd>
                <dt>Liên quan</dt>
                <dd>
                  tương quan <code>{m.correlationId}</code> · nguyên nhân <code>{m.causationId}</code> · phiên
                  bản dữ liệu {m.schemaVersion}
                  {m.requestHash && (
                    <>
                      {' '}
                      · băm yêu cầu <code>{m.requestHash}</code>
                    </>
                  )}
                </dd>
              </dl>
              <nav aria-label="Sự kiện kề bên" class="tabs">
                {rev > 0 && <a href={to.event(streamId, rev - 1)}>← Sự kiện trước (#{rev - 1})</a>}
                <a href={to.event(streamId, rev + 1)}>Sự kiện sau (#{rev + 1}) →</a>
              </nav>
              <h2>Dữ liệu</h2>
              <pre class="json" tabIndex={0} aria-label="Dữ liệu sự kiện (JSON)">
                {JSON.stringify(e.data, null, 2)}
              </pre>
              <p>
                <button type="button" onClick={verifyStream}>
                  Kiểm tra chuỗi băm của luồng này
                </button>{' '}
                <span role="status">
                  {verify && 'error' in verify ? (
                    <Problem error={verify.error} />
                  ) : verify ? (
                    <Badge tone={verify.ok ? 'ok' : 'bad'}>{verify.detail}</Badge>
                  ) : null}
                </span>
              </p>
            </>
          );
        }}
      </Load>
    </>
  );
}
