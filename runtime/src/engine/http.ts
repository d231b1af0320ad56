import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '../metrics/metrics.js';
import type { RunStatus } from '../store/types.js';
import { decideByApi, serveApprovalLink } from './approval-routes.js';
import { type Engine, refusalResponse } from './engine.js';
import { isRunsPagePath, serveRunsPage } from './runs-page.js';

export interface HandlerOptions {
  /** When set, `/api/v1` requires `Authorization: Bearer <token>` (webhooks are guarded by their signatures). */
  token?: string;
  /** Served at `GET /metrics` in the Prometheus text format (behind the token too); 404 there without it. */
  metrics?: Metrics;
  /** The largest request body read (default 1 MiB); a larger one is refused with 413. */
  maxBodyBytes?: number;
  /** Serves the runs page at `/`, `/runs`, `/runs/<id>` and its assets at `/assets/` (it asks for the token itself). */
  page?: boolean;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
const MAX_PAGE = 500;
const UNAUTHORIZED = 'the API needs Authorization: Bearer <token> (the token serve was started with)';
const RUN_STATUSES: readonly RunStatus[] = ['running', 'waiting', 'completed', 'failed', 'cancelled', 'interrupted'];

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request handler of `mova-connector serve`: webhooks under `/hooks/<path>` and the JSON API
 * under `/api/v1` (`POST /runs`, `GET /runs`, `GET /runs/:id`, `POST /runs/:id/cancel`,
 * `GET /workflows`, `GET /breakers`), every answer JSON; and `GET /metrics` (Prometheus text) when
 * given `metrics`.
 * @example
 * createServer(engineHandler(engine)).listen(8080, '127.0.0.1');
 */
export function engineHandler(engine: Engine, options: HandlerOptions = {}) {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/metrics' && options.metrics) {
      if (options.token !== undefined && !bearerMatches(request.headers.authorization, options.token)) {
        send(response, 401, { error: UNAUTHORIZED });
      } else if (request.method !== 'GET' && request.method !== 'HEAD') {
        send(response, 405, { error: `${request.method} is not allowed on /metrics` });
      } else options.metrics.handler(request, response);
      return;
    }
    if (options.page && isRunsPagePath(path)) {
      serveRunsPage(request, response, path);
      return;
    }
    if (path.startsWith('/approvals/')) {
      // The signed single-use token in the path is the credential; no API token.
      serveApprovalLink(engine, request, response, path.slice('/approvals/'.length)).catch(() =>
        send(response, 500, { error: 'internal error' }),
      );
      return;
    }
    route(engine, request, maxBody, options.token).then(
      ({ status, body }) => send(response, status, body),
      (error: unknown) => {
        if (error instanceof HttpProblem) send(response, error.status, { error: error.message });
        else send(response, 500, { error: 'internal error' });
      },
    );
  };
}

async function route(
  engine: Engine,
  request: IncomingMessage,
  maxBody: number,
  token: string | undefined,
): Promise<{ status: number; body: unknown }> {
  const store = engine.store;
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const path = url.pathname;
  if (path.startsWith('/hooks/')) {
    const body = await readBody(request, maxBody);
    return engine.handleWebhook({ method, path: path.slice('/hooks/'.length), headers: request.headers, body });
  }
  if (!path.startsWith('/api/v1/')) throw new HttpProblem(404, `nothing at ${path}`);
  if (token !== undefined && !bearerMatches(request.headers.authorization, token)) {
    throw new HttpProblem(401, UNAUTHORIZED);
  }
  const parts = path.slice('/api/v1/'.length).split('/');
  if (parts[0] === 'workflows' && parts.length === 1 && method === 'GET') {
    return {
      status: 200,
      body: {
        workflows: [...engine.workflows.values()].map((w) => ({ name: w.name, file: w.file, trigger: w.trigger })),
      },
    };
  }
  if (parts[0] === 'breakers' && parts.length === 1 && method === 'GET') {
    return { status: 200, body: { breakers: engine.breakers() } };
  }
  if (parts[0] !== 'runs') throw new HttpProblem(404, `nothing at ${path}`);
  if (parts.length === 1 && method === 'POST') {
    const body = parseJson(await readBody(request, maxBody));
    if (typeof body.workflow !== 'string') throw new HttpProblem(400, 'give the workflow\'s name as "workflow"');
    try {
      const { runId, queued } = await engine.startRun(body.workflow, body.inputs ?? {}, { actor: 'api' });
      engine.note({
        event: 'trigger.run',
        trigger: 'api',
        workflow: body.workflow,
        runId,
        ...(queued ? { queued } : {}),
      });
      return { status: 202, body: { runId, status: queued ? 'queued' : 'running' } };
    } catch (error) {
      return refusalResponse(error);
    }
  }
  if (parts.length === 1 && method === 'GET') {
    const limit = pageSize(url.searchParams.get('limit'));
    const status = url.searchParams.get('status') ?? undefined;
    if (status !== undefined && !RUN_STATUSES.includes(status as RunStatus)) {
      throw new HttpProblem(400, `status must be one of ${RUN_STATUSES.join(', ')}`);
    }
    const runs = await store.listRuns({
      limit,
      ...(status === undefined ? {} : { status: status as RunStatus }),
      ...optional('workflow', url.searchParams.get('workflow')),
      ...optional('after', url.searchParams.get('after')),
      ...optional('idPrefix', url.searchParams.get('id')),
    });
    const last = runs.at(-1);
    return { status: 200, body: { runs, next: runs.length === limit && last ? last.id : null } };
  }
  const id = parts[1];
  if (id === undefined || id === '') throw new HttpProblem(404, `nothing at ${path}`);
  if (parts.length === 2 && method === 'GET') {
    const run = (await store.getRun(id)) ?? engine.queuedRun(id);
    if (!run) throw new HttpProblem(404, `there is no run ${id}`);
    return { status: 200, body: run };
  }
  if (parts.length === 3 && parts[2] === 'cancel' && method === 'POST') {
    if (engine.cancel(id)) return { status: 202, body: { runId: id, status: 'cancelling' } };
    if (await engine.cancelWaiting(id)) return { status: 200, body: { runId: id, status: 'cancelled' } };
    const run = await store.getRun(id);
    if (!run) throw new HttpProblem(404, `there is no run ${id}`);
    return { status: 409, body: { error: `run ${id} is ${run.status}, not running in this server` } };
  }
  if (parts.length === 3 && (parts[2] === 'approve' || parts[2] === 'reject') && method === 'POST') {
    return decideByApi(engine, id, parts[2], parseJson(await readBody(request, maxBody)));
  }
  throw new HttpProblem(405, `${method} is not allowed on ${path}`);
}

function optional(key: string, value: string | null): Record<string, string> {
  return value === null || value === '' ? {} : { [key]: value };
}

function pageSize(text: string | null): number {
  if (text === null) return 50;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new HttpProblem(400, `limit must be 1 to ${MAX_PAGE}`);
  return n;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString('utf8') || '{}');
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Answered below.
  }
  throw new HttpProblem(400, 'the body must be a JSON object');
}

async function readBody(request: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpProblem(413, `the body is larger than ${max} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
