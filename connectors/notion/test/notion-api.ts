// A loopback Notion API (version 2025-09-03) for the conformance tests: no Notion server runs off
// notion.com, Notion publishes no machine-readable API description in a package, and nock cannot reach
// the sandbox's worker. Request and answer shapes follow Notion's API reference:
// - authentication and versioning: https://developers.notion.com/reference/authentication,
//   https://developers.notion.com/reference/versioning (Notion-Version required: 400 missing_version)
// - errors and rate limits: https://developers.notion.com/reference/status-codes,
//   https://developers.notion.com/reference/request-limits (429 rate_limited with Retry-After)
// - GET /v1/users/me: https://developers.notion.com/reference/get-self
// - GET /v1/databases/{id}: https://developers.notion.com/reference/database-retrieve (data_sources list)
// - POST /v1/data_sources/{id}/query: https://developers.notion.com/reference/query-a-data-source,
//   filters https://developers.notion.com/reference/filter-data-source-entries, sorts
//   https://developers.notion.com/reference/sort-data-source-entries, paging
//   https://developers.notion.com/reference/intro#pagination
// - POST /v1/pages, GET and PATCH /v1/pages/{id}: https://developers.notion.com/reference/post-page,
//   https://developers.notion.com/reference/retrieve-a-page, https://developers.notion.com/reference/patch-page,
//   objects https://developers.notion.com/reference/page and https://developers.notion.com/reference/page-property-values
// - PATCH /v1/blocks/{id}/children: https://developers.notion.com/reference/patch-block-children
// - POST /v1/search: https://developers.notion.com/reference/post-search
// - rich text objects: https://developers.notion.com/reference/rich-text
// Links Notion would give to notion.so (page and database URLs) point at this server instead.
import { randomUUID } from 'node:crypto';
import { type ReferenceReply, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';

export const NOTION_VERSION = '2025-09-03';
export const TOKEN = 'ntn_conformance_secret_0123456789';
export const BOT_ID = '9a4d1c1e-0e1f-4c38-8ad5-6f0b2a1c3d4e';

type Json = Record<string, unknown>;

export interface DataSource {
  id: string;
  databaseId: string;
  name: string;
  /** Property name → type (title, rich_text, number, checkbox, select, status, multi_select, date, url). */
  schema: Record<string, string>;
}

export interface StoredPage {
  id: string;
  parent: Json;
  properties: Record<string, Json>;
  icon: Json | null;
  createdTime: string;
  lastEditedTime: string;
  inTrash: boolean;
  /** Order of creation, to sort pages created in the same minute. */
  seq: number;
}

export interface NotionReference extends ReferenceServer {
  databases: Map<string, { id: string; title: string; dataSources: string[] }>;
  dataSources: Map<string, DataSource>;
  pages: Map<string, StoredPage>;
  blocks: Map<string, Json[]>;
  addDatabase(
    title: string,
    schema: Record<string, string>,
    extraSources?: number,
  ): { databaseId: string; dataSourceId: string };
  addPage(
    parent: { dataSourceId?: string; pageId?: string },
    properties: Record<string, unknown>,
    createdTime?: string,
  ): StoredPage;
}

const error = (status: number, code: string, message: string): ReferenceReply => ({
  status,
  body: { object: 'error', status, code, message, request_id: randomUUID() },
});
const invalid = (message: string) => error(400, 'validation_error', message);
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class Invalid extends Error {}
const must = (condition: unknown, message: string): void => {
  if (!condition) throw new Invalid(message);
};

export async function startNotion(): Promise<NotionReference> {
  let seq = 0;
  const databases: NotionReference['databases'] = new Map();
  const dataSources = new Map<string, DataSource>();
  const pages = new Map<string, StoredPage>();
  const blocks = new Map<string, Json[]>();

  const server = await startReferenceServer({
    check(request) {
      if (request.headers.authorization !== `Bearer ${TOKEN}`)
        return error(401, 'unauthorized', 'API token is invalid.');
      const version = request.headers['notion-version'];
      if (version === undefined)
        return error(
          400,
          'missing_version',
          'Notion-Version header failed validation: Notion-Version should be defined, instead was `undefined`.',
        );
      if (version !== NOTION_VERSION)
        return invalid(`this reference serves Notion-Version ${NOTION_VERSION}, not ${String(version)}`);
      if (request.method === 'POST' || request.method === 'PATCH') {
        if (!request.headers['content-type']?.startsWith('application/json'))
          return error(400, 'invalid_json', 'Body must be JSON.');
        if (request.rawBody.length > 0 && !isRecord(request.body))
          return error(400, 'invalid_json', 'Error parsing JSON body.');
      }
      return undefined;
    },
  });

  const nowMinute = () => `${new Date().toISOString().slice(0, 16)}:00.000Z`;

  function pageJson(page: StoredPage): Json {
    const source =
      page.parent.type === 'data_source_id' ? dataSources.get(String(page.parent.data_source_id)) : undefined;
    const properties: Json = {};
    if (source) {
      for (const [name, type] of Object.entries(source.schema)) {
        properties[name] = { id: propertyId(name), type, [type]: page.properties[name]?.[type] ?? emptyValue(type) };
      }
    } else {
      properties.title = { id: 'title', type: 'title', title: page.properties.title?.title ?? [] };
    }
    return {
      object: 'page',
      id: page.id,
      created_time: page.createdTime,
      last_edited_time: page.lastEditedTime,
      created_by: { object: 'user', id: BOT_ID },
      last_edited_by: { object: 'user', id: BOT_ID },
      cover: null,
      icon: page.icon,
      parent: page.parent,
      archived: page.inTrash,
      in_trash: page.inTrash,
      is_locked: false,
      properties,
      url: `${server.url}/conformance/${page.id.replaceAll('-', '')}`,
      public_url: null,
    };
  }

  /** Request property values → stored response values, checked against the data source's schema. */
  function readProperties(given: unknown, schema: Record<string, string>): Record<string, Json> {
    must(isRecord(given), 'body.properties should be an object');
    const out: Record<string, Json> = {};
    for (const [name, value] of Object.entries(given as Json)) {
      const type = schema[name];
      must(type, `${name} is not a property that exists.`);
      must(isRecord(value), `body.properties.${name} should be an object`);
      const v = value as Json;
      must(type && type in v, `body.properties.${name}.${type} should be defined, instead was \`undefined\`.`);
      out[name] = { [type as string]: propertyValue(type as string, v[type as string], name) };
    }
    return out;
  }

  function titleOf(page: StoredPage): string {
    const value = Object.values(page.properties).find((p) => 'title' in p)?.title;
    return Array.isArray(value) ? value.map((t: Json) => t.plain_text).join('') : '';
  }

  // GET /v1/users/me: the integration's bot user.
  server.route('GET', '/v1/users/me', () => ({
    body: {
      object: 'user',
      id: BOT_ID,
      type: 'bot',
      name: 'MOVA',
      avatar_url: null,
      bot: { owner: { type: 'workspace', workspace: true }, workspace_name: 'Conformance' },
    },
  }));

  server.route('GET', '/v1/databases/:id', ({ params }) => {
    const database = databases.get(params.id ?? '');
    if (!database)
      return error(
        404,
        'object_not_found',
        `Could not find database with ID: ${params.id}. Make sure the relevant pages and databases are shared with your integration.`,
      );
    return {
      body: {
        object: 'database',
        id: database.id,
        title: richText(database.title),
        description: [],
        parent: { type: 'workspace', workspace: true },
        is_inline: false,
        in_trash: false,
        is_locked: false,
        created_time: nowMinute(),
        last_edited_time: nowMinute(),
        data_sources: database.dataSources.map((id) => ({ id, name: dataSources.get(id)?.name ?? '' })),
        icon: null,
        cover: null,
        url: `${server.url}/conformance/${database.id.replaceAll('-', '')}`,
        public_url: null,
      },
    };
  });

  server.route('POST', '/v1/data_sources/:id/query', (request) =>
    guarded(() => {
      const source = dataSources.get(request.params.id ?? '');
      if (!source) return error(404, 'object_not_found', `Could not find data_source with ID: ${request.params.id}.`);
      const body = (request.body ?? {}) as Json;
      allowOnly(
        body,
        ['filter', 'sorts', 'start_cursor', 'page_size', 'in_trash', 'archived', 'result_type', 'filter_properties'],
        'body',
      );
      let rows = [...pages.values()].filter(
        (p) => p.parent.data_source_id === source.id && p.inTrash === (body.in_trash === true),
      );
      // Checked once up front, so a bad filter is refused on an empty data source too.
      if (body.filter !== undefined) matches(body.filter, BLANK, source, 'body.filter');
      if (body.filter !== undefined) rows = rows.filter((p) => matches(body.filter, p, source, 'body.filter'));
      rows.sort((a, b) => a.seq - b.seq);
      if (body.sorts !== undefined) {
        must(Array.isArray(body.sorts), 'body.sorts should be an array');
        const sorts = [...(body.sorts as unknown[])].reverse();
        for (const sort of sorts) rows = sortBy(rows, sort, source);
      } else rows.reverse();
      return { body: paged(rows.map(pageJson), body, 'page_or_data_source') };
    }),
  );

  server.route('POST', '/v1/pages', (request) =>
    guarded(() => {
      const body = (request.body ?? {}) as Json;
      allowOnly(
        body,
        ['parent', 'properties', 'icon', 'cover', 'children', 'content', 'markdown', 'template', 'position'],
        'body',
      );
      const parent = body.parent;
      must(isRecord(parent), 'body.parent should be an object');
      const keys = ['page_id', 'data_source_id', 'database_id', 'workspace'].filter(
        (k) => (parent as Json)[k] !== undefined,
      );
      must(keys.length === 1, 'body.parent should have exactly one of page_id, data_source_id, database_id, workspace');
      const p = parent as Json;
      let storedParent: Json;
      let properties: Record<string, Json>;
      if (p.page_id !== undefined) {
        const host = pages.get(String(p.page_id));
        if (!host) return error(404, 'object_not_found', `Could not find page with ID: ${p.page_id}.`);
        storedParent = { type: 'page_id', page_id: host.id };
        properties = readProperties(body.properties ?? {}, { title: 'title' });
      } else if (p.data_source_id !== undefined) {
        const source = dataSources.get(String(p.data_source_id));
        if (!source) return error(404, 'object_not_found', `Could not find data_source with ID: ${p.data_source_id}.`);
        storedParent = { type: 'data_source_id', data_source_id: source.id, database_id: source.databaseId };
        properties = readProperties(body.properties ?? {}, source.schema);
      } else return invalid('this reference creates pages under a page or a data source only');
      if (body.icon !== undefined)
        must(
          isRecord(body.icon) && (body.icon as Json).type === 'emoji' && typeof (body.icon as Json).emoji === 'string',
          'body.icon should be an emoji object',
        );
      const page = store(storedParent, properties, nowMinute(), (body.icon as Json | undefined) ?? null);
      if (body.children !== undefined) blocks.set(page.id, readBlocks(body.children, page.id));
      return { body: pageJson(page) };
    }),
  );

  server.route('GET', '/v1/pages/:id', ({ params }) => {
    const page = pages.get(params.id ?? '');
    if (!page)
      return error(
        404,
        'object_not_found',
        `Could not find page with ID: ${params.id}. Make sure the relevant pages and databases are shared with your integration.`,
      );
    return { body: pageJson(page) };
  });

  server.route('PATCH', '/v1/pages/:id', (request) =>
    guarded(() => {
      const page = pages.get(request.params.id ?? '');
      if (!page) return error(404, 'object_not_found', `Could not find page with ID: ${request.params.id}.`);
      const body = (request.body ?? {}) as Json;
      allowOnly(
        body,
        ['properties', 'in_trash', 'archived', 'icon', 'cover', 'is_locked', 'template', 'erase_content'],
        'body',
      );
      must(Object.keys(body).length > 0, 'body should have at least one of properties, in_trash, icon, cover');
      const source = dataSources.get(String(page.parent.data_source_id));
      if (body.properties !== undefined) {
        must(!page.inTrash, "Can't edit block that is archived. You must unarchive the block before editing.");
        Object.assign(page.properties, readProperties(body.properties, source?.schema ?? { title: 'title' }));
      }
      if (body.in_trash !== undefined) {
        must(typeof body.in_trash === 'boolean', 'body.in_trash should be a boolean');
        page.inTrash = body.in_trash as boolean;
      }
      page.lastEditedTime = nowMinute();
      return { body: pageJson(page) };
    }),
  );

  server.route('PATCH', '/v1/blocks/:id/children', (request) =>
    guarded(() => {
      const id = request.params.id ?? '';
      if (!pages.has(id) && ![...blocks.values()].some((list) => list.some((b) => b.id === id))) {
        return error(404, 'object_not_found', `Could not find block with ID: ${id}.`);
      }
      const body = (request.body ?? {}) as Json;
      allowOnly(body, ['children', 'after', 'position'], 'body');
      const added = readBlocks(body.children, id);
      const list = blocks.get(id) ?? [];
      let at = list.length;
      if (body.position !== undefined) {
        const position = body.position as Json;
        must(
          isRecord(position) && ['after_block', 'start', 'end'].includes(String(position.type)),
          'body.position.type should be after_block, start or end',
        );
        if (position.type === 'start') at = 0;
        if (position.type === 'after_block') {
          const after = (position.after_block as Json | undefined)?.id;
          const index = list.findIndex((b) => b.id === after);
          must(index >= 0, `body.position.after_block.id ${String(after)} is not a child of ${id}`);
          at = index + 1;
        }
      }
      list.splice(at, 0, ...added);
      blocks.set(id, list);
      return { body: { object: 'list', results: added, next_cursor: null, has_more: false, type: 'block', block: {} } };
    }),
  );

  server.route('POST', '/v1/search', (request) =>
    guarded(() => {
      const body = (request.body ?? {}) as Json;
      allowOnly(body, ['query', 'filter', 'sort', 'start_cursor', 'page_size'], 'body');
      const filter = body.filter as Json | undefined;
      if (filter !== undefined) {
        must(
          isRecord(filter) &&
            filter.property === 'object' &&
            (filter.value === 'page' || filter.value === 'data_source'),
          'body.filter.value should be `"page"` or `"data_source"`',
        );
      }
      const query = typeof body.query === 'string' ? body.query.toLowerCase() : '';
      type Hit = { object: string; title: string; time: string; seq: number; json: Json };
      let hits: Hit[] = [];
      if (filter?.value !== 'data_source') {
        hits.push(
          ...[...pages.values()]
            .filter((p) => !p.inTrash)
            .map((p) => ({ object: 'page', title: titleOf(p), time: p.lastEditedTime, seq: p.seq, json: pageJson(p) })),
        );
      }
      if (filter?.value !== 'page') {
        hits.push(
          ...[...dataSources.values()].map((s, i) => ({
            object: 'data_source',
            title: s.name,
            time: nowMinute(),
            seq: -1 - i,
            json: {
              object: 'data_source',
              id: s.id,
              title: richText(s.name),
              parent: { type: 'database_id', database_id: s.databaseId },
              created_time: nowMinute(),
              last_edited_time: nowMinute(),
              url: `${server.url}/conformance/${s.databaseId.replaceAll('-', '')}`,
            },
          })),
        );
      }
      hits = hits.filter((h) => h.title.toLowerCase().includes(query));
      const sort = body.sort as Json | undefined;
      if (sort !== undefined) {
        must(
          isRecord(sort) &&
            sort.timestamp === 'last_edited_time' &&
            (sort.direction === 'ascending' || sort.direction === 'descending'),
          'body.sort should be { timestamp: "last_edited_time", direction }',
        );
        const sign = sort.direction === 'ascending' ? 1 : -1;
        hits.sort((a, b) => sign * (a.time.localeCompare(b.time) || a.seq - b.seq));
      }
      return {
        body: paged(
          hits.map((h) => h.json),
          body,
          'page_or_data_source',
        ),
      };
    }),
  );

  function store(parent: Json, properties: Record<string, Json>, createdTime: string, icon: Json | null): StoredPage {
    const page: StoredPage = {
      id: randomUUID(),
      parent,
      properties,
      icon,
      createdTime,
      lastEditedTime: createdTime,
      inTrash: false,
      seq: seq++,
    };
    pages.set(page.id, page);
    return page;
  }

  return Object.assign(server, {
    databases,
    dataSources,
    pages,
    blocks,
    addDatabase(title: string, schema: Record<string, string>, extraSources = 0) {
      const databaseId = randomUUID();
      const ids = Array.from({ length: 1 + extraSources }, (_, i) => {
        const id = randomUUID();
        dataSources.set(id, { id, databaseId, name: i === 0 ? title : `${title} ${i + 1}`, schema });
        return id;
      });
      databases.set(databaseId, { id: databaseId, title, dataSources: ids });
      return { databaseId, dataSourceId: ids[0] as string };
    },
    addPage(
      parent: { dataSourceId?: string; pageId?: string },
      properties: Record<string, unknown>,
      createdTime = nowMinute(),
    ) {
      const source = parent.dataSourceId ? dataSources.get(parent.dataSourceId) : undefined;
      const storedParent = source
        ? { type: 'data_source_id', data_source_id: source.id, database_id: source.databaseId }
        : { type: 'page_id', page_id: parent.pageId };
      return store(storedParent, readProperties(properties, source?.schema ?? { title: 'title' }), createdTime, null);
    },
  });
}

const BLANK: StoredPage = {
  id: '',
  parent: {},
  properties: {},
  icon: null,
  createdTime: '1970-01-01T00:00:00.000Z',
  lastEditedTime: '1970-01-01T00:00:00.000Z',
  inTrash: false,
  seq: -1,
};

function guarded(work: () => ReferenceReply): ReferenceReply {
  try {
    return work();
  } catch (caught) {
    if (caught instanceof Invalid) return invalid(caught.message);
    throw caught;
  }
}

function allowOnly(body: Json, keys: string[], where: string): void {
  for (const key of Object.keys(body)) must(keys.includes(key), `${where}.${key} is not a known parameter.`);
}

function propertyId(name: string): string {
  return name === 'title' ? 'title' : encodeURIComponent(name.slice(0, 4));
}

function emptyValue(type: string): unknown {
  return ['title', 'rich_text', 'multi_select', 'people', 'relation'].includes(type)
    ? []
    : type === 'checkbox'
      ? false
      : null;
}

export function richText(content: string): Json[] {
  return [
    {
      type: 'text',
      text: { content, link: null },
      annotations: {
        bold: false,
        italic: false,
        strikethrough: false,
        underline: false,
        code: false,
        color: 'default',
      },
      plain_text: content,
      href: null,
    },
  ];
}

/** A request property value → its response form; throws Invalid for a value of the wrong shape. */
function propertyValue(type: string, value: unknown, name: string): unknown {
  const at = `body.properties.${name}.${type}`;
  switch (type) {
    case 'title':
    case 'rich_text':
      must(Array.isArray(value), `${at} should be an array`);
      return (value as unknown[]).flatMap((item) => {
        must(
          isRecord(item) && isRecord(item.text) && typeof (item.text as Json).content === 'string',
          `${at}[].text.content should be a string`,
        );
        return richText(String(((item as Json).text as Json).content));
      });
    case 'number':
      must(value === null || typeof value === 'number', `${at} should be a number or \`null\``);
      return value;
    case 'checkbox':
      must(typeof value === 'boolean', `${at} should be a boolean`);
      return value;
    case 'url':
      must(value === null || typeof value === 'string', `${at} should be a string or \`null\``);
      return value;
    case 'select':
    case 'status':
      if (value === null) return null;
      must(isRecord(value) && typeof (value as Json).name === 'string', `${at}.name should be a string`);
      return { id: randomUUID().slice(0, 4), name: (value as Json).name, color: 'default' };
    case 'multi_select':
      must(Array.isArray(value), `${at} should be an array`);
      return (value as unknown[]).map((option) => {
        must(isRecord(option) && typeof option.name === 'string', `${at}[].name should be a string`);
        return { id: randomUUID().slice(0, 4), name: (option as Json).name, color: 'default' };
      });
    case 'date':
      if (value === null) return null;
      must(
        isRecord(value) &&
          typeof (value as Json).start === 'string' &&
          !Number.isNaN(Date.parse(String((value as Json).start))),
        `${at}.start should be an ISO 8601 date`,
      );
      return { start: (value as Json).start, end: (value as Json).end ?? null, time_zone: null };
    default:
      throw new Invalid(`${at}: this reference does not store ${type} properties`);
  }
}

const BLOCK_TYPES = [
  'paragraph',
  'heading_1',
  'heading_2',
  'heading_3',
  'to_do',
  'bulleted_list_item',
  'numbered_list_item',
  'quote',
  'callout',
  'code',
  'divider',
  'toggle',
];

function readBlocks(children: unknown, parentId: string): Json[] {
  must(Array.isArray(children), 'body.children should be an array');
  const list = children as unknown[];
  must(list.length >= 1 && list.length <= 100, 'body.children.length should be ≤ `100` and ≥ `1`');
  return list.map((block, i) => {
    must(isRecord(block), `body.children[${i}] should be an object`);
    const b = block as Json;
    const type = typeof b.type === 'string' ? b.type : Object.keys(b).find((k) => BLOCK_TYPES.includes(k));
    must(type && BLOCK_TYPES.includes(type), `body.children[${i}].type should be a block type`);
    const content = b[type as string];
    must(isRecord(content), `body.children[${i}].${type} should be defined, instead was \`undefined\`.`);
    const c = content as Json;
    if (type !== 'divider')
      must(Array.isArray(c.rich_text), `body.children[${i}].${type}.rich_text should be an array`);
    const richTextOut = Array.isArray(c.rich_text)
      ? (c.rich_text as Json[]).flatMap((t) => {
          must(
            isRecord(t.text) && typeof (t.text as Json).content === 'string',
            `body.children[${i}].${type}.rich_text[].text.content should be a string`,
          );
          return richText(String((t.text as Json).content));
        })
      : undefined;
    return {
      object: 'block',
      id: randomUUID(),
      parent: { type: 'page_id', page_id: parentId },
      type,
      has_children: false,
      in_trash: false,
      archived: false,
      created_time: new Date().toISOString(),
      last_edited_time: new Date().toISOString(),
      [type as string]: { ...c, ...(richTextOut ? { rich_text: richTextOut } : {}) },
    };
  });
}

function paged(items: Json[], body: Json, type: string): Json {
  const size = body.page_size ?? 100;
  must(
    typeof size === 'number' && Number.isInteger(size) && size >= 1 && size <= 100,
    'body.page_size should be ≤ `100` and ≥ `1`',
  );
  let start = 0;
  if (body.start_cursor !== undefined) {
    start = items.findIndex((item) => item.id === body.start_cursor);
    must(start >= 0, 'body.start_cursor should be a valid cursor');
  }
  const page = items.slice(start, start + (size as number));
  const next = items[start + (size as number)];
  return {
    object: 'list',
    results: page,
    next_cursor: next ? next.id : null,
    has_more: next !== undefined,
    type,
    [type]: {},
  };
}

function plainValueOf(page: StoredPage, name: string, type: string): unknown {
  const value = page.properties[name]?.[type];
  if (type === 'title' || type === 'rich_text')
    return Array.isArray(value) ? value.map((t: Json) => t.plain_text).join('') : '';
  if (type === 'select' || type === 'status') return isRecord(value) ? value.name : null;
  if (type === 'multi_select') return Array.isArray(value) ? value.map((o: Json) => o.name) : [];
  if (type === 'date') return isRecord(value) ? value.start : null;
  return value ?? emptyValue(type);
}

const CONDITIONS: Record<string, (actual: unknown, expected: unknown) => boolean> = {
  equals: (a, e) => a === e,
  does_not_equal: (a, e) => a !== e,
  contains: (a, e) => (Array.isArray(a) ? a.includes(e) : String(a ?? '').includes(String(e))),
  does_not_contain: (a, e) => (Array.isArray(a) ? !a.includes(e) : !String(a ?? '').includes(String(e))),
  starts_with: (a, e) => String(a ?? '').startsWith(String(e)),
  ends_with: (a, e) => String(a ?? '').endsWith(String(e)),
  is_empty: (a) => a === null || a === '' || (Array.isArray(a) && a.length === 0),
  is_not_empty: (a) => !(a === null || a === '' || (Array.isArray(a) && a.length === 0)),
  greater_than: (a, e) => a !== null && compare(a, e) > 0,
  less_than: (a, e) => a !== null && compare(a, e) < 0,
  greater_than_or_equal_to: (a, e) => a !== null && compare(a, e) >= 0,
  less_than_or_equal_to: (a, e) => a !== null && compare(a, e) <= 0,
  after: (a, e) => a !== null && compare(a, e) > 0,
  before: (a, e) => a !== null && compare(a, e) < 0,
  on_or_after: (a, e) => a !== null && compare(a, e) >= 0,
  on_or_before: (a, e) => a !== null && compare(a, e) <= 0,
};

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Date.parse(String(a)) - Date.parse(String(b));
}

