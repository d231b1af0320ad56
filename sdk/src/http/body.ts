import { ConnectorError } from '../errors.js';
import type { HttpMethod, HttpRequestOptions, ResponseType } from './types.js';

export interface EncodedBody {
  body?: string;
  contentType?: string;
}

/** Turns the request's `json`, `form` or `text` into the bytes to send and their content type. */
export function encodeBody(request: Pick<HttpRequestOptions, 'json' | 'form' | 'text'>): EncodedBody {
  const given = [request.json, request.form, request.text].filter((b) => b !== undefined).length;
  if (given > 1) throw new TypeError('give only one of json, form and text as the request body');
  if (request.json !== undefined) return { body: JSON.stringify(request.json), contentType: 'application/json' };
  if (request.form !== undefined) {
    return { body: new URLSearchParams(request.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  if (request.text !== undefined) return { body: request.text, contentType: 'text/plain; charset=utf-8' };
  return {};
}

/**
 * fetch refuses a body on GET and HEAD (RFC 9110 gives it no meaning there); refusing it before
 * sending makes it the input mistake it is, not a network failure.
 */
export function assertBodyAllowed(method: HttpMethod, body: string | undefined, actionKey?: string): void {
  if (body === undefined || (method !== 'GET' && method !== 'HEAD')) return;
  throw new ConnectorError(
    `a ${method} request cannot carry a body`,
    { kind: 'invalid_input', actionKey },
    'Send the values in the query, or use the method the API documents for a body (often POST).',
  );
}

/** `application/json`, `application/problem+json`, `application/vnd.api+json`, … */
export function isJsonType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/(?:[\w.-]+\+)?json\b/i.test(contentType.trim());
}

/** The decoder a response gets: the one asked for, else JSON when its content-type says so. */
export function effectiveResponseType(asked: ResponseType | undefined, contentType: string | undefined): ResponseType {
  return asked ?? (isJsonType(contentType) ? 'json' : 'text');
}

/**
 * Decodes a body; throws `SyntaxError` when JSON was expected and the text is not JSON. An empty
 * body decodes to `undefined` as JSON (204 No Content), to `''` as text.
 */
export function decodeBody(body: Buffer, type: ResponseType): unknown {
  if (type === 'buffer') return body;
  const text = body.toString('utf8');
  if (type === 'text') return text;
  return text.trim() === '' ? undefined : JSON.parse(text);
}
