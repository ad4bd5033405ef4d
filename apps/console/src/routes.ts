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
  /** The awards behind the totals of a cluster or a unit, one by one (issue 12). */
  awards: (q: AwardsQuery) => `${BASE}/khen-thuong${query({ ...q })}`,
  /** One award: its decision, status and basis (proposal, council vote, a flag's ranking). */
  award: (awardId: string) => `${BASE}/khen-thuong/${enc(awardId)}`,
  /** The people of a unit, and one person's register (issue 12). */
  unitPeople: (u: string) => `${BASE}/don-vi/${enc(u)}/can-bo`,
  person: (personId: string) => `${BASE}/ca-nhan/${enc(personId)}`,
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

export interface AwardsQuery {
  nam: number;
  cum?: string;
  'don-vi'?: string;
  /** With `don-vi`: `1` adds the units under it. */
  'cap-duoi'?: 1;
  'danh-hieu'?: string;
  loai?: 'collective' | 'individual';
  /** Offset of the page. */
  tu?: number;
}