function matches(filter: unknown, page: StoredPage, source: DataSource, at: string): boolean {
  must(isRecord(filter), `${at} should be an object`);
  const f = filter as Json;
  if (f.and !== undefined || f.or !== undefined) {
    const list = (f.and ?? f.or) as unknown;
    must(Array.isArray(list), `${at}.${f.and ? 'and' : 'or'} should be an array`);
    const results = (list as unknown[]).map((part, i) =>
      matches(part, page, source, `${at}.${f.and ? 'and' : 'or'}[${i}]`),
    );
    return f.and ? results.every(Boolean) : results.some(Boolean);
  }
  if (f.timestamp !== undefined) {
    must(
      f.timestamp === 'created_time' || f.timestamp === 'last_edited_time',
      `${at}.timestamp should be created_time or last_edited_time`,
    );
    const condition = f[String(f.timestamp)];
    const actual = f.timestamp === 'created_time' ? page.createdTime : page.lastEditedTime;
    return checkCondition(condition, actual, `${at}.${String(f.timestamp)}`);
  }
  must(typeof f.property === 'string', `${at}.property should be defined, instead was \`undefined\`.`);
  const name = String(f.property);
  const type = source.schema[name];
  must(type, `Could not find property with name or id: ${name}`);
  must(isRecord(f[type as string]), `${at}.${type} should be defined for the ${type} property ${name}`);
  return checkCondition(f[type as string], plainValueOf(page, name, type as string), `${at}.${type}`);
}

