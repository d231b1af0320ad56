/**
 * A Confluence Cloud site on loopback for the conformance tests: Confluence has no emulator or
 * published mock, so this answers the request and response shapes of Atlassian's REST documentation
 * and refuses what Confluence refuses (wrong credentials, missing fields, a stale version number,
 * multipart without the XSRF opt-out). Pages each route follows:
 * - Basic auth with email and API token: https://developer.atlassian.com/cloud/confluence/basic-auth-for-rest-apis/
 * - REST v2 (https://developer.atlassian.com/cloud/confluence/rest/v2/):
 *   GET /wiki/api/v2/spaces                      api-group-space/#api-spaces-get (keys, type, status, limit, cursor)
 *   POST /wiki/api/v2/pages                      api-group-page/#api-pages-post
 *   GET|PUT /wiki/api/v2/pages/{id}              api-group-page/#api-pages-id-get, #api-pages-id-put (version.number = current + 1)
 *   GET /wiki/api/v2/pages/{id}/attachments      api-group-attachment/#api-pages-id-attachments-get
 *   Pagination: `_links.next` with a cursor (…/rest/v2/intro/#about, "Pagination")
 * - REST v1 (https://developer.atlassian.com/cloud/confluence/rest/v1/):
 *   GET /wiki/rest/api/search                    api-group-search/#api-wiki-rest-api-search-get (cql, limit, cursor)
 *   PUT /wiki/rest/api/content/{id}/child/attachment  api-group-content---attachments/#api-wiki-rest-api-content-id-child-attachment-put
 *     (multipart/form-data, field "file", header X-Atlassian-Token: no-check)
 * - Rate limiting (429, Retry-After): https://developer.atlassian.com/cloud/confluence/rate-limiting/
 */
