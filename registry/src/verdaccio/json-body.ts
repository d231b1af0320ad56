import { createGunzip, createInflate } from 'node:zlib';
import { httpError } from './http-error.js';
import type { Request } from './types.js';

// The same limit Verdaccio's own body parser applies to publish requests (max_body_size).
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Reads and parses a JSON request body, and marks it parsed so Verdaccio's body parser later
 * uses it as it is rather than waiting for a stream that has already been read.
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  if (req._body) return req.body;
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  const stream =
    encoding === 'gzip' ? req.pipe(createGunzip()) : encoding === 'deflate' ? req.pipe(createInflate()) : req;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > MAX_BODY_BYTES) throw httpError(413, `the request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(bytes);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw httpError(400, `the request body is not valid JSON: ${(error as Error).message}`);
  }
  req.body = body;
  req._body = true;
  return body;
}
