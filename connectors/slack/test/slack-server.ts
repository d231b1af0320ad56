// A Slack workspace on loopback for the conformance tests. Slack runs no emulator, its OpenAPI description
// (slackapi/slack-api-specs) was archived in 2024 and ships in no npm package, and @slack/web-api carries no
// description, so this server answers the Web API the way its documentation says (https://docs.slack.dev):
// - POST https://slack.com/api/<method>, "Using the Slack Web API" (https://docs.slack.dev/apis/web-api/):
//   arguments form-encoded (application/x-www-form-urlencoded), as JSON (application/json, token only in
//   the Authorization header) or multipart; the token as `Authorization: Bearer` or a `token` argument;
//   every answer HTTP 200 with `{ ok }`, failures `{ ok: false, error }` ("Common errors": not_authed,
//   invalid_auth, missing_scope with needed/provided, invalid_form_data, invalid_json, unknown_method).
// - Rate limits (https://docs.slack.dev/apis/web-api/rate-limits): HTTP 429 with Retry-After in seconds.
// - File uploads: files.getUploadURLExternal hands out an upload URL (here on this server), the bytes are
//   POSTed there raw or as multipart form data, answered "OK - <length>", then
//   files.completeUploadExternal shares them.
// The methods themselves are in slack-workspace.ts. The SDK POSTs every method, so GET (which Slack also
// takes for reads) is not served.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { multipartParts } from '@mova/sdk/testing';
import { type Args, BOT, SlackFault, Workspace } from './slack-workspace.js';

/** An answer given instead of the workspace's own, once, to the next call of a method. */
export interface InjectedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface SlackReference {
  /** The Web API root, what a connection's apiUrl names. */
  apiUrl: string;
  /** A bot token granted every scope the connector's actions need. */
  token: string;
  /** Makes a token with only the given scopes, e.g. to see missing_scope. */
  tokenWithScopes(scopes: string[]): string;
  workspace: Workspace;
  /** Every request: method, path, content type and the arguments as received. */
  requests: { method: string; path: string; contentType: string; args: Args }[];
  answerNext(method: string, answer: InjectedAnswer): void;
  close(): Promise<void>;
}

type Handler = (workspace: Workspace, args: Args) => Args;

/** Each method with its handler and the scope its "Required scopes" names for a bot token. */
const METHODS: Record<string, { scopes: (args: Args, workspace: Workspace) => string[]; run: Handler }> = {
  'auth.test': { scopes: () => [], run: (w) => w.authTest() },
  'chat.postMessage': { scopes: () => ['chat:write'], run: (w, a) => w.postMessage(a) },
  'chat.update': { scopes: () => ['chat:write'], run: (w, a) => w.update(a) },
  'conversations.list': {
    scopes: (a) =>
      String(a.types ?? 'public_channel')
        .split(',')
        .map(readScope),
    run: (w, a) => w.list(a),
  },
  'conversations.history': {
    scopes: (a, w) => [historyScope(w.channels.find((c) => c.id === a.channel)?.kind ?? 'public_channel')],
    run: (w, a) => w.history(a),
  },
  'reactions.add': { scopes: () => ['reactions:write'], run: (w, a) => w.react(a) },
  'users.lookupByEmail': { scopes: () => ['users:read.email'], run: (w, a) => w.lookupByEmail(a) },
  'files.getUploadURLExternal': { scopes: () => ['files:write'], run: (w, a) => w.uploadUrl(a) },
  'files.completeUploadExternal': { scopes: () => ['files:write'], run: (w, a) => w.completeUpload(a) },
};

/** Each method's required arguments, as its page lists them. */
const REQUIRED: Record<string, string[]> = {
  'chat.postMessage': ['channel'],
  'chat.update': ['channel', 'ts'],
  'conversations.history': ['channel'],
  'reactions.add': ['channel', 'name', 'timestamp'],
  'users.lookupByEmail': ['email'],
  'files.getUploadURLExternal': ['filename', 'length'],
  'files.completeUploadExternal': ['files'],
};

const ALL_SCOPES = [
  'chat:write',
  'channels:read',
  'groups:read',
  'im:read',
  'mpim:read',
  'channels:history',
  'groups:history',
  'im:history',
  'mpim:history',
  'reactions:write',
  'users:read',
  'users:read.email',
  'files:write',
];

