import { type ConnectorErrorKind, compileSchema, errorKindForStatus, formatIssue, type Issue } from '@mova/sdk/host';
import { parseDuration } from '../duration.js';
import { StepError } from '../errors.js';
import { loadUndici } from '../undici.js';
import { hostAllowed } from './allow-hosts.js';
import { HttpFetchInput, type HttpFetchOutput, jsonSchemaOf } from './http-fetch-schema.js';

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface HttpFetchContext {
  signal: AbortSignal;
  allowHosts: readonly string[];
  maxResponseBytes: number;
}

export const httpFetchInputSchema = jsonSchemaOf(HttpFetchInput);

type Method = NonNullable<HttpFetchInput['method']>;

/** The checked value is the input type once the schema found no issue (defaults filled in). */
function isHttpFetchInput(_value: unknown, issues: Issue[]): _value is HttpFetchInput {
  return issues.length === 0;
}

/**
 * The `http_fetch` built-in: one HTTP request with undici, to hosts on the runtime's allow-list
 * only (redirects included). A non-2xx answer fails the step with a kind from its status, so
 * `retry` retries 429 and 5xx and honours Retry-After.
 */
export async function httpFetch(rawInput: unknown, ctx: HttpFetchContext): Promise<HttpFetchOutput> {
  const input = structuredClone(rawInput ?? {});
  // Compiled at the first http_fetch step (then cached), so runs without one never load ajv.
  const inputIssues = compileSchema(httpFetchInputSchema)(input);
  if (!isHttpFetchInput(input, inputIssues)) {
    const issues = inputIssues.map((i) => ({ ...i, pointer: `/input${i.pointer}` }));
    throw new StepError({
      kind: 'invalid_input',
      message: `invalid input for http_fetch: ${issues.map(formatIssue).join('; ')}`,
      hint: 'Fix the fields named above.',
      issues,
    });
  }
  const signals = [ctx.signal];
  const timeoutMs = input.timeout === undefined ? undefined : parseDuration(input.timeout);
  if (timeoutMs !== undefined) signals.push(AbortSignal.timeout(timeoutMs));
  const signal = AbortSignal.any(signals);

  let url = withQuery(new URL(input.url), input.query);
  let method: Method = input.method ?? 'GET';
  let { body, contentType } = encodeBody(input.body);
  let headers = { ...(input.headers ?? {}) };
  if (contentType && !hasHeader(headers, 'content-type')) headers['content-type'] = contentType;

  for (let hop = 0; ; hop++) {
    checkHost(url, ctx.allowHosts);
    const response = await send(url, method, headers, body, signal, timeoutMs);
    const location = response.headers.location;
    if (input.follow_redirects !== false && REDIRECTS.has(response.statusCode) && typeof location === 'string') {
      await response.body.dump();
      if (hop >= MAX_REDIRECTS) {
        throw new StepError({
          kind: 'limit',
          message: `${input.url} redirected more than ${MAX_REDIRECTS} times`,
          hint: 'Call the final URL directly.',
        });
      }
      const next = new URL(location, url);
      // A credential meant for one origin must not follow a redirect to another.
      if (next.origin !== url.origin) headers = withoutHeaders(headers, ['authorization', 'cookie']);
      const status = response.statusCode;
      if (status === 303 || ((status === 301 || status === 302) && method !== 'GET' && method !== 'HEAD')) {
        method = 'GET';
        body = undefined;
        headers = withoutHeaders(headers, ['content-type', 'content-length']);
      }
      url = next;
      continue;
    }
    const text = await readLimited(response.body, ctx.maxResponseBytes, url).catch((error: unknown) => {
      throw signal.aborted ? abortError(signal, url, timeoutMs) : error;
    });
    const responseHeaders = flatHeaders(response.headers);
    const output: HttpFetchOutput = {
      status: response.statusCode,
      headers: responseHeaders,
      body: parseBody(text, responseHeaders['content-type'], input.response ?? 'auto', method, url),
    };
    if (response.statusCode < 200 || response.statusCode > 299) throw statusError(method, url, output);
    return output;
  }
}

async function send(
  url: URL,
  method: Method,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal,
  timeoutMs: number | undefined,
) {
  try {
    const { module, agent } = await loadUndici();
    return await module.request(url, {
      dispatcher: agent,
      method,
      headers,
      body,
      signal,
      ...(timeoutMs === undefined ? {} : { headersTimeout: timeoutMs, bodyTimeout: timeoutMs }),
    });
  } catch (error) {
    if (signal.aborted) throw abortError(signal, url, timeoutMs);
    throw new StepError(
      {
        kind: 'transient',
        message: `${method} ${url.origin}${url.pathname} failed: ${(error as Error).message}`,
        hint: 'The host could not be reached; check the URL, or retry the step.',
      },
      { cause: error },
    );
  }
}

function abortError(signal: AbortSignal, url: URL, timeoutMs: number | undefined): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof DOMException && reason.name === 'TimeoutError') {
    return new StepError({
      kind: 'timeout',
      message: `${url.origin}${url.pathname} did not answer within ${timeoutMs}ms`,
      hint: 'Raise "timeout" in the step\'s with, or check the service.',
    });
  }
  return reason;
}

function checkHost(url: URL, allowHosts: readonly string[]) {
  if (hostAllowed(url, allowHosts)) return;
  throw new StepError({
    kind: 'forbidden',
    message: `http_fetch may not call ${url.host}: it is not on the runtime's allowed hosts`,
    hint: `If it should be reachable, allow it: \`mova-connector run --allow-host ${url.host}\` (allowHosts in the runtime's options).`,
  });
}

function withQuery(url: URL, query: HttpFetchInput['query']): URL {
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url;
}

function encodeBody(body: HttpFetchInput['body']): { body?: string; contentType?: string } {
  if (!body) return {};
  if ('json' in body) return { body: JSON.stringify(body.json), contentType: 'application/json' };
  if ('text' in body) return { body: body.text, contentType: 'text/plain; charset=utf-8' };
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body.form)) form.append(name, String(value));
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

async function readLimited(body: AsyncIterable<Buffer>, limit: number, url: URL): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) {
      throw new StepError({
        kind: 'limit',
        message: `the response of ${url.origin}${url.pathname} is larger than ${limit} bytes`,
        hint: 'Ask the service for less (paging, filters), or raise maxResponseBytes in the runtime limits.',
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(
  text: string,
  contentType: string | undefined,
  mode: 'auto' | 'json' | 'text',
  method: string,
  url: URL,
) {
  if (text === '' || method === 'HEAD') return null;
  const json = mode === 'json' || (mode === 'auto' && /[/+]json\b/i.test(contentType ?? ''));
  if (!json) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StepError({
      kind: 'invalid_output',
      message: `${url.origin}${url.pathname} answered with a body that is not JSON`,
      hint: 'Set "response": "text" to read it as text.',
    });
  }
}

function statusError(method: string, url: URL, output: HttpFetchOutput): StepError {
  const kind: ConnectorErrorKind = errorKindForStatus(output.status);
  const snippet = typeof output.body === 'string' ? output.body : JSON.stringify(output.body);
  return new StepError({
    kind,
    status: output.status,
    retryAfter: retryAfterSeconds(output.headers['retry-after']),
    message: `${method} ${url.origin}${url.pathname} answered ${output.status}${snippet ? `: ${snippet.slice(0, 300)}` : ''}`,
    hint: 'Catch it with try/catch on its kind, or fix the request.',
  });
}

/** Retry-After is seconds or an HTTP date. */
function retryAfterSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([h]) => !names.includes(h.toLowerCase())));
}
