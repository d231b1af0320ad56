import type { ServerResponse } from 'node:http';
import type { Handler } from '../verdaccio/types.js';
import { MAX_LIMIT, type MarketplaceIndex } from './marketplace-index.js';
import type { SearchQuery } from './types.js';

export const API_PREFIX = '/-/mova/v1';
const CONNECTORS = `${API_PREFIX}/connectors`;
const FACETS = `${API_PREFIX}/facets`;

class BadRequest extends Error {}

function send(res: ServerResponse, status: number, body: unknown, headOnly: boolean): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    // Entries change with every publish and download; clients should always ask again.
    'cache-control': 'no-cache',
  });
  res.end(headOnly ? undefined : text);
}

function whole(params: URLSearchParams, key: string, min: number, max: number): number | undefined {
  const raw = params.get(key);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadRequest(`"${key}" must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return value;
}

function searchQuery(params: URLSearchParams): SearchQuery {
  const text = (key: string) => params.get(key)?.trim() || undefined;
  return {
    q: text('q'),
    category: text('category'),
    authKind: text('authKind'),
    publisher: text('publisher'),
    limit: whole(params, 'limit', 1, MAX_LIMIT),
    offset: whole(params, 'offset', 0, Number.MAX_SAFE_INTEGER),
  };
}

/**
 * The marketplace's JSON API, served beside the npm API on the same port:
 * `GET /-/mova/v1/connectors?q=&category=&authKind=&publisher=&limit=&offset=` searches, and
 * `GET /-/mova/v1/connectors/<name>` (a scoped name encoded or not) returns one entry with every version,
 * and `GET /-/mova/v1/facets` the categories and auth kinds to filter by.
 */
export function marketplaceApi(index: MarketplaceIndex): Handler {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://registry.invalid');
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return next();
    const headOnly = req.method === 'HEAD';
    if (req.method !== 'GET' && !headOnly) {
      res.setHeader('allow', 'GET, HEAD');
      return send(
        res,
        405,
        { error: 'method_not_allowed', message: 'The marketplace API only reads: use GET.' },
        false,
      );
    }
    try {
      const path = url.pathname.replace(/\/+$/, '');
      if (path === CONNECTORS) return send(res, 200, index.search(searchQuery(url.searchParams)), headOnly);
      if (path === FACETS) return send(res, 200, index.facets(), headOnly);
      if (path.startsWith(`${CONNECTORS}/`)) {
        const name = decodeURIComponent(path.slice(CONNECTORS.length + 1));
        const entry = index.get(name);
        if (entry) return send(res, 200, entry, headOnly);
        return send(
          res,
          404,
          {
            error: 'not_found',
            message: `No connector "${name}" is listed. Search with GET ${CONNECTORS}?q=<words>; a package without a valid mova.manifest.json is not listed.`,
          },
          headOnly,
        );
      }
      return send(
        res,
        404,
        {
          error: 'not_found',
          message: `Unknown marketplace endpoint. Use GET ${CONNECTORS}, ${CONNECTORS}/<name> or ${FACETS}.`,
        },
        headOnly,
      );
    } catch (error) {
      const message = error instanceof BadRequest ? error.message : `The connector name is not valid URL encoding.`;
      if (error instanceof BadRequest || error instanceof URIError) {
        return send(res, 400, { error: 'bad_request', message }, headOnly);
      }
      return next(error);
    }
  };
}
