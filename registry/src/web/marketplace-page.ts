import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarketplaceIndex } from '../marketplace/marketplace-index.js';
import type { Handler } from '../verdaccio/types.js';

/** Where a connector's page lives: `/-/mova/connectors/<name>`, beside the API under MOVA's `/-/` prefix. */
export const PAGE_PREFIX = '/-/mova/connectors/';
export const ASSETS_PREFIX = '/-/mova/assets/';

// `web/build.mjs` writes the bundled page here; the folder sits at the package root, two levels
// above both src/web and dist/web.
const BUILT_PAGE_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

// The page runs only its own script and style from this server. Icons come from manifests: https
// URLs and data: images, nothing else; the page never embeds or is embedded.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
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

function sendPage(res: ServerResponse, status: number, html: string, headOnly: boolean): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    // Asset names change with every build; the page that names them must be asked for again.
    'cache-control': 'no-cache',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(headOnly ? undefined : html);
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Marketplace page not built</title>
<h1>The marketplace page is not built</h1>
<p>Build it with <code>pnpm --filter @mova/registry build:web</code> (or <code>pnpm run build</code> at the repository root), then reload.
The JSON API works meanwhile: <a href="/-/mova/v1/connectors">/-/mova/v1/connectors</a>.</p></html>`;

function listedName(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice(PAGE_PREFIX.length)).replace(/\/+$/, '') || null;
  } catch {
    return null;
  }
}

export interface MarketplacePageOptions {
  index: MarketplaceIndex;
  /** The built page (index.html and assets/); `web/dist` of this package by default. */
  dir?: string;
}

/**
 * Serves the marketplace page: `/` (search) and `/-/mova/connectors/<name>` (one connector) answer
 * the same single-page app, which reads the JSON API; its hashed assets come from
 * `/-/mova/assets/`. Every other path goes on to the npm API.
 */
export function marketplacePage({ index, dir = BUILT_PAGE_DIR }: MarketplacePageOptions): Handler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const headOnly = req.method === 'HEAD';
    const { pathname } = new URL(req.url ?? '/', 'http://registry.invalid');
    if (pathname === '/' || pathname.startsWith(PAGE_PREFIX)) {
      // A deep link to a connector that is not listed still gets the app (it says so), with a 404.
      const name = pathname === '/' ? null : listedName(pathname);
      const status = pathname === '/' || (name && index.get(name)) ? 200 : 404;
      readFile(join(dir, 'index.html'), 'utf8').then(
        (html) => sendPage(res, status, html, headOnly),
        () => sendPage(res, 503, NOT_BUILT, headOnly),
      );
      return;
    }
    if (!pathname.startsWith(ASSETS_PREFIX)) return next();
    const name = pathname.slice(ASSETS_PREFIX.length);
    const type = TYPES[extname(name)];
    if (!ASSET_NAME.test(name) || !type) return next();
    const file = join(dir, 'assets', name);
    stat(file).then(
      (info) => {
        res.writeHead(200, {
          'content-type': type,
          'content-length': info.size,
          // The name changes whenever the content does.
          'cache-control': 'public, max-age=31536000, immutable',
          'x-content-type-options': 'nosniff',
        });
        if (headOnly) res.end();
        else createReadStream(file).on('error', next).pipe(res);
      },
      () => next(),
    );
  };
}
