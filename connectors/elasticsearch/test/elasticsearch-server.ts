// A loopback Elasticsearch for the conformance tests: no Elasticsearch runs on these machines and
// nock cannot reach into the sandbox's worker, so this node:http server answers the REST endpoints
// the official client (@elastic/elasticsearch 9) calls, with the request and response shapes of
// Elastic's REST API reference (https://www.elastic.co/docs/api/doc/elasticsearch/):
//   operation-info (GET /), operation-index (PUT /{index}/_doc/{id}, POST /{index}/_doc, op_type),
//   operation-get (GET /{index}/_doc/{id}), operation-update (POST /{index}/_update/{id}),
//   operation-delete (DELETE /{index}/_doc/{id}), operation-search (POST /{index}/_search),
//   operation-count (POST /{index}/_count), operation-bulk (POST /_bulk, NDJSON),
//   operation-indices-create (PUT /{index}), operation-indices-refresh (POST /{index}/_refresh),
// and the rules the client relies on: the `X-Elastic-Product: Elasticsearch` header on every
// answer (the client refuses a 2xx without it: "product check", see the client's "Connecting"
// page), `Accept`/`Content-Type` of `application/vnd.elasticsearch+json; compatible-with=9`
// (`+x-ndjson` for bulk; REST API compatibility page), `Authorization: ApiKey <base64 id:key>` or
// `Basic` (security_exception 401 otherwise), near-real-time search (a write is seen by GET at once
// and by search after a refresh: `refresh=true|wait_for`, or the 1 s refresh interval), and error
// bodies `{ error: { root_cause, type, reason }, status }`. It never contacts another host.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  aggregate,
  compareSortValues,
  EsError,
  EsIndex,
  filterSource,
  type Hit,
  type Source,
  score,
  sortKeys,
  sortValues,
} from './elasticsearch-index.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface EsReference {
  url: string;
  apiKey: { id: string; key: string; encoded: string };
  user: { username: string; password: string };
  indices: Map<string, EsIndex>;
  requests: RecordedRequest[];
  /** Answers the next request with this failure instead (a 429, a 503, a foreign product). */
  failNext(failure: { status: number; body: unknown; headers?: Record<string, string>; product?: string | null }): void;
  close(): Promise<void>;
}

const SHARDS = { total: 2, successful: 1, failed: 0 };