/** Starts a workspace with a bot token on a free loopback port. */
export async function startSlack(): Promise<SlackReference> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const workspace = new Workspace(origin);
  const tokens = new Map<string, string[]>();
  const newToken = (scopes: string[]) => {
    const token = `xoxb-${randomBytes(6).toString('hex')}-${randomBytes(12).toString('hex')}`;
    tokens.set(token, scopes);
    return token;
  };
  const token = newToken(ALL_SCOPES);
  const injected: { method: string; answer: InjectedAnswer }[] = [];
  const requests: SlackReference['requests'] = [];

  server.on('request', (req, res) => {
    answer(req, res).catch((error: unknown) => {
      // A fault of this server, not of the request: answer it plainly so the test that caused it fails.
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`reference server error: ${String(error)}`);
    });
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', origin).pathname;
    const contentType = String(req.headers['content-type'] ?? '');
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const type = typeof payload === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(text);
    };

    const upload = /^\/upload\/v1\/([\w-]+)$/.exec(path);
    if (upload) {
      requests.push({ method: req.method ?? '', path, contentType, args: {} });
      if (req.method !== 'POST') return reply(405, 'method not allowed');
      const bytes = contentType.startsWith('multipart/form-data') ? firstFilePart(body, contentType) : body;
      if (!bytes || !workspace.receive(upload[1] ?? '', bytes)) return reply(404, 'upload not found');
      return reply(200, `OK - ${bytes.length}`);
    }

    const method = /^\/api\/([\w.]+)$/.exec(path)?.[1];
    let args: Args = {};
    try {
      args = parseArgs(body, contentType);
    } catch (error) {
      if (error instanceof SlackFault) return reply(200, { ok: false, error: error.error });
      throw error;
    }
    requests.push({ method: req.method ?? '', path, contentType, args });
    if (!method || req.method !== 'POST') return reply(404, { ok: false, error: 'unknown_method', req_method: method });
    const index = injected.findIndex((i) => i.method === method);
    const planned = index >= 0 ? injected.splice(index, 1)[0]?.answer : undefined;
    if (planned) return reply(planned.status, planned.body, planned.headers);
    const spec = METHODS[method];
    if (!spec) return reply(200, { ok: false, error: 'unknown_method', req_method: method });

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const presented = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    if (!presented) return reply(200, { ok: false, error: 'not_authed' });
    if (contentType.startsWith('application/json') && !bearer) return reply(200, { ok: false, error: 'not_authed' });
    const granted = tokens.get(presented);
    if (!granted) return reply(200, { ok: false, error: 'invalid_auth' });
    const needed = spec.scopes(args, workspace).filter((s) => !granted.includes(s));
    if (needed.length > 0) {
      return reply(
        200,
        { ok: false, error: 'missing_scope', needed: needed.join(','), provided: granted.join(',') },
        { 'x-oauth-scopes': granted.join(','), 'x-accepted-oauth-scopes': needed.join(',') },
      );
    }
    const missing = (REQUIRED[method] ?? []).filter((name) => args[name] === undefined || args[name] === '');
    if (missing.length > 0) {
      return reply(200, {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: missing.map((name) => `[ERROR] missing required field: ${name}`) },
      });
    }
    try {
      return reply(200, { ok: true, ...spec.run(workspace, args) }, { 'x-oauth-scopes': granted.join(',') });
    } catch (error) {
      if (!(error instanceof SlackFault)) throw error;
      return reply(200, { ok: false, error: error.error, ...error.extra });
    }
  }

  return {
    apiUrl: `${origin}/api/`,
    token,
    tokenWithScopes: newToken,
    workspace,
    requests,
    answerNext: (method, answer) => injected.push({ method, answer }),
    close: () => closeServer(server),
  };
}

function readScope(type: string): string {
  return (
    { public_channel: 'channels:read', private_channel: 'groups:read', mpim: 'mpim:read', im: 'im:read' }[type] ?? ''
  );
}

function historyScope(kind: string): string {
  return (
    { public_channel: 'channels:history', private_channel: 'groups:history', mpim: 'mpim:history', im: 'im:history' }[
      kind
    ] ?? 'channels:history'
  );
}

/** The arguments of a call in any of the content types Slack takes. */
function parseArgs(body: Buffer, contentType: string): Args {
  if (body.length === 0) return {};
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  if (contentType.startsWith('application/json')) {
    try {
      const value: unknown = JSON.parse(body.toString('utf8'));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Args;
    } catch {
      // answered below
    }
    throw new SlackFault('invalid_json');
  }
  if (contentType.startsWith('multipart/form-data')) {
    return Object.fromEntries(formParts(body, contentType).map((p) => [p.name, p.data.toString('utf8')]));
  }
  throw new SlackFault('invalid_form_data');
}

/** A multipart body's parts; Slack answers one whose content type names no boundary `invalid_form_data`. */
function formParts(body: Buffer, contentType: string) {
  const parts = multipartParts(body, contentType);
  if (!parts) throw new SlackFault('invalid_form_data');
  return parts;
}

function firstFilePart(body: Buffer, contentType: string): Buffer | undefined {
  const parts = formParts(body, contentType);
  return (parts.find((p) => p.filename !== undefined) ?? parts[0])?.data;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export { BOT };
