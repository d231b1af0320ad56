/**
 * A Jira site on loopback for the conformance tests: Jira has no emulator or published mock, so
 * this answers the request and response shapes of Atlassian's REST API documentation, and refuses
 * what real Jira refuses (wrong method, missing required fields, a plain-string description on v3,
 * wrong credentials). Pages each route follows:
 * - Cloud REST API v3 (basic auth with email and API token):
 *   https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/
 *   GET  /rest/api/3/myself                        .../rest/v3/api-group-myself/#api-rest-api-3-myself-get
 *   POST /rest/api/3/issue                         .../rest/v3/api-group-issues/#api-rest-api-3-issue-post
 *   GET|PUT /rest/api/3/issue/{key}                .../rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get (-put)
 *   GET|POST /rest/api/3/issue/{key}/transitions   .../rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get (-post)
 *   PUT  /rest/api/3/issue/{key}/assignee          .../rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-assignee-put
 *   POST /rest/api/3/issue/{key}/comment           .../rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post
 *   GET  /rest/api/3/search/jql                    .../rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
 *   GET  /rest/api/3/project/search                .../rest/v3/api-group-projects/#api-rest-api-3-project-search-get
 *   POST /rest/api/3/issue/{key}/attachments       .../rest/v3/api-group-issue-attachments/#api-rest-api-3-issue-issueidorkey-attachments-post
 *        (multipart/form-data, field "file", header X-Atlassian-Token: no-check)
 *   GET  /rest/api/3/user/search                   .../rest/v3/api-group-user-search/#api-rest-api-3-user-search-get (query)
 *   (prefix https://developer.atlassian.com/cloud/jira/platform); rich text: .../apis/document/structure/
 * - Data Center REST API v2 (personal access tokens as bearer tokens; user search by username=):
 *   https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html
 *   https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/ (issue, search, project, myself)
 * - Rate limiting (429 with Retry-After): https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
import {
  multipartParts,
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const EMAIL = 'ada@example.com';
export const API_TOKEN = 'ATATT3xFfGF0-test-token';
export const PAT = 'NjM4ODk5-dc-personal-access-token';
export const ME = { accountId: '5b10ac8d82e05b22cc7d4ef5', name: 'ada', displayName: 'Ada Lovelace' };

export interface StoredIssue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  comments: Record<string, unknown>[];
  attachments: (Record<string, unknown> & { bytes: Buffer })[];
}

const STATUSES = {
  todo: { id: '10000', name: 'To Do', statusCategory: { key: 'new', name: 'To Do' } },
  progress: { id: '3', name: 'In Progress', statusCategory: { key: 'indeterminate', name: 'In Progress' } },
  done: { id: '10001', name: 'Done', statusCategory: { key: 'done', name: 'Done' } },
};
const TRANSITIONS = [
  { id: '11', name: 'To Do', to: STATUSES.todo },
  { id: '21', name: 'Start progress', to: STATUSES.progress },
  { id: '31', name: 'Done', to: STATUSES.done },
];
const ISSUE_TYPES = ['Bug', 'Task', 'Story', 'Epic', 'Sub-task'];
const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
export const PROJECTS = [
  { id: '10000', key: 'PROJ', name: 'Payments', projectTypeKey: 'software' },
  { id: '10001', key: 'MOB', name: 'Mobile app', projectTypeKey: 'software' },
  { id: '10002', key: 'HR', name: 'People team', projectTypeKey: 'business' },
];

/** Jira's timestamp form: 2026-01-02T10:00:00.000+0000. */
export const jiraTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

const bad = (errors: Record<string, string>, errorMessages: string[] = []): ReferenceReply => ({
  status: 400,
  body: { errorMessages, errors },
});
const missing = (): ReferenceReply => ({
  status: 404,
  body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} },
});

function isAdf(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    value.type === 'doc' &&
    'version' in value &&
    value.version === 1 &&
    'content' in value &&
    Array.isArray(value.content)
  );
}

export interface JiraSite extends ReferenceServer {
  issues: Map<string, StoredIssue>;
  /** Adds `count` issues to a project directly, oldest first, as if made earlier. */
  seed(projectKey: string, count: number): void;
  reset(): void;
}