/** With `tls`, it serves HTTPS with that certificate, as a self-managed cluster does by default since 8.0. */
export async function startElasticsearch(options: { tls?: { key: string; cert: string } } = {}): Promise<EsReference> {
  const apiKey = { id: 'VuaCfGcBCdbkQm-e5aOx', key: 'ui2lp2axTNmsyakw9tvNnw', encoded: '' };
  apiKey.encoded = Buffer.from(`${apiKey.id}:${apiKey.key}`).toString('base64');
  const user = { username: 'elastic', password: 'changeme' };
  const indices = new Map<string, EsIndex>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let injected: Parameters<EsReference['failNext']>[0] | undefined;
  let autoId = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
      try {
        if (injected) {
          const failure = injected;
          injected = undefined;
          return send(res, failure.status, failure.body, failure.headers, failure.product);
        }
        authenticate(req);
        checkMediaTypes(req, url.pathname, body);
        const [status, answer] = route(req.method ?? 'GET', url, body);
        send(res, status, answer);
      } catch (error) {
        if (error instanceof EsError) {
          // Security errors come from before the product is known: no X-Elastic-Product on them.
          const headers: Record<string, string> =
            error.status === 401 ? { 'WWW-Authenticate': 'ApiKey, Basic realm="security", charset="UTF-8"' } : {};
          return send(res, error.status, error.body(), headers, error.status === 401 ? null : undefined);
        }
        send(res, 500, { error: { type: 'exception', reason: String(error) }, status: 500 });
      }
    });
  };
  const server = options.tls ? createTlsServer(options.tls, handle) : createServer(handle);

  function send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    product: string | null = 'Elasticsearch',
  ) {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/vnd.elasticsearch+json;compatible-with=9',
      ...(product === null ? {} : { 'x-elastic-product': product ?? 'Elasticsearch' }),
      ...headers,
    });
    res.end(text);
  }

  function authenticate(req: IncomingMessage) {
    const header = req.headers.authorization ?? '';
    const [scheme = '', value = ''] = header.split(' ');
    const ok =
      (scheme === 'ApiKey' && value === apiKey.encoded) ||
      (scheme === 'Basic' && value === Buffer.from(`${user.username}:${user.password}`).toString('base64'));
    if (ok) return;
    const reason = header
      ? scheme === 'ApiKey'
        ? 'unable to authenticate with provided credentials and anonymous access is not allowed for this request'
        : `unable to authenticate user [${Buffer.from(value, 'base64').toString().split(':')[0]}] for REST request [${req.url}]`
      : `missing authentication credentials for REST request [${req.url}]`;
    throw new EsError(401, 'security_exception', reason, {
      header: { 'WWW-Authenticate': ['Basic realm="security", charset="UTF-8"', 'ApiKey'] },
    });
  }

  function checkMediaTypes(req: IncomingMessage, path: string, body: string) {
    const accept = req.headers.accept ?? '';
    const version = /compatible-with=(\d+)/.exec(accept)?.[1];
    if (version !== undefined && version !== '9' && version !== '8') {
      throw new EsError(400, 'media_type_header_exception', `Invalid media-type value on headers [Accept]`);
    }
    if (!body) return;
    const type = req.headers['content-type'] ?? '';
    const ndjson = path.endsWith('/_bulk');
    const allowed = ndjson
      ? /^application\/(vnd\.elasticsearch\+x-ndjson;\s*compatible-with=(8|9)|x-ndjson)/
      : /^application\/(vnd\.elasticsearch\+json;\s*compatible-with=(8|9)|json)/;
    if (!allowed.test(type)) {
      throw new EsError(406, 'media_type_header_exception', `Content-Type header [${type}] is not supported`);
    }
  }

  function index(name: string, create = true): EsIndex {
    const found = indices.get(name);
    if (found) return found;
    if (!create)
      throw new EsError(404, 'index_not_found_exception', `no such index [${name}]`, {
        'resource.type': 'index_or_alias',
        'resource.id': name,
        index_uuid: '_na_',
        index: name,
      });
    const made = new EsIndex(name);
    indices.set(name, made);
    return made;
  }

  /** Applies `refresh`: true and wait_for make the write searchable before answering; otherwise in 1 s. */
  function afterWrite(target: EsIndex, refresh: string | null) {
    if (refresh === 'true' || refresh === '' || refresh === 'wait_for') return target.refresh();
    const timer = setTimeout(() => {
      timers.delete(timer);
      target.refresh();
    }, 1000);
    timer.unref();
    timers.add(timer);
  }

  function writeResult(target: EsIndex, id: string, doc: { version: number; seqNo: number }, result: string) {
    return {
      _index: target.name,
      _id: id,
      _version: doc.version,
      result,
      _shards: SHARDS,
      _seq_no: doc.seqNo,
      _primary_term: 1,
    };
  }

  function json(body: string): Source {
    if (!body) return {};
    try {
      return JSON.parse(body);
    } catch {
      throw new EsError(400, 'x_content_parse_exception', '[1:2] Unexpected character: was expecting double-quote');
    }
  }

  const seqParams = (q: URLSearchParams) => ({
    ifSeqNo: q.has('if_seq_no') ? Number(q.get('if_seq_no')) : undefined,
    ifPrimaryTerm: q.has('if_primary_term') ? Number(q.get('if_primary_term')) : undefined,
  });

  function indexDoc(target: EsIndex, id: string, source: Source, q: URLSearchParams): [number, unknown] {
    const opType = q.get('op_type') ?? 'index';
    if (opType === 'create' && target.live.has(id)) {
      const current = target.live.get(id);
      throw new EsError(
        409,
        'version_conflict_engine_exception',
        `[${id}]: version conflict, document already exists (current version [${current?.version}])`,
        {
          index_uuid: target.uuid,
          shard: '0',
          index: target.name,
        },
      );
    }
    const { ifSeqNo, ifPrimaryTerm } = seqParams(q);
    target.checkSeqNo(id, ifSeqNo, ifPrimaryTerm);
    const { doc, created } = target.put(id, source);
    afterWrite(target, q.get('refresh'));
    return [created ? 201 : 200, writeResult(target, id, doc, created ? 'created' : 'updated')];
  }

  function update(target: EsIndex, id: string, spec: Source, q: URLSearchParams): [number, unknown] {
    const current = target.live.get(id);
    const { ifSeqNo, ifPrimaryTerm } = seqParams(q);
    target.checkSeqNo(id, ifSeqNo, ifPrimaryTerm);
    if (!current) {
      const upsert = spec.doc_as_upsert === true ? spec.doc : spec.upsert;
      if (upsert === undefined) throw target.missing(id);
      const { doc } = target.put(id, upsert as Source);
      afterWrite(target, q.get('refresh'));
      return [201, writeResult(target, id, doc, 'created')];
    }
    const next = structuredClone(current.source);
    if (spec.doc) Object.assign(next, spec.doc);
    if (spec.script) runScript(spec.script as Source, next);
    if (JSON.stringify(next) === JSON.stringify(current.source)) {
      return [200, { ...writeResult(target, id, current, 'noop'), _shards: { total: 0, successful: 0, failed: 0 } }];
    }
    const { doc } = target.put(id, next);
    afterWrite(target, q.get('refresh'));
    return [200, writeResult(target, id, doc, 'updated')];
  }

  /** The Painless the tests send: `ctx._source.<field> (+=|-=|=) params.<name>` statements. */
  function runScript(script: Source, source: Source) {
    const params = (script.params ?? {}) as Source;
    for (const statement of String(script.source)
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^ctx\._source\.(\w+)\s*(\+=|-=|=)\s*params\.(\w+)$/.exec(statement);
      if (!m)
        throw new EsError(400, 'illegal_argument_exception', 'failed to execute script', {
          caused_by: { type: 'script_exception', reason: `compile error in [${statement}]` },
        });
      const [, name = '', op, param = ''] = m;
      const value = params[param];
      if (op === '=') source[name] = value;
      else source[name] = Number(source[name] ?? 0) + (op === '+=' ? Number(value) : -Number(value));
    }
  }

  function search(names: string[], spec: Source): [number, unknown] {
    const targets =
      names.length === 0
        ? [...indices.values()]
        : names.flatMap((name) =>
            name.includes('*')
              ? [...indices.values()].filter((i) => new RegExp(`^${name.replace(/\*/g, '.*')}$`).test(i.name))
              : [index(name, false)],
          );
    const query = spec.query ?? { match_all: {} };
    let hits: (Hit & { index: string })[] = [];
    for (const target of targets) {
      for (const [id, doc] of target.searchable) {
        const s = score(query, id, doc.source);
        if (s !== null) hits.push({ id, doc, score: s, index: target.name });
      }
    }
    const keys = spec.sort === undefined ? [] : sortKeys(spec.sort);
    if (keys.length > 0) {
      for (const hit of hits) hit.sort = sortValues(hit, keys);
      hits.sort((a, b) => compareSortValues(a.sort ?? [], b.sort ?? [], keys));
    } else {
      hits.sort((a, b) => b.score - a.score || a.doc.seqNo - b.doc.seqNo);
    }
    const total = hits.length;
    if (Array.isArray(spec.search_after)) {
      if (keys.length === 0)
        throw new EsError(400, 'illegal_argument_exception', 'Sort must contain at least one field.');
      const after = spec.search_after;
      hits = hits.filter((hit) => compareSortValues(hit.sort ?? [], after, keys) > 0);
    }
    const from = Number(spec.from ?? 0);
    const size = Number(spec.size ?? 10);
    if (from + size > 10000) {
      throw new EsError(
        400,
        'illegal_argument_exception',
        `Result window is too large, from + size must be less than or equal to: [10000] but was [${from + size}].`,
      );
    }
    const page = hits.slice(from, from + size);
    const scored = keys.length === 0 || keys.some((k) => k.field === '_score');
    const track = spec.track_total_hits ?? 10000;
    const limit = track === true ? Number.POSITIVE_INFINITY : track === false ? -1 : Number(track);
    const answer: Source = {
      took: 1,
      timed_out: false,
      _shards: { total: targets.length, successful: targets.length, skipped: 0, failed: 0 },
      hits: {
        ...(limit < 0
          ? {}
          : { total: total > limit ? { value: limit, relation: 'gte' } : { value: total, relation: 'eq' } }),
        max_score: scored && page.length > 0 ? Math.max(...hits.map((h) => h.score)) : null,
        hits: page.map((hit) => ({
          _index: hit.index,
          _id: hit.id,
          _score: scored ? hit.score : null,
          ...(filterSource(hit.doc.source, spec._source) === undefined
            ? {}
            : { _source: filterSource(hit.doc.source, spec._source) }),
          ...(hit.sort ? { sort: hit.sort } : {}),
        })),
      },
    };
    const aggs = spec.aggregations ?? spec.aggs;
    if (aggs) answer.aggregations = aggregate(aggs, hits);
    return [200, answer];
  }

  function bulk(defaultIndex: string | undefined, body: string, q: URLSearchParams): [number, unknown] {
    const lines = body.split('\n').filter((line) => line.trim() !== '');
    const items: Source[] = [];
    const touched = new Set<EsIndex>();
    for (let i = 0; i < lines.length; i++) {
      const meta = json(lines[i] ?? '');
      const [action = '', raw] = Object.entries(meta)[0] ?? [];
      const target = (raw ?? {}) as Source;
      const name = String(target._index ?? defaultIndex ?? '');
      const source = action === 'delete' ? undefined : json(lines[++i] ?? '');
      const idx = index(name);
      touched.add(idx);
      const id = target._id === undefined ? `auto-${++autoId}` : String(target._id);
      try {
        let status: number;
        let result: unknown;
        if (action === 'index' || action === 'create') {
          [status, result] = indexDoc(
            idx,
            id,
            source ?? {},
            new URLSearchParams(action === 'create' ? 'op_type=create' : ''),
          );
        } else if (action === 'update') {
          [status, result] = update(idx, id, source ?? {}, new URLSearchParams());
        } else if (action === 'delete') {
          const tombstone = idx.remove(id);
          status = tombstone ? 200 : 404;
          result = tombstone
            ? writeResult(idx, id, tombstone, 'deleted')
            : {
                _index: idx.name,
                _id: id,
                _version: 1,
                result: 'not_found',
                _shards: SHARDS,
                _seq_no: 0,
                _primary_term: 1,
              };
        } else {
          throw new EsError(
            400,
            'illegal_argument_exception',
            `Malformed action/metadata line [${i + 1}], expected one of [create, delete, index, update] but found [${action}]`,
          );
        }
        items.push({ [action]: { ...(result as Source), status } });
      } catch (error) {
        if (!(error instanceof EsError) || error.type === 'illegal_argument_exception') throw error;
        items.push({
          [action]: {
            _index: idx.name,
            _id: id,
            status: error.status,
            error: { type: error.type, reason: error.reason, ...error.extra },
          },
        });
      }
    }
    for (const target of touched) afterWrite(target, q.get('refresh'));
    return [
      200,
      { errors: items.some((item) => Object.values(item).some((v) => (v as Source).error)), took: 3, items },
    ];
  }

  function route(method: string, url: URL, body: string): [number, unknown] {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const q = url.searchParams;
    const [first, second, third] = parts;
    if (parts.length === 0 && (method === 'GET' || method === 'HEAD')) {
      return [
        200,
        {
          name: 'mova-test',
          cluster_name: 'mova',
          cluster_uuid: 'c-uuid',
          version: {
            number: '9.1.0',
            build_flavor: 'default',
            lucene_version: '10.2.2',
            minimum_wire_compatibility_version: '8.19.0',
            minimum_index_compatibility_version: '8.0.0',
          },
          tagline: 'You Know, for Search',
        },
      ];
    }
    if (first === '_bulk' && method === 'POST') return bulk(undefined, body, q);
    if (first === '_search' || first === '_count')
      return first === '_search' ? search([], json(body)) : count([], json(body));
    if (!first) throw noHandler(method, url);
    const names = first.split(',');
    if (second === undefined) {
      if (method === 'PUT') {
        if (indices.has(first))
          throw new EsError(
            400,
            'resource_already_exists_exception',
            `index [${first}/${indices.get(first)?.uuid}] already exists`,
            { index_uuid: indices.get(first)?.uuid, index: first },
          );
        const spec = json(body);
        indices.set(first, new EsIndex(first, (spec.mappings ?? {}) as Source, (spec.settings ?? {}) as Source));
        return [200, { acknowledged: true, shards_acknowledged: true, index: first }];
      }
      throw noHandler(method, url);
    }
    if (second === '_search' && (method === 'POST' || method === 'GET')) return search(names, json(body));
    if (second === '_count' && (method === 'POST' || method === 'GET')) return count(names, json(body));
    if (second === '_refresh' && method === 'POST') {
      for (const name of names) index(name, false).refresh();
      return [200, { _shards: SHARDS }];
    }
    if (second === '_bulk' && method === 'POST') return bulk(first, body, q);
    if (second === '_doc' && third === undefined && method === 'POST')
      return indexDoc(index(first), `auto-${++autoId}`, json(body), q);
    if ((second === '_doc' || second === '_create') && third !== undefined && (method === 'PUT' || method === 'POST')) {
      if (second === '_create') q.set('op_type', 'create');
      return indexDoc(index(first), third, json(body), q);
    }
    if (second === '_doc' && third !== undefined && method === 'GET') {
      const target = index(first, false);
      const doc = target.live.get(third);
      if (!doc) return [404, { _index: first, _id: third, found: false }];
      const includes = q.get('_source_includes');
      const excludes = q.get('_source_excludes');
      const filter =
        includes || excludes
          ? { includes: includes?.split(',') ?? [], excludes: excludes?.split(',') ?? [] }
          : undefined;
      return [
        200,
        {
          _index: first,
          _id: third,
          _version: doc.version,
          _seq_no: doc.seqNo,
          _primary_term: 1,
          found: true,
          _source: filterSource(doc.source, filter),
        },
      ];
    }
    if (second === '_doc' && third !== undefined && method === 'DELETE') {
      const target = index(first, false);
      const { ifSeqNo, ifPrimaryTerm } = seqParams(q);
      target.checkSeqNo(third, ifSeqNo, ifPrimaryTerm);
      const tombstone = target.remove(third);
      afterWrite(target, q.get('refresh'));
      if (!tombstone)
        return [
          404,
          {
            _index: first,
            _id: third,
            _version: 1,
            result: 'not_found',
            _shards: SHARDS,
            _seq_no: 0,
            _primary_term: 1,
          },
        ];
      return [200, writeResult(target, third, tombstone, 'deleted')];
    }
    if (second === '_update' && third !== undefined && method === 'POST')
      return update(index(first), third, json(body), q);
    throw noHandler(method, url);
  }

  function count(names: string[], spec: Source): [number, unknown] {
    const [, answer] = search(names, { query: spec.query, size: 0, track_total_hits: true });
    const total = ((answer as Source).hits as Source).total as Source;
    return [200, { count: total.value, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } }];
  }

  function noHandler(method: string, url: URL) {
    return new EsError(
      400,
      'illegal_argument_exception',
      `no handler found for uri [${url.pathname}] and method [${method}]`,
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    apiKey,
    user,
    indices,
    requests,
    failNext(failure) {
      injected = failure;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
