import type { ServerResponse } from 'node:http';
import type { MarketplaceIndex } from '../marketplace/marketplace-index.js';
import type { ConnectorEntry } from '../marketplace/types.js';
import type { Handler } from './types.js';

const SEARCH_PATH = '/-/v1/search';
// npm's own registry answers at most 250 objects a page; npm asks for 20 unless told otherwise.
const MAX_SIZE = 250;
const DEFAULT_SIZE = 20;

/** The query npm sends (`text`, `size`, `from`), its qualifiers taken out of `text`. */
export interface NpmSearchQuery {
  text: string;
  keywords: string[];
  scope: string | undefined;
  publisher: string | undefined;
  notDeprecated: boolean;
  size: number;
  from: number;
}

class BadQuery extends Error {}

function whole(params: URLSearchParams, key: string, fallback: number, min: number, max: number): number {
  const raw = params.get(key);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadQuery(`"${key}" must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return value;
}

/**
 * Reads npm's search query. The qualifiers npm's own registry knows and a connector has
 * (`keywords:a,b`, `scope:acme`, `author:`/`maintainer:`/`publisher:` the publishing account,
 * `not:deprecated`) filter; the rest of the text is searched as words.
 * @example
 * parseNpmSearch(new URLSearchParams('text=crm keywords:deals&size=5'))
 * // { text: 'crm', keywords: ['deals'], size: 5, from: 0, … }
 */
export function parseNpmSearch(params: URLSearchParams): NpmSearchQuery {
  const query: NpmSearchQuery = {
    text: '',
    keywords: [],
    scope: undefined,
    publisher: undefined,
    notDeprecated: false,
    size: whole(params, 'size', DEFAULT_SIZE, 1, MAX_SIZE),
    from: whole(params, 'from', 0, 0, Number.MAX_SAFE_INTEGER),
  };
  const words: string[] = [];
  for (const word of (params.get('text') ?? '').split(/\s+/).filter(Boolean)) {
    const [, qualifier, value = ''] = /^([a-z-]+):(.+)$/.exec(word) ?? [];
    if (qualifier === 'keywords') query.keywords.push(...value.split(/[,+]/).filter(Boolean));
    else if (qualifier === 'scope') query.scope = value.replace(/^@/, '');
    else if (qualifier === 'author' || qualifier === 'maintainer' || qualifier === 'publisher') query.publisher = value;
    else if (qualifier === 'not' && value === 'deprecated') query.notDeprecated = true;
    else words.push(word);
  }
  query.text = words.join(' ');
  return query;
}

function matches(entry: ConnectorEntry, query: NpmSearchQuery): boolean {
  const keywords = entry.keywords.map((keyword) => keyword.toLowerCase());
  return (
    query.keywords.every((keyword) => keywords.includes(keyword.toLowerCase())) &&
    (query.scope === undefined || entry.name.startsWith(`@${query.scope}/`)) &&
    (!query.notDeprecated || entry.deprecated === null)
  );
}

/** npm's score parts, each from 0 to 1: the marketplace's quality score, downloads, not deprecated. */
function scoreOf(entry: ConnectorEntry) {
  const quality = entry.quality / 100;
  // A million downloads counts as fully popular; a log scale keeps small counts apart.
  const popularity = Math.min(1, Math.log10(1 + entry.downloads) / 6);
  const maintenance = entry.deprecated === null ? 1 : 0;
  return { final: (quality + popularity + maintenance) / 3, detail: { quality, popularity, maintenance } };
}

function objectOf(entry: ConnectorEntry, searchScore: number | null, registryUrl: string) {
  const publishers = [...new Set(entry.versions.flatMap((version) => version.publisher ?? []))];
  const latest = entry.versions.find((version) => version.version === entry.latestVersion);
  return {
    package: {
      name: entry.name,
      scope: entry.name.startsWith('@') ? entry.name.slice(1, entry.name.indexOf('/')) : 'unscoped',
      version: entry.latestVersion,
      description: entry.description,
      keywords: entry.keywords,
      date: latest?.publishedAt ?? null,
      links: { npm: `${registryUrl}-/mova/connectors/${encodeURIComponent(entry.name)}` },
      publisher: entry.publisher === null ? undefined : { username: entry.publisher },
      maintainers: publishers.map((username) => ({ username })),
    },
    score: scoreOf(entry),
    // Relevance to the words asked; without words every hit ranks the same.
    searchScore: searchScore ?? 1,
    flags: entry.deprecated === null ? undefined : { deprecated: entry.deprecated },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache',
  });
  res.end(text);
}

/**
 * npm's search endpoint (`npm search`, `GET /-/v1/search?text=&size=&from=`) answered from the
 * marketplace index in the shape npm's CLI reads, instead of Verdaccio's search, which reads every
 * package document per query (231 ms p50 over 1,001 packages, over a second with 8 at once). It lists
 * what the marketplace lists: published connectors with a valid manifest.
 */
export function npmSearch(index: MarketplaceIndex): Handler {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://registry.invalid');
    if (url.pathname !== SEARCH_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    let query: NpmSearchQuery;
    try {
      query = parseNpmSearch(url.searchParams);
    } catch (error) {
      if (error instanceof BadQuery) return send(res, 400, { error: error.message });
      return next(error);
    }
    const started = new Date();
    const hits = index
      .rank({ q: query.text || undefined, publisher: query.publisher })
      .filter(({ entry }) => matches(entry, query));
    const host = req.headers.host ?? 'registry.invalid';
    const registryUrl = `http://${host}/`;
    const objects = hits.slice(query.from, query.from + query.size).flatMap(({ entry, score }) => {
      const counted = index.get(entry.name);
      return counted ? [objectOf(counted, score, registryUrl)] : [];
    });
    send(res, 200, { objects, total: hits.length, time: started.toUTCString() });
  };
}
