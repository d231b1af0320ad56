/**
 * A loopback HubSpot account for the conformance tests: the CRM v3 objects, search and v4 associations
 * endpoints and the OAuth token endpoint, answering the request and response shapes HubSpot documents:
 *
 * - https://developers.hubspot.com/docs/api/crm/contacts (and /companies, /deals): POST /crm/v3/objects/{type},
 *   GET and PATCH /crm/v3/objects/{type}/{id} (`properties`, `idProperty` query), 201 on create.
 * - https://developers.hubspot.com/docs/api/crm/search: POST /crm/v3/objects/{type}/search with filterGroups
 *   (≤5 groups, ≤6 filters each, 18 in all), sorts, query, properties, limit ≤ 200, `after`; answers
 *   `{ total, results, paging: { next: { after } } }`.
 * - https://developers.hubspot.com/docs/api/crm/associations (v4): PUT
 *   /crm/v4/objects/{from}/{id}/associations/default/{to}/{toId} and PUT …/associations/{to}/{toId} with
 *   `[{ associationCategory, associationTypeId }]`.
 * - https://developers.hubspot.com/docs/api/oauth/tokens: POST /oauth/v1/token, form-encoded refresh_token grant.
 * - https://developers.hubspot.com/docs/api/error-handling: `{ status: 'error', message, correlationId, category }`,
 *   401 for a bad token, 429 with `policyName` for rate limits.
 */
import { type ReferenceReply, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';

export const PRIVATE_APP_TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';
export const OAUTH = { clientId: 'client-1', clientSecret: 'secret-1', refreshToken: 'refresh-1' };

interface StoredRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
}

