import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a reference server received it. */
export interface ReferenceRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /**
   * Parsed JSON or form body (a form key sent more than once has an array of its values); the raw
   * text otherwise (`undefined` when empty).
   */
  body: unknown;
  rawBody: Buffer;
  /** The `:name` segments of the route that answered. */
  params: Record<string, string>;
}

/** An answer: a JSON body unless `body` is a string or a Buffer (sent as it is). */
export interface ReferenceReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type ReferenceRoute = (request: ReferenceRequest) => ReferenceReply | Promise<ReferenceReply>;

/**
 * Thrown by a route (or a helper it calls) to answer with `reply`: a vendor error found deep in a
 * lookup ends the request without every caller passing it back.
 *
 * @example
 * const find = (id: string) => {
 *   const file = files.get(id);
 *   if (!file) throw new ReplyError({ status: 404, body: { error: { code: 404, status: 'NOT_FOUND' } } });
 *   return file;
 * };
 */
export class ReplyError extends Error {
  constructor(readonly reply: ReferenceReply) {
    super(`answered ${reply.status ?? 200}`);
  }
}

export interface ReferenceServer {
  /** `http://127.0.0.1:<port>`, what a connection's service URL names. */
  url: string;
  /** Every request, in order. */
  requests: ReferenceRequest[];
  /** Requests no route matched (answered 404); a test expects it empty. */
  unmatched: ReferenceRequest[];
  /** Adds a route: `method` and a path pattern whose `:name` segments match one segment each. */
  route(method: string, pattern: string, answer: ReferenceRoute): void;
  /** Answers the next request matching `method` and `pattern` with `reply`, once, before its route. */
  answerNext(method: string, pattern: string, reply: ReferenceReply): void;
  close(): Promise<void>;
}

interface Entry {
  method: string;
  segments: string[];
  answer: ReferenceRoute;
}

/**
 * A loopback HTTP server for a connector's conformance tests: the connector runs in a sandbox, where
 * nock in the test process cannot reach, so the vendor's API is served for real on 127.0.0.1 from
 * the shapes its documentation gives. Routes answer in the order added; `check`, when given, runs
 * first (authentication) and answers instead of the route when it returns a reply.
 *
 * @example
 * const api = await startReferenceServer();
 * api.route('GET', '/rest/api/3/issue/:key', ({ params }) => ({ body: issues.get(params.key) }));
 */
export async function startReferenceServer(
  options: { check?: (request: ReferenceRequest) => ReferenceReply | undefined } = {},
): Promise<ReferenceServer> {
  const routes: Entry[] = [];
  const once: Entry[] = [];
  const requests: ReferenceRequest[] = [];
  const unmatched: ReferenceRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://reference.invalid');
    const request: ReferenceRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: parseBody(rawBody, req.headers['content-type']),
      rawBody,
      params: {},
    };
    requests.push(request);
    const reply = await answer(request).catch(
      (error: unknown): ReferenceReply =>
        error instanceof ReplyError ? error.reply : { status: 500, body: { error: String(error) } },
    );
    const isRaw = typeof reply.body === 'string' || Buffer.isBuffer(reply.body);
    const headers = {
      ...(isRaw || reply.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...reply.headers,
    };
    res.writeHead(reply.status ?? 200, headers);
    res.end(
      reply.body === undefined ? undefined : isRaw ? (reply.body as string | Buffer) : JSON.stringify(reply.body),
    );
  });

  async function answer(request: ReferenceRequest): Promise<ReferenceReply> {
    const first = once.findIndex((entry) => matches(entry, request));
    if (first >= 0) {
      const [entry] = once.splice(first, 1);
      return (entry as Entry).answer(request);
    }
    const checked = options.check?.(request);
    if (checked) return checked;
    const route = routes.find((entry) => matches(entry, request));
    if (route) return route.answer(request);
    unmatched.push(request);
    return { status: 404, body: { error: `no route for ${request.method} ${request.path}` } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const entry = (method: string, pattern: string, answer: ReferenceRoute): Entry => ({
    method: method.toUpperCase(),
    segments: pattern.split('/'),
    answer,
  });
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unmatched,
    route: (method, pattern, answer) => void routes.push(entry(method, pattern, answer)),
    answerNext: (method, pattern, reply) => void once.push(entry(method, pattern, () => reply)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function matches(entry: Entry, request: ReferenceRequest): boolean {
  if (entry.method !== request.method) return false;
  const parts = request.path.split('/');
  if (parts.length !== entry.segments.length) return false;
  const params: Record<string, string> = {};
  for (const [i, segment] of entry.segments.entries()) {
    const part = parts[i] as string;
    if (segment.startsWith(':')) {
      if (part === '') return false;
      params[segment.slice(1)] = decodeURIComponent(part);
    } else if (segment !== part) return false;
  }
  request.params = params;
  return true;
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (contentType?.includes('application/x-www-form-urlencoded')) return parseForm(text);
  return text;
}

/** A form's fields; a key sent more than once (Twilio's `MediaUrl`) keeps all its values, in order. */
function parseForm(text: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const seen = form[key];
    form[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return form;
}
