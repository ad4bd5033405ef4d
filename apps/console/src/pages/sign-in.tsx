import { useState } from 'preact/hooks';
import { api, ApiProblem } from '../api';
import { claimsOf, type Claims } from '../session';
import { roleLabel } from '../labels';
import { useTitle } from '../use-load';

/**
 * Sign in by pasting a token (`npm run cli -- token …`, or one `npm run demo` prints). It is checked
 * against the API before it is kept, and kept in this tab's sessionStorage only.
 */
export function SignInPage({
  onSignIn,
  notice,
}: {
  onSignIn(token: string, claims: Claims): void;
  notice?: string;
}) {
  useTitle('Đăng nhập');
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const pasted = token.trim();
    const claims = claimsOf(pasted);
    if (!claims) return setProblem('Đây không phải một mã truy cập (JWT gồm ba phần ngăn bởi dấu chấm).');
    setBusy(true);
    setProblem(undefined);
    try {
      // Any authenticated read: the API verifies the signature and the expiry.
      const { response } = await api.GET('/organizers', { headers: { authorization: `Bearer ${pasted}` } });
      if (response.ok) return onSignIn(pasted, claims);
      setProblem(
        response.status === 401
          ? 'Máy chủ không chấp nhận mã này (sai chữ ký hoặc đã hết hạn).'
          : `Máy chủ trả lời ${response.status}.`,
      );
    } catch (error) {
      setProblem(
        error instanceof ApiProblem ? error.message : `Không kết nối được máy chủ: ${String(error)}`,
      );
    } finally {
      setBusy(false);
    }
  };
  const preview = claimsOf(token.trim());
  return (
    <main id="main" class="sign-in">
      <h1>Sổ thi đua “Vì an ninh Tổ quốc”</h1>
      <p>
        Bảng điều khiển dành cho thanh tra và cơ quan tổ chức thi đua: xếp hạng, giải trình điểm, đối chiếu,
        lịch sử đơn vị, tổng hợp khen thưởng và kiểm tra toàn vẹn sổ.
      </p>
      {notice && (
        <p class="problem" role="alert">
          {notice}
        </p>
      )}
      <form onSubmit={submit}>
        <label for="token">Mã truy cập (token)</label>
        <textarea
          id="token"
          name="token"
          rows={5}
          spellcheck={false}
          autocomplete="off"
          aria-describedby="token-help"
          value={token}
          onInput={(e) => setToken((e.target as HTMLTextAreaElement).value)}
        />
        <p id="token-help" class="muted">
          Lấy mã bằng lệnh <code>npm run cli -- token --role inspector --sub thanh-tra-01</code> (hoặc mã do{' '}
          <code>npm run demo</code> in ra). Mã chỉ được giữ trong thẻ trình duyệt này và mất khi đóng thẻ.
        </p>
        {preview && (
          <p class="muted" aria-live="polite">
            Mã của <strong>{preview.sub}</strong>, vai trò {roleLabel(preview.role)}
            {preview.unitId ? `, đơn vị ${preview.unitId}` : ''}.
          </p>
        )}
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy || token.trim() === ''}>
          {busy ? 'Đang kiểm tra…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}
