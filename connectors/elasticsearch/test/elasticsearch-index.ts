// The in-memory indices behind the loopback Elasticsearch of elasticsearch-server.ts: documents
// with versions and sequence numbers, Elasticsearch's near-real-time split between what GET sees
// (every write at once) and what search sees (the last refresh), and the subset of the query DSL,
// sorting and aggregations the tests use. Shapes and rules follow the REST API reference pages
// named in elasticsearch-server.ts.

export type Source = Record<string, unknown>;

export interface StoredDoc {
  source: Source;
  version: number;
  seqNo: number;
}

/** An error Elasticsearch answers with: `{ error: { root_cause, type, reason, ... }, status }`. */
export class EsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(reason);
  }

  body() {
    const cause = { type: this.type, reason: this.reason, ...this.extra };
    return { error: { root_cause: [cause], ...cause }, status: this.status };
  }
}

export class EsIndex {
  /** What GET sees: every write at once. */
  readonly live = new Map<string, StoredDoc>();
  /** What search and count see: the state at the last refresh. */
  searchable = new Map<string, StoredDoc>();
  /** Highest version ever given to each id, deleted ones included (versions never go back). */
  private readonly versions = new Map<string, number>();
  private seqNo = -1;
  readonly uuid = `uuid-${Math.random().toString(36).slice(2, 10)}`;

  constructor(
    readonly name: string,
    readonly mappings: Record<string, unknown> = {},
    readonly settings: Record<string, unknown> = {},
  ) {}

  refresh(): void {
    this.searchable = new Map([...this.live].map(([id, doc]) => [id, structuredClone(doc)]));
  }

  /** Checks `if_seq_no`/`if_primary_term` as the index, update and delete APIs do. */
  checkSeqNo(id: string, ifSeqNo: number | undefined, ifPrimaryTerm: number | undefined): void {
    if (ifSeqNo === undefined && ifPrimaryTerm === undefined) return;
    const current = this.live.get(id);
    if (!current || current.seqNo !== ifSeqNo || ifPrimaryTerm !== 1) {
      const now = current
        ? `current document has seqNo [${current.seqNo}] and primary term [1]`
        : 'document does not exist';
      throw new EsError(
        409,
        'version_conflict_engine_exception',
        `[${id}]: version conflict, required seqNo [${ifSeqNo}], primary term [${ifPrimaryTerm}]. ${now}`,
        { index_uuid: this.uuid, shard: '0', index: this.name },
      );
    }
  }

  put(id: string, source: Source): { doc: StoredDoc; created: boolean } {
    const created = !this.live.has(id);
    const doc = { source: structuredClone(source), version: (this.versions.get(id) ?? 0) + 1, seqNo: ++this.seqNo };
    this.versions.set(id, doc.version);
    this.live.set(id, doc);
    return { doc, created };
  }

  remove(id: string): StoredDoc | undefined {
    const current = this.live.get(id);
    if (!current) return undefined;
    this.live.delete(id);
    const tombstone = { source: {}, version: current.version + 1, seqNo: ++this.seqNo };
    this.versions.set(id, tombstone.version);
    return tombstone;
  }

  /** A document-missing error of the update API. */
  missing(id: string): EsError {
    return new EsError(404, 'document_missing_exception', `[${id}]: document missing`, {
      index_uuid: this.uuid,
      shard: '0',
      index: this.name,
    });
  }
}

export interface Hit {
  id: string;
  doc: StoredDoc;
  score: number;
  sort?: unknown[];
}

/** Reads a dotted field path (`customer.name`) out of a document. */
export function field(source: unknown, path: string): unknown {
  if (typeof source !== 'object' || source === null) return undefined;
  const record = source as Source;
  if (path in record) return record[path];
  let value: unknown = record;
  for (const part of path.split('.'))
    value = typeof value === 'object' && value !== null ? (value as Source)[part] : undefined;
  return value;
}

const tokens = (value: unknown) =>
  String(value ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const values = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function comparable(value: unknown): number | string {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = String(value);
  // Dates compare as instants, as Elasticsearch's date fields do.
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const time = Date.parse(text);
    if (!Number.isNaN(time)) return time;
  }
  return text;
}