export async function startJira(): Promise<JiraSite> {
  const issues = new Map<string, StoredIssue>();
  let nextId = 10_000;
  const counters = new Map<string, number>();
  let lastTime = 0;
  // Strictly increasing, as a single Jira node's clock is for changes it makes one after the other.
  const now = () => {
    lastTime = Math.max(Date.now(), lastTime + 1);
    return lastTime;
  };

  const server = await startReferenceServer({
    check(request) {
      const cloud = request.path.startsWith('/rest/api/3/');
      const expected = cloud ? `Basic ${Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64')}` : `Bearer ${PAT}`;
      if (request.headers.authorization !== expected) {
        return {
          status: 401,
          headers: { 'www-authenticate': 'OAuth realm="jira"' },
          body: {
            errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
            errors: {},
          },
        };
      }
      // JSON for every write but attachments, which are multipart.
      const multipart = request.path.endsWith('/attachments');
      if (
        ['POST', 'PUT'].includes(request.method) &&
        !multipart &&
        !String(request.headers['content-type']).includes('application/json')
      ) {
        return { status: 415, body: { errorMessages: ['Unsupported Media Type'], errors: {} } };
      }
      return undefined;
    },
  });

  const v = (request: ReferenceRequest) => (request.path.startsWith('/rest/api/3/') ? 3 : 2);
  const userRef = (request: ReferenceRequest, ref: unknown): Record<string, unknown> | null | 'invalid' => {
    if (ref === null) return null;
    if (typeof ref !== 'object') return 'invalid';
    const id = v(request) === 3 ? (ref as { accountId?: unknown }).accountId : (ref as { name?: unknown }).name;
    if (id === null) return null;
    if (typeof id !== 'string' || id === '') return 'invalid';
    return v(request) === 3
      ? { accountId: id, displayName: id === ME.accountId ? ME.displayName : `User ${id}`, emailAddress: null }
      : { name: id, key: `JIRAUSER${id.length}`, displayName: id === ME.name ? ME.displayName : `User ${id}` };
  };
  const me = (request: ReferenceRequest) =>
    v(request) === 3
      ? { accountId: ME.accountId, displayName: ME.displayName, emailAddress: EMAIL, active: true }
      : { name: ME.name, key: 'JIRAUSER10000', displayName: ME.displayName, emailAddress: EMAIL, active: true };

  /** Checks a description or comment body: ADF on v3, a string on v2. */
  const richTextError = (request: ReferenceRequest, value: unknown): string | undefined => {
    if (v(request) === 3 && !isAdf(value)) {
      return 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
    }
    if (v(request) === 2 && typeof value !== 'string') return 'Operation value must be a string';
    return undefined;
  };

  /** Applies `fields` to an issue the way the edit and create screens do; errors by field. */
  const applyFields = (request: ReferenceRequest, issue: StoredIssue, fields: Record<string, unknown>) => {
    const errors: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      switch (name) {
        case 'summary':
          if (typeof value !== 'string' || value.trim() === '')
            errors.summary = 'You must specify a summary of the issue.';
          else issue.fields.summary = value;
          break;
        case 'description': {
          const error = value === null ? undefined : richTextError(request, value);
          if (error) errors.description = error;
          else issue.fields.description = value;
          break;
        }
        case 'priority': {
          const priority = (value as { name?: unknown } | null)?.name;
          if (typeof priority !== 'string' || !PRIORITIES.includes(priority))
            errors.priority = 'Specify a valid priority';
          else issue.fields.priority = { name: priority };
          break;
        }
        case 'labels':
          if (!Array.isArray(value) || value.some((l) => typeof l !== 'string' || /\s/.test(l)))
            errors.labels = 'Labels must be strings without spaces';
          else issue.fields.labels = value;
          break;
        case 'assignee': {
          const user = userRef(request, value);
          if (user === 'invalid') errors.assignee = 'Specify a valid user';
          else issue.fields.assignee = user;
          break;
        }
        case 'resolution':
          issue.fields.resolution = value;
          break;
        case 'duedate':
        case 'parent':
          issue.fields[name] = value;
          break;
        default:
          if (!name.startsWith('customfield_') && name !== 'components') {
            errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
          } else issue.fields[name] = value;
      }
    }
    return errors;
  };

  const issueBody = (request: ReferenceRequest, issue: StoredIssue) => {
    const wanted = request.query.get('fields')?.split(',').filter(Boolean);
    const all = !wanted || wanted.includes('*all') || wanted.includes('*navigable');
    const fields = all
      ? issue.fields
      : Object.fromEntries(Object.entries(issue.fields).filter(([name]) => wanted.includes(name)));
    return { id: issue.id, key: issue.key, self: `${server.url}/rest/api/${v(request)}/issue/${issue.id}`, fields };
  };

  const find = (key: string) => issues.get(key) ?? [...issues.values()].find((i) => i.id === key);

  // Routes for both API versions; each answers as its version's documentation says.
  for (const version of [2, 3]) {
    const base = `/rest/api/${version}`;
    server.route('GET', `${base}/myself`, (request) => ({ body: me(request) }));

    server.route('POST', `${base}/issue`, (request) => {
      const body = request.body as { fields?: Record<string, unknown> } | undefined;
      const fields = body?.fields;
      if (!fields) return bad({}, ['Issue must have fields']);
      const { project, issuetype, ...rest } = fields;
      const projectKey = (project as { key?: unknown } | undefined)?.key;
      const type = (issuetype as { name?: unknown } | undefined)?.name;
      const errors: Record<string, string> = {};
      const known = PROJECTS.find((p) => p.key === projectKey);
      if (!known) errors.project = 'Specify a valid project ID or key';
      if (typeof type !== 'string' || !ISSUE_TYPES.includes(type)) errors.issuetype = 'Specify an issue type';
      if (rest.summary === undefined) errors.summary = 'You must specify a summary of the issue.';
      if (Object.keys(errors).length > 0 || !known) return bad(errors);
      const count = (counters.get(known.key) ?? 0) + 1;
      counters.set(known.key, count);
      const time = jiraTime(now());
      const issue: StoredIssue = {
        id: String(nextId++),
        key: `${known.key}-${count}`,
        fields: {
          project: { id: known.id, key: known.key, name: known.name },
          issuetype: { name: type },
          status: STATUSES.todo,
          priority: { name: 'Medium' },
          labels: [],
          assignee: null,
          reporter: me(request),
          resolution: null,
          description: null,
          created: time,
          updated: time,
        },
        comments: [],
        attachments: [],
      };
      const fieldErrors = applyFields(request, issue, rest);
      if (Object.keys(fieldErrors).length > 0) return bad(fieldErrors);
      issues.set(issue.key, issue);
      return { status: 201, body: { id: issue.id, key: issue.key, self: `${server.url}${base}/issue/${issue.id}` } };
    });

    server.route('GET', `${base}/issue/:key`, (request) => {
      const issue = find(request.params.key ?? '');
      return issue ? { body: issueBody(request, issue) } : missing();
    });

    server.route('PUT', `${base}/issue/:key`, (request) => {
      const issue = find(request.params.key ?? '');
      if (!issue) return missing();
      const body = request.body as { fields?: Record<string, unknown>; update?: Record<string, unknown[]> } | undefined;
      if (!body || (!body.fields && !body.update)) return bad({}, ['No fields or update given']);
      const errors = applyFields(request, issue, body.fields ?? {});
      for (const [name, operations] of Object.entries(body.update ?? {})) {
        if (name !== 'labels' || !Array.isArray(operations)) {
          errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
          continue;
        }
        const labels = new Set(issue.fields.labels as string[]);
        for (const op of operations as { add?: string; remove?: string }[]) {
          if (op.add) labels.add(op.add);
          if (op.remove) labels.delete(op.remove);
        }
        issue.fields.labels = [...labels];
      }
      if (Object.keys(errors).length > 0) return bad(errors);
      issue.fields.updated = jiraTime(now());
      return { status: 204 };
    });

    server.route('GET', `${base}/issue/:key/transitions`, (request) => {
      const issue = find(request.params.key ?? '');
      if (!issue) return missing();
      const current = (issue.fields.status as { name: string }).name;
      return { body: { expand: 'transitions', transitions: TRANSITIONS.filter((t) => t.to.name !== current) } };
    });

    server.route('POST', `${base}/issue/:key/transitions`, (request) => {
      const issue = find(request.params.key ?? '');
      if (!issue) return missing();
      const body = request.body as
        | {
            transition?: { id?: string };
            fields?: Record<string, unknown>;
            update?: { comment?: { add: { body: unknown } }[] };
          }
        | undefined;
      const transition = TRANSITIONS.find((t) => t.id === body?.transition?.id);
      const current = (issue.fields.status as { name: string }).name;
      if (!transition || transition.to.name === current) {
        return bad({}, [`Transition id '${body?.transition?.id}' is not valid for this issue.`]);
      }
      const errors = applyFields(request, issue, body?.fields ?? {});
      for (const { add } of body?.update?.comment ?? []) {
        const error = richTextError(request, add.body);
        if (error) errors.comment = error;
        else issue.comments.push({ id: String(issue.comments.length + 1), body: add.body });
      }
      if (Object.keys(errors).length > 0) return bad(errors);
      issue.fields.status = transition.to;
      issue.fields.updated = jiraTime(now());
      return { status: 204 };
    });

    server.route('PUT', `${base}/issue/:key/assignee`, (request) => {
      const issue = find(request.params.key ?? '');
      if (!issue) return missing();
      const user = userRef(request, request.body);
      if (user === 'invalid') return bad({ assignee: 'Specify a valid user' });
      issue.fields.assignee = user;
      issue.fields.updated = jiraTime(now());
      return { status: 204 };
    });

    server.route('POST', `${base}/issue/:key/comment`, (request) => {
      const issue = find(request.params.key ?? '');
      if (!issue) return missing();
      const body = request.body as { body?: unknown; visibility?: { type?: string; value?: string } } | undefined;
      const error = body?.body === undefined ? 'Comment body can not be empty!' : richTextError(request, body.body);
      if (error) return bad({ comment: error });
      const visibility = body?.visibility;
      if (visibility && (!['role', 'group'].includes(String(visibility.type)) || !visibility.value)) {
        return bad({ commentLevel: 'You are currently not a member of the project role or group specified.' });
      }
      const time = jiraTime(now());
      const comment = {
        id: String(10_000 + issue.comments.length),
        self: `${server.url}${base}/issue/${issue.id}/comment/${10_000 + issue.comments.length}`,
        author: me(request),
        body: body?.body,
        created: time,
        updated: time,
        ...(visibility ? { visibility } : {}),
      };
      issue.comments.push(comment);
      issue.fields.updated = time;
      return { status: 201, body: comment };
    });

    server.route('POST', `${base}/issue/:key/attachments`, (request) => {
      if (request.headers['x-atlassian-token'] !== 'no-check') {
        return { status: 403, body: 'XSRF check failed' };
      }
      const issue = find(request.params.key ?? '');
      if (!issue) return missing();
      const parts = multipartParts(request.rawBody, String(request.headers['content-type']));
      const files = (parts ?? []).filter((p) => p.name === 'file' && p.filename);
      if (files.length === 0) return bad({}, ['No file was attached in the request.']);
      const stored = files.map((file) => {
        const id = String(nextId++);
        const attachment = {
          self: `${server.url}${base}/attachment/${id}`,
          id,
          filename: file.filename,
          author: me(request),
          created: jiraTime(now()),
          size: file.data.length,
          mimeType: file.type ?? 'application/octet-stream',
          content: `${server.url}/rest/api/${v(request)}/attachment/content/${id}`,
        };
        issue.attachments.push({ ...attachment, bytes: Buffer.from(file.data) });
        return attachment;
      });
      return { body: stored };
    });

    server.route('GET', `${base}/user/search`, (request) => {
      const q = (version === 3 ? request.query.get('query') : request.query.get('username'))?.toLowerCase();
      if (!q)
        return bad({}, [
          version === 3 ? 'The query parameter is required.' : 'The username query parameter was not provided',
        ]);
      const people = [
        { ...me(request) },
        version === 3
          ? { accountId: '557058:bot', accountType: 'app', displayName: 'Automation for Jira', active: true }
          : { name: 'automation', displayName: 'Automation for Jira', active: false },
      ];
      return {
        body: people.filter((u) =>
          `${u.displayName} ${'emailAddress' in u ? u.emailAddress : ''}`.toLowerCase().includes(q),
        ),
      };
    });
  }

  server.route('GET', '/rest/api/3/search/jql', (request) => {
    const jql = request.query.get('jql');
    if (!jql) return bad({}, ['The JQL query is required.']);
    const matched = runJql(jql, [...issues.values()]);
    if (typeof matched === 'string') return bad({}, [matched]);
    const start = Number(request.query.get('nextPageToken') ?? '0');
    const max = Math.min(Number(request.query.get('maxResults') ?? '50'), 100);
    const page = matched.slice(start, start + max);
    const more = start + max < matched.length;
    return {
      body: {
        issues: page.map((issue) => issueBody(request, issue)),
        isLast: !more,
        ...(more ? { nextPageToken: String(start + max) } : {}),
      },
    };
  });

  server.route('GET', '/rest/api/2/search', (request) => {
    const jql = request.query.get('jql') ?? '';
    const matched = runJql(jql, [...issues.values()]);
    if (typeof matched === 'string') return bad({}, [matched]);
    const startAt = Number(request.query.get('startAt') ?? '0');
    const max = Math.min(Number(request.query.get('maxResults') ?? '50'), 100);
    return {
      body: {
        startAt,
        maxResults: max,
        total: matched.length,
        issues: matched.slice(startAt, startAt + max).map((issue) => issueBody(request, issue)),
      },
    };
  });

  server.route('GET', '/rest/api/3/project/search', (request) => {
    const q = request.query.get('query')?.toLowerCase();
    const all = PROJECTS.filter((p) => !q || `${p.key} ${p.name}`.toLowerCase().includes(q));
    const startAt = Number(request.query.get('startAt') ?? '0');
    const max = Number(request.query.get('maxResults') ?? '50');
    const values = all.slice(startAt, startAt + max).map((p) => ({
      ...p,
      ...(request.query.get('expand')?.includes('lead') ? { lead: me(request) } : {}),
    }));
    return { body: { startAt, maxResults: max, total: all.length, isLast: startAt + max >= all.length, values } };
  });

  server.route('GET', '/rest/api/2/project', (request) => ({
    body: PROJECTS.map((p) => ({ ...p, lead: me(request) })),
  }));

  return Object.assign(server, {
    issues,
    seed(projectKey: string, count: number) {
      const project = PROJECTS.find((p) => p.key === projectKey);
      if (!project) throw new Error(`no project ${projectKey} on this site`);
      for (let i = 0; i < count; i++) {
        const n = (counters.get(project.key) ?? 0) + 1;
        counters.set(project.key, n);
        const time = jiraTime(now());
        const key = `${project.key}-${n}`;
        issues.set(key, {
          id: String(nextId++),
          key,
          fields: {
            project: { id: project.id, key: project.key, name: project.name },
            issuetype: { name: 'Task' },
            status: STATUSES.todo,
            summary: `Seeded task ${n}`,
            labels: [],
            assignee: null,
            created: time,
            updated: time,
          },
          comments: [],
          attachments: [],
        });
      }
    },
    reset() {
      issues.clear();
      counters.clear();
      server.requests.length = 0;
      server.unmatched.length = 0;
    },
  });
}