const OBJECT_TYPES = ['contacts', 'companies', 'deals'] as const;
type ObjectType = (typeof OBJECT_TYPES)[number];
const MODIFIED: Record<ObjectType, string> = {
  contacts: 'lastmodifieddate',
  companies: 'hs_lastmodifieddate',
  deals: 'hs_lastmodifieddate',
};
const DEFAULT_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email'],
  companies: ['name', 'domain'],
  deals: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate'],
};
/** HubSpot's default association type IDs (the v4 associations guide's table). */
const DEFAULT_TYPES: Record<string, [number, number]> = {
  'contacts/companies': [279, 280],
  'companies/contacts': [280, 279],
  'deals/contacts': [3, 4],
  'contacts/deals': [4, 3],
  'deals/companies': [341, 342],
  'companies/deals': [342, 341],
};
const OPERATORS = new Set([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);

export interface HubSpotReference {
  server: ReferenceServer;
  url: string;
  records: Record<ObjectType, Map<string, StoredRecord>>;
  associations: { from: string; to: string; category: string; typeId: number }[];
  /** Access tokens the account accepts; OAuth refreshes add one. */
  tokens: Set<string>;
  /** Creates a record directly, `minutes` after the epoch of the account's clock. */
  seed(type: ObjectType, properties: Record<string, string>): StoredRecord;
  /** Changes a record directly, as a user in HubSpot's UI would. */
  touch(type: ObjectType, id: string, properties: Record<string, string>): void;
  close(): Promise<void>;
}

const error = (status: number, category: string, message: string): ReferenceReply => ({
  status,
  body: { status: 'error', message, correlationId: 'b5b1c5f3-0d3a-4c39-9d8e-4a5b6f0e7c21', category },
});

function isObjectType(type: string | undefined): type is ObjectType {
  return OBJECT_TYPES.some((t) => t === type);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

export async function startHubSpot(): Promise<HubSpotReference> {
  const tokens = new Set([PRIVATE_APP_TOKEN]);
  const records = { contacts: new Map(), companies: new Map(), deals: new Map() } as HubSpotReference['records'];
  const associations: HubSpotReference['associations'] = [];
  let nextId = 100;
  // A clock that moves one second per write, so modification order is strict.
  let clock = Date.parse('2026-01-05T09:00:00.000Z');
  const tick = () => {
    clock += 1000;
    return new Date(clock).toISOString();
  };

  const server = await startReferenceServer({
    check(request) {
      if (request.path === '/oauth/v1/token') return undefined;
      const header = request.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
      if (token && tokens.has(token)) return undefined;
      return error(
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
      );
    },
  });

  function create(type: ObjectType, properties: Record<string, string>): StoredRecord {
    const id = String(nextId++);
    const now = tick();
    const record: StoredRecord = {
      id,
      properties: { ...properties, createdate: now, [MODIFIED[type]]: now, hs_object_id: id },
      createdAt: now,
      updatedAt: now,
    };
    records[type].set(id, record);
    return record;
  }

  function update(type: ObjectType, record: StoredRecord, properties: Record<string, string>) {
    const now = tick();
    Object.assign(record.properties, properties, { [MODIFIED[type]]: now });
    record.updatedAt = now;
  }

  function view(type: ObjectType, record: StoredRecord, wanted: string[] | undefined) {
    const names = new Set([
      ...(wanted && wanted.length > 0 ? wanted : DEFAULT_PROPERTIES[type]),
      'createdate',
      MODIFIED[type],
      'hs_object_id',
    ]);
    return {
      id: record.id,
      properties: Object.fromEntries([...names].map((name) => [name, record.properties[name] ?? null])),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      archived: false,
    };
  }

  function find(type: ObjectType, id: string, idProperty: string | null): StoredRecord | undefined {
    if (!idProperty) return records[type].get(id);
    return [...records[type].values()].find((r) => r.properties[idProperty] === id);
  }

  const propertiesQuery = (query: URLSearchParams) =>
    query
      .getAll('properties')
      .flatMap((p) => p.split(','))
      .filter(Boolean);

  server.route('POST', '/crm/v3/objects/:type', ({ params, body }) => {
    if (!isObjectType(params.type))
      return error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.type}`);
    const properties = (body as { properties?: unknown } | undefined)?.properties;
    if (!isStringRecord(properties)) {
      return error(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1: "properties" must be an object of strings');
    }
    if (params.type === 'contacts' && properties.email) {
      const taken = find('contacts', properties.email, 'email');
      if (taken) return error(409, 'CONFLICT', `Contact already exists. Existing ID: ${taken.id}`);
    }
    return { status: 201, body: view(params.type, create(params.type, properties), Object.keys(properties)) };
  });

  server.route('GET', '/crm/v3/objects/:type/:id', ({ params, query }) => {
    if (!isObjectType(params.type))
      return error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.type}`);
    const record = find(params.type, params.id ?? '', query.get('idProperty'));
    if (!record) return error(404, 'OBJECT_NOT_FOUND', 'Object not found.');
    return { body: view(params.type, record, propertiesQuery(query)) };
  });

  // The connection test's cheapest read: GET /crm/v3/objects/contacts?limit=1.
  server.route('GET', '/crm/v3/objects/:type', ({ params, query }) => {
    if (!isObjectType(params.type))
      return error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.type}`);
    const limit = Number(query.get('limit') ?? '10');
    const results = [...records[params.type].values()].slice(0, limit);
    return { body: { results: results.map((r) => view(params.type as ObjectType, r, propertiesQuery(query))) } };
  });

  server.route('PATCH', '/crm/v3/objects/:type/:id', ({ params, query, body }) => {
    if (!isObjectType(params.type))
      return error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.type}`);
    const properties = (body as { properties?: unknown } | undefined)?.properties;
    if (!isStringRecord(properties)) {
      return error(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1: "properties" must be an object of strings');
    }
    const record = find(params.type, params.id ?? '', query.get('idProperty'));
    if (!record) return error(404, 'OBJECT_NOT_FOUND', 'Object not found.');
    update(params.type, record, properties);
    return { body: view(params.type, record, Object.keys(properties)) };
  });

  server.route('POST', '/crm/v3/objects/:type/search', ({ params, body }) => {
    if (!isObjectType(params.type))
      return error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.type}`);
    const type = params.type;
    const search = (body ?? {}) as {
      filterGroups?: {
        filters: { propertyName: string; operator: string; value?: string; values?: string[]; highValue?: string }[];
      }[];
      sorts?: { propertyName: string; direction: string }[];
      query?: string;
      properties?: string[];
      limit?: number;
      after?: string;
    };
    const groups = search.filterGroups ?? [];
    const filters = groups.flatMap((g) => g.filters ?? []);
    if (groups.length > 5 || groups.some((g) => (g.filters ?? []).length > 6) || filters.length > 18) {
      return error(400, 'VALIDATION_ERROR', 'Too many filters or filter groups.');
    }
    const bad = filters.find((f) => !OPERATORS.has(f.operator) || typeof f.propertyName !== 'string');
    if (bad) return error(400, 'VALIDATION_ERROR', `Invalid filter: operator ${String(bad.operator)}`);
    const limit = search.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      return error(400, 'VALIDATION_ERROR', 'limit must be between 1 and 200');
    }
    const sorts = search.sorts ?? [];
    if (sorts.some((s) => typeof s !== 'object' || !['ASCENDING', 'DESCENDING'].includes(s.direction))) {
      return error(400, 'VALIDATION_ERROR', 'Invalid sort.');
    }
    let matches = [...records[type].values()].filter(
      (r) => groups.length === 0 || groups.some((g) => g.filters.every((f) => test(r.properties[f.propertyName], f))),
    );
    if (search.query) {
      const words = search.query.toLowerCase();
      matches = matches.filter((r) => Object.values(r.properties).some((v) => v?.toLowerCase().includes(words)));
    }
    const sort = sorts[0];
    matches.sort((a, b) =>
      sort
        ? compare(a.properties[sort.propertyName], b.properties[sort.propertyName]) *
          (sort.direction === 'DESCENDING' ? -1 : 1)
        : Number(a.id) - Number(b.id),
    );
    const start = Number(search.after ?? '0');
    const page = matches.slice(start, start + limit);
    const end = start + page.length;
    return {
      body: {
        total: matches.length,
        results: page.map((r) => view(type, r, search.properties)),
        ...(end < matches.length ? { paging: { next: { after: String(end), link: '' } } } : {}),
      },
    };
  });

  server.route('PUT', '/crm/v4/objects/:from/:fromId/associations/default/:to/:toId', ({ params }) => {
    const pair = DEFAULT_TYPES[`${params.from}/${params.to}`];
    if (!pair || !isObjectType(params.from) || !isObjectType(params.to)) {
      return error(400, 'VALIDATION_ERROR', `No default association from ${params.from} to ${params.to}`);
    }
    const fromId = params.fromId ?? '';
    const toId = params.toId ?? '';
    if (!records[params.from].has(fromId) || !records[params.to].has(toId)) {
      return error(404, 'OBJECT_NOT_FOUND', 'One or both objects were not found.');
    }
    associations.push({ from: fromId, to: toId, category: 'HUBSPOT_DEFINED', typeId: pair[0] });
    return {
      body: {
        status: 'COMPLETE',
        results: [
          {
            from: { id: fromId },
            to: { id: toId },
            associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: pair[0] },
          },
          {
            from: { id: toId },
            to: { id: fromId },
            associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: pair[1] },
          },
        ],
        startedAt: new Date(clock).toISOString(),
        completedAt: new Date(clock).toISOString(),
      },
    };
  });

  server.route('PUT', '/crm/v4/objects/:from/:fromId/associations/:to/:toId', ({ params, body }) => {
    if (!isObjectType(params.from) || !isObjectType(params.to)) {
      return error(400, 'VALIDATION_ERROR', `Unknown object type ${params.from} or ${params.to}`);
    }
    const specs = body as { associationCategory?: string; associationTypeId?: number }[];
    if (
      !Array.isArray(specs) ||
      specs.length === 0 ||
      specs.some(
        (s) =>
          !['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'].includes(s.associationCategory ?? '') ||
          !Number.isInteger(s.associationTypeId),
      )
    ) {
      return error(400, 'VALIDATION_ERROR', 'Body must be an array of { associationCategory, associationTypeId }.');
    }
    const fromId = params.fromId ?? '';
    const toId = params.toId ?? '';
    if (!records[params.from].has(fromId) || !records[params.to].has(toId)) {
      return error(404, 'OBJECT_NOT_FOUND', 'One or both objects were not found.');
    }
    for (const s of specs)
      associations.push({
        from: fromId,
        to: toId,
        category: s.associationCategory ?? '',
        typeId: s.associationTypeId ?? 0,
      });
    return {
      status: 201,
      body: {
        fromObjectTypeId: params.from === 'contacts' ? '0-1' : params.from === 'companies' ? '0-2' : '0-3',
        fromObjectId: Number(fromId),
        toObjectTypeId: params.to === 'contacts' ? '0-1' : params.to === 'companies' ? '0-2' : '0-3',
        toObjectId: Number(toId),
        labels: specs.map((s) => (s.associationTypeId === 1 ? 'Primary' : `Label ${s.associationTypeId}`)),
      },
    };
  });

  let refreshes = 0;
  server.route('POST', '/oauth/v1/token', ({ body, headers }) => {
    const form = body as Record<string, string> | undefined;
    if (
      !headers['content-type']?.includes('application/x-www-form-urlencoded') ||
      form?.grant_type !== 'refresh_token'
    ) {
      return { status: 400, body: { status: 'BAD_GRANT_TYPE', message: 'grant_type must be refresh_token' } };
    }
    if (form.client_id !== OAUTH.clientId || form.client_secret !== OAUTH.clientSecret) {
      return { status: 400, body: { status: 'BAD_CLIENT_ID', message: 'missing or unknown client id' } };
    }
    if (form.refresh_token !== OAUTH.refreshToken) {
      return { status: 400, body: { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' } };
    }
    const accessToken = `oauth-access-${++refreshes}`;
    tokens.add(accessToken);
    return {
      body: { token_type: 'bearer', refresh_token: OAUTH.refreshToken, access_token: accessToken, expires_in: 1800 },
    };
  });

  return {
    server,
    url: server.url,
    records,
    associations,
    tokens,
    seed: create,
    touch(type, id, properties) {
      const record = records[type].get(id);
      if (!record) throw new Error(`no ${type} ${id}`);
      update(type, record, properties);
    },
    close: () => server.close(),
  };
}

function compare(a: string | null | undefined, b: string | null | undefined): number {
  const na = Number(a);
  const nb = Number(b);
  if (a && b && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  const da = Date.parse(a ?? '');
  const db = Date.parse(b ?? '');
  if (!Number.isNaN(da) && !Number.isNaN(db)) return da - db;
  return (a ?? '').localeCompare(b ?? '');
}

function test(
  actual: string | null | undefined,
  f: { operator: string; value?: string; values?: string[]; highValue?: string },
): boolean {
  const value = f.value ?? '';
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return actual != null && actual !== '';
    case 'NOT_HAS_PROPERTY':
      return actual == null || actual === '';
    case 'EQ':
      return (actual ?? '').toLowerCase() === value.toLowerCase();
    case 'NEQ':
      return (actual ?? '').toLowerCase() !== value.toLowerCase();
    case 'IN':
      return (f.values ?? []).some((v) => v.toLowerCase() === (actual ?? '').toLowerCase());
    case 'NOT_IN':
      return !(f.values ?? []).some((v) => v.toLowerCase() === (actual ?? '').toLowerCase());
    case 'CONTAINS_TOKEN': {
      // A leading or trailing * is a wildcard (the search guide's `*@hubspot.com`).
      const pattern = new RegExp(`^${value.split('*').map(escapeRegExp).join('.*')}$`, 'i');
      return (actual ?? '').split(/\s+/).some((token) => pattern.test(token));
    }
    case 'NOT_CONTAINS_TOKEN':
      return !test(actual, { ...f, operator: 'CONTAINS_TOKEN' });
    case 'BETWEEN':
      return actual != null && compare(actual, value) >= 0 && compare(actual, f.highValue ?? '') <= 0;
    default: {
      if (actual == null) return false;
      const c = compare(actual, /^\d{10,}$/.test(value) ? new Date(Number(value)).toISOString() : value);
      return f.operator === 'LT' ? c < 0 : f.operator === 'LTE' ? c <= 0 : f.operator === 'GT' ? c > 0 : c >= 0;
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
