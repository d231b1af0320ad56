import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type ConnectorSummary,
  type Facets,
  getFacets,
  PAGE_SIZE,
  type SearchParams,
  searchConnectors,
} from '../api.js';
import { formatCount } from '../format.js';
import { authLabel, categoryLabel } from '../snippets.js';
import { ConnectorCard } from './connector-card.js';

// Typing waits this long, fast enough to feel instant, slow enough not to ask once per keystroke.
// The first search and a change of filter are asked at once: nobody is typing.
const DEBOUNCE_MS = 150;

type Results =
  | { status: 'loading'; items: ConnectorSummary[]; total: number }
  | { status: 'done'; items: ConnectorSummary[]; total: number }
  | { status: 'error'; items: ConnectorSummary[]; total: number; message: string };

function paramsOf(search: string): SearchParams {
  const query = new URLSearchParams(search);
  return { q: query.get('q') ?? '', category: query.get('category') ?? '', authKind: query.get('authKind') ?? '' };
}

/** The address that reproduces a search, so it survives reloads, back and sharing. */
function addressOf(params: SearchParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `/?${text}` : '/';
}

function useFacets(): Facets | null {
  const [facets, setFacets] = useState<Facets | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    getFacets(abort.signal).then(setFacets, () => setFacets({ categories: [], authKinds: [] }));
    return () => abort.abort();
  }, []);
  return facets;
}

function statusText(results: Results, params: SearchParams): string {
  if (results.status === 'error') return results.message;
  if (results.status === 'loading' && results.items.length === 0) return 'Searching…';
  if (results.total === 0) {
    const filtered = params.category || params.authKind;
    return params.q
      ? `No connector matches “${params.q}”${filtered ? ' with these filters' : ''}. Try other words${filtered ? ' or clear the filters' : ''}.`
      : 'No connector matches these filters.';
  }
  return formatCount(results.total, 'connector', 'connectors');
}

export function SearchPage({ search, arrived }: { search: string; arrived: boolean }) {
  const [params, setParams] = useState(() => paramsOf(search));
  const [results, setResults] = useState<Results>({ status: 'loading', items: [], total: 0 });
  const facets = useFacets();
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(params);
  latest.current = params;
  const heading = useRef<HTMLHeadingElement>(null);
  /** The text of the last search asked; undefined before the first. */
  const askedText = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (arrived) heading.current?.focus();
  }, [arrived]);

  useEffect(() => {
    document.title = params.q ? `“${params.q}” · MOVA connectors` : 'MOVA connectors';
    history.replaceState(null, '', addressOf(params));
    const abort = new AbortController();
    setResults((previous) => ({ status: 'loading', items: previous.items, total: previous.total }));
    const ask = () => {
      askedText.current = params.q;
      searchConnectors(params, 0, abort.signal).then(
        (found) => setResults({ status: 'done', items: found.results, total: found.total }),
        (error: Error) => {
          if (abort.signal.aborted) return;
          setResults({ status: 'error', items: [], total: 0, message: `Search failed: ${error.message}` });
        },
      );
    };
    const typing = askedText.current !== undefined && askedText.current !== params.q;
    const timer = typing ? setTimeout(ask, DEBOUNCE_MS) : undefined;
    if (!typing) ask();
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [params]);

  // "/" jumps to the search box, as on many sites, unless the reader is typing somewhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target?.closest('input, textarea, select, [contenteditable]')) return;
      event.preventDefault();
      input.current?.focus();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const loadMore = () => {
    const shown = results;
    setResults({ ...shown, status: 'loading' });
    searchConnectors(params, shown.items.length).then(
      (found) => {
        // The search changed meanwhile: its own answer is on its way.
        if (latest.current !== params) return;
        setResults({ status: 'done', items: [...shown.items, ...found.results], total: found.total });
      },
      (error: Error) => {
        if (latest.current !== params) return;
        setResults({ ...shown, status: 'error', message: `Loading more failed: ${error.message}` });
      },
    );
  };

  const set = (key: keyof SearchParams) => (event: Event) => {
    const field = event.currentTarget;
    if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement)) return;
    setParams((previous) => ({ ...previous, [key]: field.value }));
  };

  const categories = facets?.categories ?? [];
  const authKinds = facets?.authKinds ?? [];
  const hasFilters = Boolean(params.q || params.category || params.authKind);
  return (
    <div class="search-page">
      <div class="hero">
        <h1 ref={heading} tabIndex={-1}>
          Connectors
        </h1>
        <p class="lede">Find a connector, read what each action takes and returns, and copy the line that uses it.</p>
      </div>
      <search>
        <form class="search" onSubmit={(event) => event.preventDefault()}>
          <div class="search-field">
            <label for="search-q">Search</label>
            <input
              ref={input}
              id="search-q"
              type="search"
              value={params.q}
              onInput={set('q')}
              placeholder="e.g. “send message” or “crm”"
              autocomplete="off"
              spellcheck={false}
              aria-describedby="search-hint"
            />
            <p id="search-hint" class="hint">
              Results update as you type. Press <kbd>/</kbd> to come back here.
            </p>
          </div>
          <div class="search-filter">
            <label for="search-category">Category</label>
            <select id="search-category" value={params.category} onChange={set('category')}>
              <option value="">All categories</option>
              {params.category && !categories.some((c) => c.name === params.category) && (
                <option value={params.category}>{categoryLabel(params.category)}</option>
              )}
              {categories.map((c) => (
                <option key={c.name} value={c.name}>
                  {categoryLabel(c.name)} ({c.count})
                </option>
              ))}
            </select>
          </div>
          <div class="search-filter">
            <label for="search-auth">Authentication</label>
            <select id="search-auth" value={params.authKind} onChange={set('authKind')}>
              <option value="">Any</option>
              {params.authKind && !authKinds.some((a) => a.name === params.authKind) && (
                <option value={params.authKind}>{authLabel(params.authKind)}</option>
              )}
              {authKinds.map((a) => (
                <option key={a.name} value={a.name}>
                  {authLabel(a.name)} ({a.count})
                </option>
              ))}
            </select>
          </div>
        </form>
      </search>
      <div class="results-bar">
        <p class="results-status" role="status" aria-live="polite">
          {statusText(results, params)}
        </p>
        {hasFilters && (
          <button type="button" class="link-button" onClick={() => setParams({ q: '', category: '', authKind: '' })}>
            Clear search and filters
          </button>
        )}
      </div>
      <ul class="cards" aria-busy={results.status === 'loading'} aria-label="Connectors">
        {results.items.map((connector) => (
          <ConnectorCard key={connector.name} connector={connector} />
        ))}
      </ul>
      {results.status !== 'error' && results.items.length < results.total && (
        <p class="more">
          <button type="button" class="button" onClick={loadMore} disabled={results.status === 'loading'}>
            Show {Math.min(PAGE_SIZE, results.total - results.items.length)} more of{' '}
            {results.total - results.items.length} left
          </button>
        </p>
      )}
    </div>
  );
}
