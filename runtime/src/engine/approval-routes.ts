import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WaitingApproval } from '../executor/pause.js';
import type { Decision } from './approval-tokens.js';
import type { DecisionResult, Engine } from './engine.js';

const MAX_FORM_BYTES = 16 * 1024;

/**
 * `GET /approvals/<token>`: a small page that shows what is to be decided and asks to confirm
 * (a GET never decides, so link previews in chat apps decide nothing); `POST /approvals/<token>`
 * decides (a form or JSON with optional `comment` and `by`). The token is the only credential:
 * 403 forged, 410 expired, 409 decided already.
 */
export async function serveApprovalLink(
  engine: Engine,
  request: IncomingMessage,
  response: ServerResponse,
  token: string,
): Promise<void> {
  const checked = engine.checkToken(token);
  const wantsJson = String(request.headers.accept ?? '').includes('application/json');
  const answer = (status: number, title: string, text: string, body: Record<string, unknown>) =>
    wantsJson || (request.method === 'POST' && isJson(request))
      ? sendJson(response, status, body)
      : sendHtml(response, status, page(title, `<p>${htmlText(text)}</p>`));
  if (!checked.ok) {
    const status = checked.reason === 'expired' ? 410 : 403;
    const text =
      checked.reason === 'expired'
        ? 'This approval link has expired; the step took its default outcome.'
        : 'This is not a valid approval link.';
    return answer(status, 'Approval', text, { error: text });
  }
  const { runId, step, decision } = checked.claim;
  if (request.method === 'GET' || request.method === 'HEAD') {
    const run = await engine.store.getRun(runId);
    const record = run?.steps.find((s) => s.key === step);
    if (!run || !record) return answer(404, 'Approval', 'The run of this link is gone.', { error: 'no such run' });
    if (record.status !== 'waiting') {
      return answer(409, 'Approval', 'This approval was decided already.', { error: 'decided already' });
    }
    const waiting = record.output as WaitingApproval;
    const verb = decision === 'approve' ? 'Approve' : 'Reject';
    const asks = waiting.approvers
      ? `<p><label>Your name <input name="by" required autocomplete="username"></label> (one of ${htmlText(waiting.approvers.join(', '))})</p>`
      : '';
    return sendHtml(
      response,
      200,
      page(
        `${verb}: ${run.workflow}`,
        `<p>${htmlText(waiting.message)}</p><form method="post">${asks}<p><label>Comment <input name="comment" maxlength="2000"></label></p><p><button type="submit">${verb}</button></p></form><p><small>Run ${htmlText(runId)}, step ${htmlText(step)}; the link works once, until ${htmlText(waiting.expiresAt)}.</small></p>`,
      ),
    );
  }
  if (request.method !== 'POST') return sendJson(response, 405, { error: `${request.method} is not allowed here` });
  const fields = await readFields(request);
  if (!fields) return sendJson(response, 413, { error: 'the form is too large' });
  const result = await engine.decide(runId, step, decision, {
    actor: fields.by || 'link',
    via: 'link',
    ...(fields.comment ? { comment: fields.comment } : {}),
  });
  if (isJson(request) || wantsJson) return sendJson(response, result.status, result.body);
  const text =
    result.status === 200
      ? `${decision === 'approve' ? 'Approved' : 'Rejected'}. Thank you.`
      : String(result.body.error ?? 'The decision was refused.');
  return sendHtml(response, result.status, page('Approval', `<p>${htmlText(text)}</p>`));
}

/** `POST /api/v1/runs/:id/approve|reject` with `{ step, comment?, by? }` (the API token is checked before). */
export function decideByApi(engine: Engine, runId: string, decision: Decision, body: Record<string, unknown>) {
  if (typeof body.step !== 'string' || body.step === '') {
    return Promise.resolve<DecisionResult>({ status: 400, body: { error: 'give the approval step\'s key as "step"' } });
  }
  return engine.decide(runId, body.step, decision, {
    actor: typeof body.by === 'string' && body.by !== '' ? body.by : 'api',
    via: 'api',
    ...(typeof body.comment === 'string' && body.comment !== '' ? { comment: body.comment } : {}),
  });
}

function isJson(request: IncomingMessage): boolean {
  return String(request.headers['content-type'] ?? '').startsWith('application/json');
}

/** The `by` and `comment` of a form or JSON body; undefined when it is too large. */
async function readFields(request: IncomingMessage): Promise<{ by?: string; comment?: string } | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let values: Record<string, unknown> = {};
  if (isJson(request)) {
    try {
      const parsed: unknown = JSON.parse(text || '{}');
      if (parsed && typeof parsed === 'object') values = parsed as Record<string, unknown>;
    } catch {
      values = {};
    }
  } else values = Object.fromEntries(new URLSearchParams(text));
  const field = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : undefined);
  const by = field('by');
  const comment = field('comment');
  return { ...(by ? { by } : {}), ...(comment ? { comment: comment.slice(0, 2000) } : {}) };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${htmlText(title)}</title><style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.4rem 1.2rem}input{font:inherit}</style></head><body><h1>${htmlText(title)}</h1>${body}</body></html>`;
}

function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendHtml(response: ServerResponse, status: number, html: string) {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    // The page has no scripts; the form posts back to itself.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  response.end(html);
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}
