import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the page's content-hashed assets are served. */
export const RUNS_PAGE_ASSETS = '/assets/';

// `web/build.mjs` writes the bundled page here, at the package root: two levels above both
// src/engine and dist/engine.
const BUILT_PAGE_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

// The page runs only its own script and style and talks only to this server's API.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

// Built asset names carry a content hash and never contain a path.
const ASSET_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(js|css|svg)$/;

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Runs page not built</title>
<h1>The runs page is not built</h1>
<p>Build it with <code>pnpm --filter @mova/runtime build:web</code> (or <code>pnpm run build</code> at the repository root), then reload.
The JSON API works meanwhile at /api/v1/runs, with <code>Authorization: Bearer &lt;token&gt;</code>.</p></html>`;

/** Whether a path is one the runs page answers: the app at `/`, `/runs` and `/runs/<id>`, its assets under `/assets/`. */
export function isRunsPagePath(pathname: string): boolean {
  return (
    pathname === '/' || pathname === '/runs' || pathname.startsWith('/runs/') || pathname.startsWith(RUNS_PAGE_ASSETS)
  );
}

/**
 * Answers a request for the runs page of `serve`: the single-page app (which asks for the API token
 * and reads `/api/v1`) or one of its assets. The page itself holds no data, so it needs no token.
 * Call it only for paths `isRunsPagePath` accepts.
 */
export function serveRunsPage(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  dir = BUILT_PAGE_DIR,
): void {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    sendText(response, 405, `${method} is not allowed on ${pathname}\n`, method);
    return;
  }
  const headOnly = method === 'HEAD';
  if (!pathname.startsWith(RUNS_PAGE_ASSETS)) {
    readFile(join(dir, 'index.html'), 'utf8').then(
      (html) => sendHtml(response, 200, html, headOnly),
      () => sendHtml(response, 503, NOT_BUILT, headOnly),
    );
    return;
  }
  const name = pathname.slice(RUNS_PAGE_ASSETS.length);
  const type = TYPES[extname(name)];
  if (!ASSET_NAME.test(name) || !type) {
    sendText(response, 404, `nothing at ${pathname}\n`, method);
    return;
  }
  const file = join(dir, 'assets', name);
  stat(file).then(
    (info) => {
      response.writeHead(200, {
        'content-type': type,
        'content-length': info.size,
        // The name changes whenever the content does.
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      });
      if (headOnly) response.end();
      else
        createReadStream(file)
          .on('error', () => response.destroy())
          .pipe(response);
    },
    () => sendText(response, 404, `nothing at ${pathname}\n`, method),
  );
}

function sendHtml(response: ServerResponse, status: number, html: string, headOnly: boolean): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    // Asset names change with every build; the page that names them must be asked for again.
    'cache-control': 'no-cache',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(headOnly ? undefined : html);
}

function sendText(response: ServerResponse, status: number, text: string, method: string): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
  });
  response.end(method === 'HEAD' ? undefined : text);
}
