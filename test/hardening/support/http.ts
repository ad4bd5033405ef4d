import type { IncomingMessage, Server } from 'node:http';
import request from 'supertest';

/** What the hardening suites read of an answer. */
export interface HttpAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of any shape, checked by the tests
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

export interface SendOptions {
  /** A bearer token (without "Bearer "). */
  token?: string | undefined;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent verbatim as application/json (malformed JSON, NaN, 1e309, lone surrogate escapes…). */
  raw?: string;
  headers?: Record<string, string>;
  /** A Server-Sent Events route: answer once the headers (and first bytes) arrive, then hang up. */
  eventStream?: boolean;
}

/** One request: `path` is sent as given (already percent-encoded). */
export type Http = (method: string, path: string, options?: SendOptions) => Promise<HttpAnswer>;

/** Through supertest, against an app that is not listening (in-process e2e). */
export function supertestHttp(server: Server): Http {
  return async (method, path, options = {}) => {
    const agent = request(server);
    let req: request.Test;
    switch (method.toUpperCase()) {
      case 'GET':
        req = agent.get(path);
        break;
      case 'PUT':
        req = agent.put(path);
        break;
      case 'POST':
        req = agent.post(path);
        break;
      default:
        throw new Error(`unsupported method ${method}`);
    }
    if (options.token !== undefined) req = req.set('authorization', `Bearer ${options.token}`);
    if (options.headers) req = req.set(options.headers);
    if (options.raw !== undefined) {
      const typed = Object.keys(options.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
      req = (typed ? req : req.set('content-type', 'application/json')).send(options.raw);
    } else if (options.body !== undefined) req = req.send(options.body as object);
    if (options.eventStream) req = req.buffer(true).parse(untilFirstChunk);
    const res = await req;
    return { status: res.status, body: res.body, headers: res.headers };
  };
}

/**
 * A stream never ends: its first bytes stand for the body (a JSON error is read whole), then the client
 * hangs up, which closes the stream on the server.
 */
function untilFirstChunk(
  response: request.Response,
  done: (error: Error | null, body: unknown) => void,
): void {
  // superagent hands the raw Node response to a custom parser.
  const res = response as unknown as IncomingMessage;
  const type = String(res.headers['content-type'] ?? '');
  let text = '';
  res.setEncoding('utf8');
  if (type.startsWith('text/event-stream')) {
    res.once('data', (chunk: string) => {
      done(null, chunk);
      res.destroy();
    });
    return;
  }
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, type.includes('json') && text !== '' ? JSON.parse(text) : text));
}

/** Through fetch, against a listening server (child-process tests). */
export function fetchHttp(baseUrl: string): Http {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method: method.toUpperCase(), headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON (e.g. /metrics): keep the text
    }
    return { status: res.status, body: parsed, headers: Object.fromEntries(res.headers.entries()) };
  };
}

/** Fails with the route and the answer when a setup step is refused. */
export async function expectOk(
  http: Http,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<HttpAnswer> {
  const res = await http(method, path, options);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res;
}
