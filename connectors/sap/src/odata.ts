import { Type } from '@mova/sdk';

export type Entity = Record<string, unknown>;

export const entitySchema = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'The entity’s properties as the service sends them (V2 dates as ISO 8601), with @odata.etag when it has one; V2 __metadata and deferred navigation links are left out',
});

export const entitySetInput = Type.String({
  pattern: '^[A-Za-z_][A-Za-z0-9_.]*$',
  description: 'Entity set name as in the service’s $metadata, e.g. A_BusinessPartner',
});

const V2_DATE = /^\/Date\((-?[0-9]+)([+-][0-9]{4})?\)\/$/;

/** A V2 JSON value with `/Date(ms)/` stamps as ISO 8601 and __metadata / __deferred links dropped. */
function normaliseV2(value: unknown): unknown {
  if (typeof value === 'string') {
    const date = V2_DATE.exec(value);
    // The offset V2 appends is informational: the milliseconds are already UTC.
    return date ? new Date(Number(date[1])).toISOString() : value;
  }
  if (Array.isArray(value)) return value.map(normaliseV2);
  if (typeof value !== 'object' || value === null) return value;
  if ('results' in value && Array.isArray(value.results) && Object.keys(value).length <= 2) {
    // An expanded to-many navigation: { results: [...] } (plus __next when the server pages it).
    return value.results.map(normaliseV2);
  }
  const out: Entity = {};
  for (const [name, inner] of Object.entries(value)) {
    if (name === '__metadata') {
      const etag = typeof inner === 'object' && inner !== null && 'etag' in inner ? inner.etag : undefined;
      if (typeof etag === 'string') out['@odata.etag'] = etag;
      continue;
    }
    if (typeof inner === 'object' && inner !== null && '__deferred' in inner) continue;
    out[name] = normaliseV2(inner);
  }
  return out;
}

/** A V4 entity without its @odata.context (a URL of the service, not data). */
function normaliseV4(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { '@odata.context': _context, ...rest } = value as Entity;
  return rest;
}

function asEntity(value: unknown): Entity {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entity) : { value };
}

export interface Page {
  items: Entity[];
  count: number | null;
  nextLink: string | null;
}

/** One page of a collection: V2 `{ d: { results, __count, __next } }`, V4 `{ value, @odata.count, @odata.nextLink }`. */
export function pageOf(body: unknown, version: 2 | 4): Page {
  const root = (typeof body === 'object' && body !== null ? body : {}) as Entity;
  if (version === 2) {
    const d = (root.d ?? {}) as Entity;
    const results = Array.isArray(d.results) ? d.results : Array.isArray(root.d) ? root.d : [];
    const count = d.__count === undefined ? null : Number(d.__count);
    return {
      items: results.map((item) => asEntity(normaliseV2(item))),
      count: count === null || Number.isNaN(count) ? null : count,
      nextLink: typeof d.__next === 'string' ? d.__next : null,
    };
  }
  const value = Array.isArray(root.value) ? root.value : [];
  const count = typeof root['@odata.count'] === 'number' ? root['@odata.count'] : null;
  return {
    items: value.map((item) => asEntity(normaliseV4(item))),
    count,
    nextLink: typeof root['@odata.nextLink'] === 'string' ? root['@odata.nextLink'] : null,
  };
}

/** One entity: V2 `{ d: {…} }`, V4 the entity itself. */
export function entityOf(body: unknown, version: 2 | 4): Entity {
  if (version === 2) {
    const d = typeof body === 'object' && body !== null && 'd' in body ? body.d : body;
    return asEntity(normaliseV2(d));
  }
  return asEntity(normaliseV4(body));
}

/**
 * What a function or action returned, as V4 shapes it: a collection or a primitive as
 * `{ value }`, an entity or complex value as itself; V2 `{ d: { results } }` and
 * `{ d: { <FunctionName>: x } }` become the same.
 */
export function resultOf(body: unknown, version: 2 | 4, name: string): unknown {
  if (body === undefined || body === null || body === '') return null;
  if (version === 4) {
    const root = normaliseV4(body);
    if (typeof root === 'object' && root !== null && 'value' in root && Object.keys(root).length === 1) {
      return (root as Entity).value;
    }
    return root;
  }
  const d = typeof body === 'object' && 'd' in body ? body.d : body;
  if (typeof d === 'object' && d !== null && !Array.isArray(d)) {
    if ('results' in d && Array.isArray(d.results)) return d.results.map(normaliseV2);
    const keys = Object.keys(d);
    // A primitive or complex result comes wrapped in the function import's name.
    if (keys.length === 1 && keys[0] === name) return normaliseV2((d as Entity)[name]);
  }
  return normaliseV2(d);
}

/** The entity's ETag: the response's ETag header, else the one the body carries. */
export function etagOf(headers: Record<string, string>, entity: Entity): string | null {
  const header = headers.etag;
  if (header) return header;
  const inBody = entity['@odata.etag'];
  return typeof inBody === 'string' ? inBody : null;
}