function compare(a: unknown, b: unknown): number {
  const x = comparable(a);
  const y = comparable(b);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

/**
 * Scores a document for a query: null when it does not match, else its score (0 in filter
 * context, as Elasticsearch gives filter-only matches). Only the query types the tests use.
 */
export function score(query: unknown, id: string, source: Source): number | null {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) {
    throw new EsError(400, 'parsing_exception', 'query malformed, must start with start_object');
  }
  const entries = Object.entries(query);
  const [first] = entries;
  if (entries.length !== 1 || !first) {
    throw new EsError(400, 'parsing_exception', '[_na] query malformed, no start_object after query name');
  }
  const [type, raw] = first;
  const spec = (raw ?? {}) as Source;
  const only = (): [string, unknown] => Object.entries(spec)[0] ?? ['', undefined];
  const hit = (ok: boolean) => (ok ? 1 : null);
  switch (type) {
    case 'match_all':
      return 1;
    case 'match': {
      const [name, value] = only();
      const wanted = tokens(typeof value === 'object' && value !== null ? (value as Source).query : value);
      const present = new Set(values(field(source, name)).flatMap(tokens));
      const found = wanted.filter((token) => present.has(token)).length;
      return found > 0 ? found : null;
    }
    case 'term': {
      const [name, value] = only();
      const wanted = typeof value === 'object' && value !== null ? (value as Source).value : value;
      return hit(values(field(source, name)).some((v) => v === wanted));
    }
    case 'terms': {
      const [name, list] = only();
      const wanted = values(list);
      return hit(values(field(source, name)).some((v) => wanted.includes(v)));
    }
    case 'range': {
      const [name, raw] = only();
      const bounds = (raw ?? {}) as Source;
      const value = field(source, name);
      if (value === undefined || value === null) return null;
      return hit(
        (bounds.gt === undefined || compare(value, bounds.gt) > 0) &&
          (bounds.gte === undefined || compare(value, bounds.gte) >= 0) &&
          (bounds.lt === undefined || compare(value, bounds.lt) < 0) &&
          (bounds.lte === undefined || compare(value, bounds.lte) <= 0),
      );
    }
    case 'exists': {
      const value = field(source, String(spec.field));
      return hit(value !== undefined && value !== null);
    }
    case 'ids':
      return hit(values(spec.values).includes(id));
    case 'bool': {
      const list = (key: string) => values(spec[key]);
      let total = 0;
      for (const clause of list('must')) {
        const s = score(clause, id, source);
        if (s === null) return null;
        total += s;
      }
      for (const clause of list('filter')) if (score(clause, id, source) === null) return null;
      for (const clause of list('must_not')) if (score(clause, id, source) !== null) return null;
      const should = list('should').map((clause) => score(clause, id, source));
      const matched = should.filter((s) => s !== null);
      const defaultMinimum = list('must').length + list('filter').length === 0 && should.length > 0 ? 1 : 0;
      if (matched.length < Number(spec.minimum_should_match ?? defaultMinimum)) return null;
      total += matched.reduce<number>((sum, s) => sum + (s ?? 0), 0);
      // Only filter, must_not or nothing: a match without relevance, scored as match_all scores it.
      return list('must').length + should.length === 0 && list('filter').length === 0 ? 1 : total;
    }
    default:
      throw new EsError(400, 'parsing_exception', `unknown query [${type}]`, { line: 1, col: 11 });
  }
}

type SortKey = { field: string; order: 'asc' | 'desc' };

export function sortKeys(sort: unknown): SortKey[] {
  return values(sort).map((entry) => {
    if (typeof entry === 'string') return { field: entry, order: entry === '_score' ? 'desc' : 'asc' };
    const [name = '', spec] = Object.entries(entry as Source)[0] ?? [];
    const order = typeof spec === 'string' ? spec : String((spec as Source).order ?? 'asc');
    return { field: name, order: order === 'desc' ? 'desc' : 'asc' };
  });
}

/** Sort values of a hit, as Elasticsearch returns them (dates as epoch milliseconds). */
export function sortValues(hit: Hit, keys: SortKey[]): unknown[] {
  return keys.map((key) => {
    if (key.field === '_score') return hit.score;
    if (key.field === '_doc') return hit.doc.seqNo;
    const value = field(hit.doc.source, key.field);
    const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
    return Number.isNaN(time) ? (value ?? null) : time;
  });
}

export function compareSortValues(a: unknown[], b: unknown[], keys: SortKey[]): number {
  for (const [i, key] of keys.entries()) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return key.order === 'desc' ? -c : c;
  }
  return 0;
}

/** `_source` filtering: true, false, a list of includes, or { includes, excludes }; `*` wildcards. */
export function filterSource(source: Source, filter: unknown): Source | undefined {
  if (filter === undefined || filter === true) return source;
  if (filter === false) return undefined;
  const spec = Array.isArray(filter) || typeof filter === 'string' ? { includes: values(filter) } : (filter as Source);
  const matches = (patterns: unknown[], key: string) =>
    patterns.some((p) =>
      new RegExp(
        `^${String(p)
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')}$`,
      ).test(key),
    );
  const includes = values(spec.includes);
  const excludes = values(spec.excludes);
  return Object.fromEntries(
    Object.entries(source).filter(
      ([key]) => (includes.length === 0 || matches(includes, key)) && !matches(excludes, key),
    ),
  );
}

/** The `terms` aggregation: buckets by value, most documents first. */
export function aggregate(aggs: unknown, hits: Hit[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries((aggs ?? {}) as Source)) {
    const terms = (spec as Source).terms as Source | undefined;
    if (!terms)
      throw new EsError(400, 'parsing_exception', `Unknown aggregation type [${Object.keys(spec as Source)[0]}]`);
    const counts = new Map<unknown, number>();
    for (const hit of hits)
      for (const v of values(field(hit.doc.source, String(terms.field)))) counts.set(v, (counts.get(v) ?? 0) + 1);
    const buckets = [...counts]
      .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
      .slice(0, Number(terms.size ?? 10))
      .map(([key, doc_count]) => ({ key, doc_count }));
    out[name] = {
      doc_count_error_upper_bound: 0,
      sum_other_doc_count: Math.max(0, counts.size - buckets.length),
      buckets,
    };
  }
  return out;
}