/**
 * The JQL this site understands, a small part of Jira's: clauses joined by AND, each
 * `field = value`, `field != value` or `created|updated >= -N(m|h|d)`, and ORDER BY one field.
 * Anything else answers as Jira does to JQL it cannot parse.
 */
function runJql(jql: string, all: StoredIssue[]): StoredIssue[] | string {
  const [where = '', order] = jql.split(/\s+ORDER BY\s+/i);
  let found = all;
  // Only AND joins clauses here, so grouping parentheses change nothing.
  const flat = where.replace(/[()]/g, ' ').trim();
  const clauses = flat === '' ? [] : flat.split(/\s+AND\s+/i);
  for (const raw of clauses) {
    const clause = raw.trim();
    const relative = /^(created|updated)\s*>=\s*-(\d+)([mhd])$/i.exec(clause);
    if (relative) {
      const [, field = '', n = '0', unit = 'm'] = relative;
      const ms = Number(n) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as 'm' | 'h' | 'd'];
      const from = Date.now() - ms;
      found = found.filter((i) => Date.parse(String(i.fields[field.toLowerCase()])) >= from);
      continue;
    }
    const eq = /^(project|issuetype|status|statusCategory|labels)\s*(!?=)\s*"?([^"]+)"?$/i.exec(clause);
    if (!eq) return `Error in the JQL Query: the clause '${clause}' is not understood.`;
    const [, field = '', op, value = ''] = eq;
    const read = (i: StoredIssue): string[] => {
      const f = i.fields;
      switch (field.toLowerCase()) {
        case 'project':
          return [(f.project as { key: string }).key];
        case 'issuetype':
          return [(f.issuetype as { name: string }).name];
        case 'status':
          return [(f.status as { name: string }).name];
        case 'statuscategory':
          return [(f.status as { statusCategory: { name: string } }).statusCategory.name];
        default:
          return f.labels as string[];
      }
    };
    found = found.filter((i) => read(i).some((x) => x.toLowerCase() === value.toLowerCase()) === (op === '='));
  }
  if (order) {
    const [field = 'created', direction = 'ASC'] = order.trim().split(/\s+/);
    const sign = direction.toUpperCase() === 'DESC' ? -1 : 1;
    found = [...found].sort(
      (a, b) =>
        sign *
        (Date.parse(String(a.fields[field])) - Date.parse(String(b.fields[field])) || Number(a.id) - Number(b.id)),
    );
  }
  return found;
}