function checkCondition(condition: unknown, actual: unknown, at: string): boolean {
  must(isRecord(condition), `${at} should be an object`);
  const entries = Object.entries(condition as Json);
  must(entries.length === 1, `${at} should have exactly one condition`);
  const [[operator, expected]] = entries as [[string, unknown]];
  const test = CONDITIONS[operator];
  must(test, `${at}.${operator} is not a filter condition`);
  return (test as (a: unknown, e: unknown) => boolean)(actual, expected);
}

function sortBy(rows: StoredPage[], sort: unknown, source: DataSource): StoredPage[] {
  must(isRecord(sort), 'body.sorts[] should be an object');
  const s = sort as Json;
  must(
    s.direction === 'ascending' || s.direction === 'descending',
    'body.sorts[].direction should be ascending or descending',
  );
  const sign = s.direction === 'ascending' ? 1 : -1;
  let key: (page: StoredPage) => unknown;
  if (s.timestamp !== undefined) {
    must(
      s.timestamp === 'created_time' || s.timestamp === 'last_edited_time',
      'body.sorts[].timestamp should be created_time or last_edited_time',
    );
    key = (page) => (s.timestamp === 'created_time' ? page.createdTime : page.lastEditedTime);
  } else {
    const name = String(s.property);
    const type = source.schema[name];
    must(type, `Could not find sort property with name or id: ${name}`);
    key = (page) => plainValueOf(page, name, type as string);
  }
  // Ties go by creation order in the sort's direction (Notion's created_time is to the minute).
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === y) return sign * (a.seq - b.seq);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
  });
}
