import { useState } from 'preact/hooks';
import type { Schemas } from '@thidua/api-client';
import { api, must } from '../api';
import { Badge, Hash, Load, Problem } from '../components/common';
import { num, time } from '../format';
import { useLoad, useTitle } from '../use-load';

type Report = Schemas['VerifyReport'];

const PROBLEMS: Record<string, string> = {
  altered: 'nội dung bị sửa',
  removed: 'sự kiện bị xóa',
  reordered: 'thứ tự bị đảo',
  gap: 'thiếu vị trí trong sổ',
  truncated: 'sổ bị cắt bớt sau bản tóm lược',
  rewritten: 'lịch sử bị viết lại sau bản tóm lược',
  'bad-signature': 'chữ ký không hợp lệ',
};

function Verdict({ report, what }: { report: Report; what: string }) {
  const f = report.firstFailure;
  return report.ok ? (
    <p role="status">
      <Badge tone="ok">Nguyên vẹn</Badge> {what}: {num(report.checkedEvents)} sự kiện,{' '}
      {num(report.checkedStreams)} luồng, đến vị trí #{report.headPosition}.
    </p>
  ) : (
    <div role="alert" class="problem">
      <strong>Phát hiện sai lệch</strong> ({what}): {f ? (PROBLEMS[f.problem] ?? f.problem) : 'không rõ'}
      {f?.streamId && ` · luồng ${f.streamId}`}
      {f?.revision !== undefined && ` #${f.revision}`}
      {f?.position !== undefined && ` · vị trí #${f.position}`}
      {f && <div class="detail">{f.detail}</div>}
    </div>
  );
}

/**
 * The audit of the log (inspectors, admins): verify every hash chain with progress, download a signed
 * digest, later verify the log against a digest file.
 */
export function AuditPage() {
  useTitle('Kiểm tra toàn vẹn');
  const key = useLoad((signal) => must(api.GET('/audit/public-key', { signal })), []);
  return (
    <>
      <h1>Kiểm tra toàn vẹn sổ</h1>
      <VerifyChains />
      <DownloadDigest />
      <VerifyAgainst />
      <section class="card" aria-labelledby="key">
        <h2 id="key">Khóa công khai ký bản tóm lược</h2>
        <Load state={key}>
          {(k) => (
            <pre class="json" tabIndex={0} aria-label="Khóa công khai Ed25519 (PEM)">
              {k.publicKey}
            </pre>
          )}
        </Load>
      </section>
    </>
  );
}

/**
 * Stream by stream (the stream list comes from the stream heads of a digest), so progress can be shown;
 * then once over the whole log, which also checks that no position is missing between streams.
 */
function VerifyChains() {
  const [progress, setProgress] = useState<{ done: number; of: number; current?: string }>();
  const [result, setResult] = useState<{ report: Report; what: string }>();
  const [error, setError] = useState<unknown>();
  const run = async () => {
    setResult(undefined);
    setError(undefined);
    try {
      const { heads = [] } = await must(api.GET('/audit/digest', { params: { query: { heads: true } } }));
      const of = heads.length + 1;
      for (const [i, head] of heads.entries()) {
        setProgress({ done: i, of, current: head.streamId });
        const report = await must(
          api.GET('/audit/verify', { params: { query: { streamId: head.streamId } } }),
        );
        if (!report.ok) return setResult({ report, what: `luồng ${head.streamId}` });
      }
      setProgress({ done: heads.length, of, current: 'toàn bộ sổ (thứ tự giữa các luồng)' });
      setResult({ report: await must(api.GET('/audit/verify')), what: 'toàn bộ sổ' });
      setProgress({ done: of, of });
    } catch (e) {
      setError(e);
    }
  };
  const running = progress !== undefined && progress.done < progress.of && !result && error === undefined;
  return (
    <section class="card" aria-labelledby="verify">
      <h2 id="verify">Kiểm tra chuỗi băm</h2>
      <p>Tính lại mã băm của mọi sự kiện, từng luồng một, rồi kiểm tra thứ tự của toàn bộ sổ.</p>
      <button type="button" onClick={run} disabled={running}>
        {running ? 'Đang kiểm tra…' : 'Kiểm tra toàn bộ sổ'}
      </button>
      {progress && (
        <div class="progress">
          <label for="verify-progress">
            Đã kiểm tra {progress.done}/{progress.of} bước{progress.current ? `: ${progress.current}` : ''}
          </label>
          <progress id="verify-progress" max={progress.of} value={progress.done} />
        </div>
      )}
      {result && <Verdict report={result.report} what={result.what} />}
      {error !== undefined && <Problem error={error} />}
    </section>
  );
}

function DownloadDigest() {
  const [issued, setIssued] = useState<{ href: string; name: string; digest: Schemas['IssuedDigest'] }>();
  const [error, setError] = useState<unknown>();
  const issue = async () => {
    setError(undefined);
    try {
      const digest = await must(api.GET('/audit/digest'));
      const blob = new Blob([`${JSON.stringify(digest, null, 2)}\n`], { type: 'application/json' });
      if (issued) URL.revokeObjectURL(issued.href);
      setIssued({ href: URL.createObjectURL(blob), name: `digest-${digest.position}.json`, digest });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="card" aria-labelledby="digest">
      <h2 id="digest">Bản tóm lược có chữ ký</h2>
      <p>
        Mã băm đầu mỗi luồng tại một vị trí, gốc Merkle và chữ ký Ed25519 của máy chủ. Giữ tệp này ở nơi khác:
        về sau có thể chứng minh lịch sử trước vị trí đó không bị viết lại.
      </p>
      <button type="button" onClick={issue}>
        Lập bản tóm lược
      </button>
      {issued && (
        <p role="status">
          Tại vị trí #{issued.digest.position}, {issued.digest.streamCount} luồng, lập lúc{' '}
          {time(issued.digest.issuedAt)}, gốc <Hash value={issued.digest.root} n={16} />.{' '}
          <a class="button" href={issued.href} download={issued.name}>
            Tải về {issued.name}
          </a>
        </p>
      )}
      {error !== undefined && <Problem error={error} />}
    </section>
  );
}

function VerifyAgainst() {
  const [report, setReport] = useState<Report>();
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const check = async (file: File | undefined) => {
    setReport(undefined);
    setProblem(undefined);
    if (!file) return;
    setBusy(true);
    try {
      const digest = JSON.parse(await file.text()) as Schemas['SignedDigestDto'];
      setReport(await must(api.POST('/audit/verify-against', { body: digest })));
    } catch (e) {
      setProblem(e instanceof SyntaxError ? new Error(`Tệp không phải JSON: ${e.message}`) : e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="against">
      <h2 id="against">Đối chiếu với bản tóm lược đã lưu</h2>
      <label for="digest-file">Chọn tệp bản tóm lược (JSON)</label>{' '}
      <input
        id="digest-file"
        type="file"
        accept="application/json,.json"
        disabled={busy}
        onChange={(e) => check((e.target as HTMLInputElement).files?.[0])}
      />
      {busy && <p role="status">Đang đối chiếu…</p>}
      {report && <Verdict report={report} what="so với bản tóm lược" />}
      {problem !== undefined && <Problem error={problem} />}
    </section>
  );
}
