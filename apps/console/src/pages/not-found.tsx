import { to } from '../routes';
import { useTitle } from '../use-load';

export function NotFoundPage() {
  useTitle('Không tìm thấy trang');
  return (
    <>
      <h1>Không tìm thấy trang</h1>
      <p>
        <a href={to.home()}>Về danh sách Cụm thi đua</a>
      </p>
    </>
  );
}