import { multipartParts, type ReferenceReply, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';

export const EMAIL = 'ada@example.com';
export const API_TOKEN = 'ATATT3x-confluence-token';

export interface StoredPage {
  id: string;
  spaceId: string;
  parentId: string | null;
  title: string;
  status: string;
  version: number;
  body: { representation: string; value: string };
  createdAt: string;
  lastModified: string;
}
export interface StoredAttachment {
  id: string;
  pageId: string;
  title: string;
  mediaType: string;
  bytes: Buffer;
  version: number;
  comment?: string;
}

export const SPACES = [
  { id: '98306', key: 'ENG', name: 'Engineering', type: 'global', status: 'current', homepageId: '65537' },
  { id: '98307', key: 'OPS', name: 'Operations', type: 'global', status: 'current', homepageId: null },
  { id: '98308', key: '~ada', name: 'Ada Lovelace', type: 'personal', status: 'current', homepageId: null },
];

const v2Error = (status: number, code: string, title: string, detail: string | null = null): ReferenceReply => ({
  status,
  body: { errors: [{ status, code, title, detail }] },
});

export interface ConfluenceSite extends ReferenceServer {
  pages: Map<string, StoredPage>;
  attachments: StoredAttachment[];
  reset(): void;
}

export async function startConfluence(): Promise<ConfluenceSite> {
  const pages = new Map<string, StoredPage>();
  const attachments: StoredAttachment[] = [];
  let nextId = 65_537;
  let lastTime = 0;
  // Strictly increasing, as one site's clock is for changes made one after the other.
  const stamp = () => {
    lastTime = Math.max(Date.now(), lastTime + 1);
    return new Date(lastTime).toISOString();
  };
  const expected = `Basic ${Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64')}`;

  const server = await startReferenceServer({
    check(request) {
      if (request.headers.authorization !== expected) {
        return { status: 401, body: { code: 401, message: 'Client must be authenticated to access this resource.' } };
      }
      return undefined;
    },
  });

  const pageBody = (page: StoredPage, format: string | null) => {
    const space = SPACES.find((s) => s.id === page.spaceId);
    return {
      id: page.id,
      status: page.status,
      title: page.title,
      spaceId: page.spaceId,
      parentId: page.parentId,
      parentType: page.parentId ? 'page' : null,
      authorId: '5b10ac8d82e05b22cc7d4ef5',
      createdAt: page.createdAt,
      version: {
        number: page.version,
        message: '',
        minorEdit: false,
        authorId: '5b10ac8d82e05b22cc7d4ef5',
        createdAt: page.createdAt,
      },
      body:
        format === 'storage' && page.body.representation === 'storage'
          ? { storage: { representation: 'storage', value: page.body.value } }
          : format === 'storage'
            ? { storage: { representation: 'storage', value: `<p>${page.body.value}</p>` } }
            : {},
      _links: {
        webui: `/spaces/${space?.key}/pages/${page.id}/${encodeURIComponent(page.title.replace(/ /g, '+'))}`,
        editui: `/pages/resumedraft.action?draftId=${page.id}`,
        tinyui: `/x/${page.id}`,
      },
    };
  };
  const cursorPage = <T>(items: T[], limit: number, cursor: string | null, path: string, query: URLSearchParams) => {
    const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : 0;
    const slice = items.slice(start, start + limit);
    const more = start + limit < items.length;
    const nextQuery = new URLSearchParams(query);
    nextQuery.set('cursor', Buffer.from(String(start + limit)).toString('base64url'));
    return {
      results: slice,
      _links: more ? { next: `${path}?${nextQuery}`, base: `${server.url}/wiki` } : { base: `${server.url}/wiki` },
    };
  };
  const limitOf = (q: URLSearchParams, max: number, fallback: number) =>
    Math.min(Number(q.get('limit') ?? fallback), max);

  server.route('GET', '/wiki/api/v2/spaces', (request) => {
    const keys = request.query.get('keys')?.split(',');
    const type = request.query.get('type');
    const found = SPACES.filter((s) => (!keys || keys.includes(s.key)) && (!type || s.type === type)).map((s) => ({
      ...s,
      _links: { webui: `/spaces/${s.key}` },
    }));
    return {
      body: cursorPage(
        found,
        limitOf(request.query, 250, 25),
        request.query.get('cursor'),
        '/wiki/api/v2/spaces',
        request.query,
      ),
    };
  });

  server.route('POST', '/wiki/api/v2/pages', (request) => {
    const body = request.body as
      | Partial<{
          spaceId: string;
          title: string;
          status: string;
          parentId: string;
          body: { representation?: string; value?: unknown };
        }>
      | undefined;
    if (typeof body?.spaceId !== 'string') return v2Error(400, 'INVALID_REQUEST_PARAMETER', 'spaceId is required');
    if (!SPACES.some((s) => s.id === body.spaceId)) return v2Error(404, 'NOT_FOUND', 'Space not found');
    if (typeof body.title !== 'string' || body.title === '')
      return v2Error(400, 'INVALID_REQUEST_PARAMETER', 'Title is required for a current page');
    if (![...pages.values()].every((p) => p.spaceId !== body.spaceId || p.title !== body.title)) {
      return v2Error(
        400,
        'INVALID_REQUEST_PARAMETER',
        'A page with this title already exists',
        `A page already exists with the same TITLE in this space`,
      );
    }
    if (body.parentId && !pages.has(body.parentId)) return v2Error(404, 'NOT_FOUND', 'Parent page not found');
    const representation = body.body?.representation;
    if (
      !['storage', 'wiki', 'atlas_doc_format'].includes(String(representation)) ||
      typeof body.body?.value !== 'string'
    ) {
      return v2Error(400, 'INVALID_REQUEST_PARAMETER', 'body.representation and body.value are required');
    }
    const page: StoredPage = {
      id: String(nextId++),
      spaceId: body.spaceId,
      parentId: body.parentId ?? null,
      title: body.title,
      status: body.status ?? 'current',
      version: 1,
      body: { representation: String(representation), value: body.body.value },
      createdAt: stamp(),
      lastModified: '',
    };
    page.lastModified = page.createdAt;
    pages.set(page.id, page);
    return { body: pageBody(page, request.query.get('body-format')) };
  });

  server.route('GET', '/wiki/api/v2/pages/:id', (request) => {
    const page = pages.get(request.params.id ?? '');
    return page ? { body: pageBody(page, request.query.get('body-format')) } : v2Error(404, 'NOT_FOUND', 'Not Found');
  });

  server.route('PUT', '/wiki/api/v2/pages/:id', (request) => {
    const page = pages.get(request.params.id ?? '');
    if (!page) return v2Error(404, 'NOT_FOUND', 'Not Found');
    const body = request.body as
      | Partial<{
          id: string;
          status: string;
          title: string;
          body: { representation: string; value: string };
          version: { number?: number; message?: string };
        }>
      | undefined;
    if (body?.id !== page.id) return v2Error(400, 'INVALID_REQUEST_PARAMETER', 'id in the body must match the path');
    if (!body.status || !body.title || !body.body?.representation || typeof body.body.value !== 'string') {
      return v2Error(400, 'INVALID_REQUEST_PARAMETER', 'status, title and body are required');
    }
    if (body.version?.number !== page.version + 1) {
      return v2Error(409, 'CONFLICT', 'Version must be incremented on update', `Current version is: ${page.version}`);
    }
    Object.assign(page, {
      title: body.title,
      status: body.status,
      body: body.body,
      version: body.version.number,
      lastModified: stamp(),
    });
    return { body: pageBody(page, request.query.get('body-format')) };
  });

  server.route('GET', '/wiki/api/v2/pages/:id/attachments', (request) => {
    const id = request.params.id ?? '';
    if (!pages.has(id)) return v2Error(404, 'NOT_FOUND', 'Not Found');
    const filename = request.query.get('filename');
    const found = attachments
      .filter((a) => a.pageId === id && (!filename || a.title === filename))
      .map((a) => ({
        id: a.id,
        status: 'current',
        title: a.title,
        pageId: a.pageId,
        mediaType: a.mediaType,
        fileSize: a.bytes.length,
        version: { number: a.version },
        webuiLink: `/pages/viewpageattachments.action?pageId=${a.pageId}&preview=${encodeURIComponent(a.title)}`,
        downloadLink: `/download/attachments/${a.pageId}/${encodeURIComponent(a.title)}?version=${a.version}&api=v2`,
      }));
    return {
      body: cursorPage(
        found,
        limitOf(request.query, 250, 50),
        request.query.get('cursor'),
        `/wiki/api/v2/pages/${id}/attachments`,
        request.query,
      ),
    };
  });

  server.route('GET', '/wiki/rest/api/search', (request) => {
    const cql = request.query.get('cql') ?? '';
    const matched = runCql(cql, [...pages.values()]);
    if (typeof matched === 'string') {
      return { status: 400, body: { statusCode: 400, data: { authorized: true, valid: false }, message: matched } };
    }
    const results = matched.map((p) => {
      const space = SPACES.find((s) => s.id === p.spaceId);
      return {
        content: {
          id: p.id,
          type: 'page',
          status: p.status,
          title: p.title,
          space: { key: space?.key },
          _links: { webui: `/spaces/${space?.key}/pages/${p.id}` },
        },
        title: p.title,
        excerpt: p.body.value
          .replace(/<[^>]+>/g, ' ')
          .trim()
          .slice(0, 100),
        url: `/spaces/${space?.key}/pages/${p.id}`,
        lastModified: p.lastModified,
      };
    });
    const limit = limitOf(request.query, 250, 25);
    const page = cursorPage(results, limit, request.query.get('cursor'), '/rest/api/search', request.query);
    return { body: { ...page, start: 0, limit, size: page.results.length, totalSize: results.length } };
  });

  server.route('PUT', '/wiki/rest/api/content/:id/child/attachment', (request) => {
    if (request.headers['x-atlassian-token'] !== 'no-check') {
      return { status: 403, body: { statusCode: 403, message: 'XSRF check failed' } };
    }
    const id = request.params.id ?? '';
    if (!pages.has(id))
      return { status: 404, body: { statusCode: 404, message: `No content found with id: ContentId{id=${id}}` } };
    const parts = multipartParts(request.rawBody, String(request.headers['content-type']));
    const file = parts?.find((p) => p.name === 'file' && p.filename);
    if (!file?.filename) return { status: 400, body: { statusCode: 400, message: 'Attachment file is required' } };
    const comment = parts?.find((p) => p.name === 'comment')?.data.toString('utf8');
    const existing = attachments.find((a) => a.pageId === id && a.title === file.filename);
    const stored: StoredAttachment = existing ?? {
      id: `att${nextId++}`,
      pageId: id,
      title: file.filename,
      mediaType: '',
      bytes: Buffer.alloc(0),
      version: 0,
    };
    Object.assign(stored, {
      mediaType: file.type ?? 'application/octet-stream',
      bytes: Buffer.from(file.data),
      version: stored.version + 1,
      comment,
    });
    if (!existing) attachments.push(stored);
    return {
      body: {
        results: [
          {
            id: stored.id,
            type: 'attachment',
            status: 'current',
            title: stored.title,
            version: { number: stored.version },
            metadata: { mediaType: stored.mediaType, comment },
            extensions: { mediaType: stored.mediaType, fileSize: stored.bytes.length },
            _links: {
              webui: `/pages/viewpageattachments.action?pageId=${id}&preview=${encodeURIComponent(stored.title)}`,
              download: `/download/attachments/${id}/${encodeURIComponent(stored.title)}?version=${stored.version}&api=v2`,
            },
          },
        ],
        size: 1,
      },
    };
  });

  return Object.assign(server, {
    pages,
    attachments,
    reset() {
      pages.clear();
      attachments.length = 0;
      nextId = 65_537;
      server.requests.length = 0;
      server.unmatched.length = 0;
    },
  });
}

/**
 * The CQL this site understands, a small part of Confluence's: AND-joined `type = page`,
 * `space = KEY`, `title ~ "text"`, `lastmodified|created >= now("-N(m|h|d)")`, and ORDER BY
 * lastmodified or created. Anything else answers as Confluence does to CQL it cannot parse.
 */
function runCql(cql: string, all: StoredPage[]): StoredPage[] | string {
  const [where = '', order] = cql.split(/\s+ORDER BY\s+/i);
  let found = all;
  // Only AND joins clauses here, so grouping parentheses change nothing; now("…") keeps its own.
  const flat = where.replace(/now\("([^"]+)"\)/gi, 'now:$1').replace(/[()]/g, ' ');
  for (const raw of flat.trim().split(/\s+AND\s+/i)) {
    const clause = raw.trim();
    const type = /^type\s*=\s*"?(\w+)"?$/i.exec(clause);
    const space = /^space\s*=\s*"?([\w~]+)"?$/i.exec(clause);
    const title = /^title\s*~\s*"([^"]+)"$/i.exec(clause);
    const since = /^(lastmodified|created)\s*>=\s*now:-(\d+)([mhd])$/i.exec(clause);
    if (type) found = type[1] === 'page' ? found : [];
    else if (space) found = found.filter((p) => SPACES.find((s) => s.id === p.spaceId)?.key === space[1]);
    else if (title) found = found.filter((p) => p.title.toLowerCase().includes(String(title[1]).toLowerCase()));
    else if (since) {
      const ms = Number(since[2]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[since[3] as 'm' | 'h' | 'd'];
      const field = since[1]?.toLowerCase() === 'created' ? 'createdAt' : 'lastModified';
      found = found.filter((p) => Date.parse(p[field]) >= Date.now() - ms);
    } else return `Could not parse cql : ${cql}`;
  }
  if (order) {
    const [field = '', direction = 'ASC'] = order.trim().split(/\s+/);
    const key = field.toLowerCase() === 'created' ? 'createdAt' : 'lastModified';
    const sign = direction.toUpperCase() === 'DESC' ? -1 : 1;
    found = [...found].sort((a, b) => sign * (Date.parse(a[key]) - Date.parse(b[key])));
  }
  return found;
}
