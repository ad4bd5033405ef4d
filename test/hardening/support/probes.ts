/**
 * Bad-input probes derived from a valid request: each probe changes one thing (a value, a key, the
 * encoding, a path parameter, a header) and says what the API must answer. The hardening suite sends
 * them and checks the answer and that nothing was recorded.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Expectation {
  /** Acceptable statuses (all 4xx). */
  status: number[];
  /** The exact `code`, when the case pins it. */
  code?: string;
  /**
   * The input at fault: the answer's `field` must name it, an enclosing field, or a field inside it
   * (`awards.0.code` and `awards[0].code` are the same path). `null`: the answer has no field (the body
   * as a whole is at fault). Absent: not checked.
   */
  field?: string | null;
}

export interface Probe {
  label: string;
  /** Replaces the path (already percent-encoded). */
  path?: string;
  /** Appended to the path after '?'. */
  query?: string;
  /** JSON body; `raw` wins. Neither: no body. */
  body?: Json;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  expect: Expectation;
}

export const VALIDATION: Expectation = { status: [400], code: 'VALIDATION_FAILED' };
export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Path segments of a body node: keys and array indices. */
export type NodePath = Array<string | number>;

export const pathName = (path: NodePath): string => path.join('.');

/** Every node of a JSON value below the root (objects, arrays, their first item, primitives). */
export function nodes(value: Json, path: NodePath = []): Array<{ path: NodePath; value: Json }> {
  const out: Array<{ path: NodePath; value: Json }> = [];
  if (Array.isArray(value)) {
    if (value.length > 0) {
      out.push({ path: [...path, 0], value: value[0]! });
      out.push(...nodes(value[0]!, [...path, 0]));
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push({ path: [...path, key], value: child });
      out.push(...nodes(child, [...path, key]));
    }
  }
  return out;
}

const clone = <T extends Json>(value: T): T => structuredClone(value);

