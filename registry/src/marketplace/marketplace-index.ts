import MiniSearch from 'minisearch';
import type { Downloads } from './downloads.js';
import type { ConnectorEntry, ConnectorSummary, FacetCount, Facets, SearchQuery, SearchResult } from './types.js';

interface SearchDocument {
  id: string;
  name: string;
  title: string;
  description: string;
  actions: string;
  keywords: string;
}

// Title and name say what a connector is; keywords are chosen by its author; action titles and keys
// say what it does; descriptions are long and wordy, so a hit there counts least.
const BOOST = { title: 3, name: 2.5, keywords: 2, actions: 1.5, description: 1 };
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** `chat.postMessage` is found by "postmessage", "post" and "message". */
function terms(term: string): string[] {
  const lower = term.toLowerCase();
  const parts = term.split(/(?<=[a-z0-9])(?=[A-Z])/).map((part) => part.toLowerCase());
  return parts.length > 1 ? [lower, ...parts] : [lower];
}

function counted(values: Iterable<string>): FacetCount[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function toDocument(entry: ConnectorEntry): SearchDocument {
  return {
    id: entry.name,
    name: `${entry.name} ${entry.connector}`,
    title: entry.title,
    description: entry.description,
    actions: [...entry.actions, ...entry.triggers].map((a) => `${a.key} ${a.title}`).join(' '),
    keywords: entry.keywords.join(' '),
  };
}

/**
 * The marketplace's listed connectors and their full-text index. Entries come from the indexer;
 * download counts are read live, so every answer shows the current numbers.
 */
export class MarketplaceIndex {
  readonly #entries = new Map<string, ConnectorEntry>();
  readonly #downloads: Downloads;
  readonly #search = new MiniSearch<SearchDocument>({
    fields: ['name', 'title', 'description', 'actions', 'keywords'],
    processTerm: terms,
    searchOptions: { boost: BOOST, fuzzy: 0.2, prefix: true },
  });

  constructor(downloads: Downloads) {
    this.#downloads = downloads;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Adds or replaces a package's entry. */
  upsert(entry: ConnectorEntry): void {
    if (this.#entries.has(entry.name)) this.#search.replace(toDocument(entry));
    else this.#search.add(toDocument(entry));
    this.#entries.set(entry.name, entry);
  }

  remove(name: string): void {
    if (!this.#entries.delete(name)) return;
    this.#search.discard(name);
  }

  /** The full entry of a listed package, with every version. */
  get(name: string): ConnectorEntry | undefined {
    const entry = this.#entries.get(name);
    if (!entry) return undefined;
    return {
      ...entry,
      downloads: this.#downloads.of(name),
      versions: entry.versions.map((v) => ({ ...v, downloads: this.#downloads.of(name, v.version) })),
    };
  }

  /**
   * Full-text search (fuzzy and prefix) with exact filters. Without `q` every listed connector that
   * passes the filters comes back, most downloaded first.
   * @example
   * index.search({ q: 'send message', category: 'communication', limit: 10 })
   */
  search(query: SearchQuery = {}): SearchResult {
    const ranked = this.rank(query);
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
    const offset = Math.max(query.offset ?? 0, 0);
    return {
      total: ranked.length,
      results: ranked.slice(offset, offset + limit).map(({ entry, score }) => this.#summary(entry, score)),
    };
  }

  /**
   * Every listed connector that matches (`limit` and `offset` are not applied), best first: what
   * `search` pages through, for answers in another shape (npm's `/-/v1/search`). Entries as indexed:
   * `get` adds their download counts.
   */
  rank(query: Omit<SearchQuery, 'limit' | 'offset'> = {}): { entry: ConnectorEntry; score: number | null }[] {
    const keep = (entry: ConnectorEntry) =>
      (!query.category || entry.categories.some((c) => c.toLowerCase() === query.category?.toLowerCase())) &&
      (!query.authKind || entry.authKind === query.authKind) &&
      (!query.publisher || entry.publisher === query.publisher);
    const text = query.q?.trim();
    const ranked: { entry: ConnectorEntry; score: number | null }[] = [];
    if (text) {
      for (const hit of this.#search.search(text)) {
        const entry = this.#entries.get(String(hit.id));
        if (entry && keep(entry)) ranked.push({ entry, score: hit.score });
      }
    } else {
      for (const entry of this.#entries.values()) if (keep(entry)) ranked.push({ entry, score: null });
      ranked.sort(
        (a, b) =>
          this.#downloads.of(b.entry.name) - this.#downloads.of(a.entry.name) ||
          a.entry.name.localeCompare(b.entry.name),
      );
    }
    return ranked;
  }

  /** The categories and auth kinds of every listed connector, with how many have each. */
  facets(): Facets {
    const entries = [...this.#entries.values()];
    return {
      categories: counted(entries.flatMap((entry) => entry.categories)),
      authKinds: counted(entries.map((entry) => entry.authKind)),
    };
  }

  #summary(entry: ConnectorEntry, score: number | null): ConnectorSummary {
    return {
      name: entry.name,
      title: entry.title,
      description: entry.description,
      latestVersion: entry.latestVersion,
      categories: entry.categories,
      authKind: entry.authKind,
      icon: entry.icon,
      actionCount: entry.actions.length,
      publisher: entry.publisher,
      deprecated: entry.deprecated,
      downloads: this.#downloads.of(entry.name),
      quality: entry.quality,
      score,
    };
  }
}
