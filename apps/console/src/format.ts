/** Numbers and times as Vietnamese readers write them (decimal comma, dd/mm/yyyy, Hà Nội time). */
const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const TIME = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Asia/Ho_Chi_Minh',
});

export const num = (n: number): string => NUMBER.format(n);
/** A difference with its sign: +1,5 / −2 / 0. */
export const signed = (n: number): string => (n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : '0');
export const time = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : TIME.format(d);
};
/** A business date (`YYYY-MM-DD`, the act's own date) as dd/mm/yyyy; null (a registry step) as —. */
export const day = (ymd: string | null | undefined): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (ymd ?? '—');
};
/** A hash or id, shortened for a table cell (the whole value stays in the title and for copying). */
export const short = (hex: string, n = 12): string => (hex.length > n ? `${hex.slice(0, n)}…` : hex);
export const byVietnamese = new Intl.Collator('vi').compare;
