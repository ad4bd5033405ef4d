import type { ComponentChildren } from 'preact';
import { ApiProblem } from '../api';
import { short } from '../format';
import type { Loaded } from '../use-load';

/** What the user is told about a failed request, by status, with the API's code and message. */
function explainProblem(error: unknown): { title: string; detail?: string } {
  // fetch rejects with a TypeError when the server cannot be reached.
  if (error instanceof TypeError) return { title: 'Không kết nối được máy chủ', detail: error.message };
  if (!(error instanceof ApiProblem))
    return { title: error instanceof Error ? error.message : String(error) };
  const detail = error.body ? `${error.body.code}: ${error.body.message}` : `HTTP ${error.status}`;
  const titles: Record<number, string> = {
    400: 'Yêu cầu không hợp lệ',
    401: 'Phiên đăng nhập không còn hiệu lực',
    403: 'Vai trò của bạn không được xem nội dung này',
    404: 'Không tìm thấy',
    409: 'Xung đột dữ liệu',
    422: 'Không thực hiện được theo quy định',
    429: 'Quá nhiều yêu cầu, hãy thử lại sau',
    503: 'Dữ liệu đang được cập nhật, hãy thử lại sau',
  };
  return { title: titles[error.status] ?? `Lỗi máy chủ (${error.status})`, detail };
}

export function Problem({ error }: { error: unknown }) {
  const { title, detail } = explainProblem(error);
  return (
    <div class="problem" role="alert">
      <strong>{title}</strong>
      {detail && <div class="detail">{detail}</div>}
    </div>
  );
}

export function Loading({ what = 'dữ liệu' }: { what?: string }) {
  return (
    <p class="loading" role="status">
      Đang tải {what}…
    </p>
  );
}

/** Shows a load's data, or that it is loading, or what went wrong. */
export function Load<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (state.error !== undefined && state.data === undefined) return <Problem error={state.error} />;
  if (state.data === undefined) return <Loading />;
  return (
    <>
      {state.error !== undefined && <Problem error={state.error} />}
      {children(state.data)}
    </>
  );
}

/** A hash or long id: shortened on screen, whole in the title and when copied or read aloud. */
export function Hash({ value, n }: { value: string; n?: number }) {
  return (
    <code class="hash" title={value} aria-label={value}>
      {short(value, n)}
    </code>
  );
}

export function Badge({
  tone,
  children,
}: {
  tone: 'ok' | 'warn' | 'bad' | 'info';
  children: ComponentChildren;
}) {
  return <span class={`badge ${tone}`}>{children}</span>;
}

export interface Crumb {
  label: string;
  href?: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Đường dẫn" class="crumbs">
      <ol>
        {items.map((c, i) => (
          <li key={i}>
            {c.href && i < items.length - 1 ? (
              <a href={c.href}>{c.label}</a>
            ) : (
              <span aria-current="page">{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