/** A copy with the node at `path` replaced (or removed when `value` is undefined). */
export function withNode(root: Json, path: NodePath, value: Json | undefined): Json {
  const copy = clone(root);
  let parent = copy as Record<string | number, Json>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

/** JSON text of `root` with the node at `path` written as `literal` (NaN, 1e309…), which JSON.stringify cannot. */
export function rawWith(root: Json, path: NodePath, literal: string): string {
  const marker = '__hardening_raw_literal__';
  return JSON.stringify(withNode(root, path, marker)).replace(`"${marker}"`, literal);
}

/** Whether the answer's field names the expected input, an enclosing field, or a field inside it. */
export function fieldMatches(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string' || actual === '') return false;
  const norm = (f: string) => f.replace(/\[(\d+)\]/g, '.$1');
  const [a, e] = [norm(actual), norm(expected)];
  return a === e || e.startsWith(`${a}.`) || a.startsWith(`${e}.`);
}

/** Bad values for an id-like string (ids, enum codes, dates, hashes: anything matching the id pattern). */
export const BAD_IDS: Record<string, string> = {
  'path traversal': '../../etc/passwd',
  slash: 'cuc/anm',
  backslash: 'cuc\\anm',
  NUL: 'cuc\u0000anm',
  newline: 'cuc\nanm',
  'escape character': 'cuc\u001banm',
  DEL: 'cuc\u007fanm',
  'C1 control': 'cuc\u0085anm',
  'upper case': 'CUC-ANM',
  space: 'cuc anm',
  'percent-encoded traversal': '%2e%2e%2f',
  'MongoDB operator as text': '$ne',
  '65 characters': 'a'.repeat(65),
  empty: '',
};

/** Bad values for free text (names, reasons, citations…); every text field has a maximum ≤ 2000. */
export const BAD_TEXTS: Record<string, string> = {
  'NFD (not normalised)': 'Cục Kỹ thuật nghiệp vụ'.normalize('NFD'),
  'lone high surrogate': 'Cục \ud800 An ninh',
  'lone low surrogate': '\udc00',
  'reversed surrogate pair': 'x\ude00\ud83d',
  empty: '',
  'very long (3000 characters)': 'ạ'.repeat(3000),
};

/** Bad literal numbers for every numeric field (raw JSON). */
export const BAD_NUMBER_LITERALS: Record<string, { literal: string; malformed: boolean }> = {
  '1e309 (parses to Infinity)': { literal: '1e309', malformed: false },
  '-1e309 (parses to -Infinity)': { literal: '-1e309', malformed: false },
  'NaN literal': { literal: 'NaN', malformed: true },
  'Infinity literal': { literal: 'Infinity', malformed: true },
  'three decimals': { literal: '10.125', malformed: false },
};

/** Points are 0 ≤ p ≤ max with at most two decimals: these are out. */
export const BAD_POINTS: Record<string, number> = {
  negative: -1,
  'negative hundredth': -0.01,
  huge: 1e300,
  'above 2^53': 9007199254740994,
  'tiny fraction 1e-7': 1e-7,
};

/** Bad values for path parameters, already percent-encoded. */
export const BAD_PATH_IDS: Record<string, string> = {
  'encoded traversal': '..%2F..%2Fetc%2Fpasswd',
  'encoded slash': 'cuc%2Fanm',
  'encoded backslash': 'cuc%5Canm',
  NUL: 'cuc%00anm',
  newline: 'cuc%0Aanm',
  DEL: 'cuc%7Fanm',
  'MongoDB operator': '%24ne',
  'upper case': 'CUC-ANM',
  'encoded space': 'cuc%20anm',
  '65 characters': 'a'.repeat(65),
  'Vietnamese NFD': encodeURIComponent('cục'.normalize('NFD')),
};
/** Refused by the router before any route runs: no parameter is named. */
export const BAD_URL_ENCODINGS: Record<string, string> = {
  'lone surrogate (percent-encoded)': '%ED%A0%80',
  'truncated percent-encoding': 'cuc%E0%A4%A',
};
export const BAD_YEARS: Record<string, string> = {
  'before 1945': '1944',
  'after 2200': '2201',
  'five digits': '20210',
  zero: '0',
  negative: '-2021',
  fractional: '2021.5',
  'letter O for zero': '2O21',
  'MongoDB operator': '%24ne',
};
export const BAD_PERIODS: Record<string, string> = {
  'unknown period Q5': 'Q5',
  'lower case': 'q1',
  Y1: 'Y1',
  'NUL suffix': 'Q1%00',
  'encoded traversal': '..%2FQ1',
  'MongoDB operator': '%24ne',
};

export const BAD_HEADERS: Array<{ label: string; name: string; value: string }> = [
  { label: 'Idempotency-Key with a space', name: 'Idempotency-Key', value: 'key with space' },
  { label: 'Idempotency-Key of 201 characters', name: 'Idempotency-Key', value: 'k'.repeat(201) },
  { label: 'Idempotency-Key with a slash', name: 'Idempotency-Key', value: '../key' },
  { label: 'If-Match not a revision', name: 'If-Match', value: 'soon' },
  { label: 'If-Match negative', name: 'If-Match', value: '-2' },
  { label: 'If-Match exponent', name: 'If-Match', value: '1e3' },
  { label: 'If-Match as MongoDB operator', name: 'If-Match', value: '{"$ne":null}' },
];

const WRONG_TYPE: Array<[(v: Json) => boolean, Json]> = [
  [(v) => typeof v === 'string', 12345],
  [(v) => typeof v === 'number', '12'],
  [(v) => typeof v === 'boolean', 'true'],
  [(v) => Array.isArray(v), 'not-a-list'],
  [(v) => v !== null && typeof v === 'object' && !Array.isArray(v), 'not-an-object'],
];

export interface BodyShape {
  /** Dotted paths of points (0 ≤ p ≤ max, two decimals) that get the points battery. */
  points?: string[];
  /** Dotted paths of opaque strings (a PEM key, a stream name to compare): only their length is bounded. */
  opaque?: string[];
}

export type Category =
  | 'malformed JSON'
  | 'non-object body'
  | 'body over the limit'
  | 'unknown fields'
  | 'missing required fields'
  | 'wrong types'
  | 'MongoDB operators in the body'
  | 'bad ids in the body'
  | 'bad Unicode and very long text'
  | 'bad numbers'
  | 'bad path parameters'
  | 'bad headers';

const isIdLike = (v: Json): v is string => typeof v === 'string' && ID_PATTERN.test(v);

/** Probes of one category for a request with this base body (undefined: a route without a body). */
export function bodyProbes(
  category: Category,
  base: Json | undefined,
  shape: BodyShape,
  limits: { bodyLimitBytes: number; required: string[] },
): Probe[] {
  const body = base ?? {};
  const all = base === undefined ? [] : nodes(base);
  const leaves = all.filter((n) => n.value === null || typeof n.value !== 'object');
  const isOpaque = (p: NodePath) => (shape.opaque ?? []).includes(pathName(p));
  const probes: Probe[] = [];
  const add = (label: string, p: Omit<Probe, 'label'>) => probes.push({ label, ...p });
  switch (category) {
    case 'malformed JSON':
      add('truncated JSON', {
        raw: '{"unitId": "cuc-anm",',
        expect: { status: [400], code: 'MALFORMED_JSON', field: null },
      });
      add('single quotes', {
        raw: "{'a': 1}",
        expect: { status: [400], code: 'MALFORMED_JSON', field: null },
      });
      add('trailing garbage', {
        raw: '{} x',
        expect: { status: [400], code: 'MALFORMED_JSON', field: null },
      });
      add('prototype poisoning (__proto__)', {
        raw: '{"__proto__": {"role": "admin"}}',
        expect: { status: [400], code: 'MALFORMED_JSON', field: null },
      });
      add('prototype poisoning (constructor.prototype)', {
        raw: '{"constructor": {"prototype": {"role": "admin"}}}',
        expect: { status: [400], code: 'MALFORMED_JSON', field: null },
      });
      break;
    case 'non-object body':
      for (const [label, raw] of [
        ['a JSON array', '[]'],
        ['an array holding the valid body', `[${JSON.stringify(body)}]`],
        ['a JSON string', '"cuc-anm"'],
        ['a JSON number', '42'],
        ['a JSON boolean', 'true'],
      ] as const)
        add(label, { raw, expect: { status: [400, 422] } });
      add('a text/plain body', {
        raw: 'cuc-anm',
        contentType: 'text/plain',
        expect: { status: [400, 415, 422] },
      });
      break;
    case 'body over the limit':
      add(`${limits.bodyLimitBytes + 1} bytes`, {
        body: { ...(body as object), padding: 'x'.repeat(limits.bodyLimitBytes + 1) },
        expect: { status: [413], code: 'PAYLOAD_TOO_LARGE' },
      });
      break;
    case 'unknown fields':
      add('sneaky: true', {
        body: { ...(body as object), sneaky: true },
        expect: { ...VALIDATION, field: 'sneaky' },
      });
      add('$where', {
        body: { ...(body as object), $where: 'sleep(1000)' },
        expect: { ...VALIDATION, field: '$where' },
      });
      add('actor (never taken from a body)', {
        body: { ...(body as object), actor: { id: 'mallory', role: 'admin' } },
        expect: { ...VALIDATION, field: 'actor' },
      });
      for (const n of all.filter(
        (x) => x.value !== null && typeof x.value === 'object' && !Array.isArray(x.value),
      ))
        add(`sneaky inside ${pathName(n.path)}`, {
          body: withNode(body, [...n.path, 'sneaky'], true),
          expect: { ...VALIDATION, field: `${pathName(n.path)}.sneaky` },
        });
      break;
    case 'missing required fields':
      for (const key of limits.required)
        add(`without ${key}`, {
          body: withNode(body, [key], undefined),
          expect: { ...VALIDATION, field: key },
        });
      break;
    case 'wrong types':
      for (const n of all) {
        const wrong = WRONG_TYPE.find(([is]) => is(n.value));
        if (wrong)
          add(`${pathName(n.path)} as ${JSON.stringify(wrong[1])}`, {
            body: withNode(body, n.path, wrong[1]),
            expect: { ...VALIDATION, field: pathName(n.path) },
          });
      }
      for (const key of limits.required)
        add(`${key} null`, { body: withNode(body, [key], null), expect: { ...VALIDATION, field: key } });
      break;
    case 'MongoDB operators in the body':
      for (const n of leaves)
        for (const op of [
          { $ne: null },
          { $gt: '' },
          { $where: 'this.points > 0' },
          { $regex: '.*' },
        ] as Json[])
          add(`${pathName(n.path)} = ${JSON.stringify(op)}`, {
            body: withNode(body, n.path, op),
            expect: { status: [400], field: pathName(n.path) },
          });
      break;
    case 'bad ids in the body':
      for (const n of leaves.filter((x) => isIdLike(x.value) && !isOpaque(x.path)))
        for (const [label, bad] of Object.entries(BAD_IDS))
          add(`${pathName(n.path)}: ${label}`, {
            body: withNode(body, n.path, bad),
            expect: { status: [400, 422], field: pathName(n.path) },
          });
      break;
    case 'bad Unicode and very long text':
      for (const n of leaves.filter(
        (x) => typeof x.value === 'string' && !isIdLike(x.value) && !isOpaque(x.path),
      ))
        for (const [label, bad] of Object.entries(BAD_TEXTS))
          add(`${pathName(n.path)}: ${label}`, {
            body: withNode(body, n.path, bad),
            expect: { status: [400, 422], field: pathName(n.path) },
          });
      for (const n of leaves.filter((x) => typeof x.value === 'string' && isOpaque(x.path)))
        add(`${pathName(n.path)}: very long`, {
          body: withNode(body, n.path, 'k'.repeat(3000)),
          expect: { ...VALIDATION, field: pathName(n.path) },
        });
      break;
    case 'bad numbers':
      for (const n of leaves.filter((x) => typeof x.value === 'number')) {
        for (const [label, { literal, malformed }] of Object.entries(BAD_NUMBER_LITERALS))
          add(`${pathName(n.path)}: ${label}`, {
            raw: rawWith(body, n.path, literal),
            expect: malformed
              ? { status: [400], code: 'MALFORMED_JSON', field: null }
              : { status: [400, 422], field: pathName(n.path) },
          });
        if ((shape.points ?? []).includes(pathName(n.path)))
          for (const [label, bad] of Object.entries(BAD_POINTS))
            add(`${pathName(n.path)}: ${label} (${bad})`, {
              body: withNode(body, n.path, bad),
              expect: { status: [400, 422], field: pathName(n.path) },
            });
      }
      break;
    default:
      throw new Error(`${category} is not a body category`);
  }
  return probes;
}

/** Probes replacing each `{param}` of a route template in turn (the others keep their valid values). */
export function pathProbes(
  template: string,
  valid: Record<string, string>,
  notFoundIsFine: string[] = [],
): Probe[] {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const build = (name: string, value: string) =>
    template.replace(/\{(\w+)\}/g, (_, n: string) => (n === name ? value : encodeURIComponent(valid[n]!)));
  const probes: Probe[] = [];
  for (const name of names) {
    const bad = name === 'year' ? BAD_YEARS : name === 'period' ? BAD_PERIODS : BAD_PATH_IDS;
    const status = notFoundIsFine.includes(name) ? [400, 404] : [400];
    for (const [label, value] of Object.entries(bad))
      probes.push({ label: `${name}: ${label}`, path: build(name, value), expect: { status, field: name } });
    for (const [label, value] of Object.entries(BAD_URL_ENCODINGS))
      probes.push({ label: `${name}: ${label}`, path: build(name, value), expect: { status: [400] } });
  }
  return probes;
}

export function headerProbes(): Probe[] {
  return BAD_HEADERS.map(({ label, name, value }) => ({
    label,
    headers: { [name]: value },
    expect: { ...VALIDATION, field: name },
  }));
}

/** Query-string probes for a route that declares these query parameters. */
export function queryProbes(params: string[]): Probe[] {
  const probes: Probe[] = [
    { label: '$where', query: '$where=1', expect: { ...VALIDATION, field: '$where' } },
    { label: 'unknown parameter', query: 'sneaky=1', expect: { ...VALIDATION, field: 'sneaky' } },
  ];
  for (const p of params) {
    probes.push(
      { label: `${p}[$ne]`, query: `${p}[$ne]=x`, expect: { ...VALIDATION, field: `${p}[$ne]` } },
      { label: `${p}[$gt]=`, query: `${p}[$gt]=`, expect: { ...VALIDATION, field: `${p}[$gt]` } },
    );
  }
  return probes;
}
