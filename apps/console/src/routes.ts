/** The console's addresses (Vietnamese, without diacritics), under the path the API serves it at. */
export const BASE = '/console';

const enc = encodeURIComponent;
const query = (q: Record<string, string | number | undefined>): string => {
  const pairs = Object.entries(q).filter(([, v]) => v !== undefined && v !== '');
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)]))}`;
};

export const to = {
  home: () => `${BASE}/`,
  cluster: (c: string) => `${BASE}/cum/${enc(c)}`,
  year: (c: string, y: number) => `${BASE}/cum/${enc(c)}/${y}`,
  ranking: (c: string, y: number, p: string) => `${BASE}/cum/${enc(c)}/${y}/${p}`,
  explain: (c: string, y: number, p: string, u: string) =>
    `${BASE}/cum/${enc(c)}/${y}/${p}/giai-trinh/${enc(u)}`,
  compare: (c: string, y: number, p: string) => `${BASE}/cum/${enc(c)}/${y}/${p}/doi-chieu`,
  unit: (u: string, q: { type?: string; after?: number } = {}) => `${BASE}/don-vi/${enc(u)}${query(q)}`,
  /** Yearly totals of one scope: an organizer (`to-chuc`), a cluster (`cum`) or a unit (`don-vi`). */
  totals: (q: TotalsQuery = {}) => `${BASE}/tong-hop${query({ ...q })}`,
  event: (streamId: string, revision: number) => `${BASE}/su-kien/${enc(streamId)}/${revision}`,
  audit: () => `${BASE}/kiem-tra`,
  projections: () => `${BASE}/quan-tri`,
};

export interface TotalsQuery {
  nam?: number;
  'to-chuc'?: string;
  cum?: string;
  'don-vi'?: string;
}
