import type { ConnectorEntry, Facets, SearchResult } from '../../src/marketplace/types.js';

export type {
  ConnectorAction,
  ConnectorEntry,
  ConnectorSummary,
  Facets,
  SearchResult,
} from '../../src/marketplace/types.js';

const API = '/-/mova/v1';

/** A failed API call, with the server's message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${API}${path}`, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const message =
      typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string'
        ? body.message
        : `The registry answered ${response.status}.`;
    throw new ApiError(response.status, message);
  }
  return response.json();
}

export interface SearchParams {
  q: string;
  category: string;
  authKind: string;
}

export const PAGE_SIZE = 24;

export function searchConnectors(params: SearchParams, offset: number, signal?: AbortSignal): Promise<SearchResult> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  return getJson(`/connectors?${query}`, signal);
}

export function getConnector(name: string, signal: AbortSignal): Promise<ConnectorEntry> {
  return getJson(`/connectors/${encodeURIComponent(name)}`, signal);
}

export function getFacets(signal: AbortSignal): Promise<Facets> {
  return getJson('/facets', signal);
}
