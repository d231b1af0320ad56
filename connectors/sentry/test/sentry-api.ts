// A Sentry organization on loopback for the conformance tests. Sentry publishes its OpenAPI
// description (getsentry/sentry-api-schema) in no npm package and a self-hosted Sentry needs a dozen
// containers, so this server answers the REST API (`/api/0/`) the way docs.sentry.io says:
// - Authentication (https://docs.sentry.io/api/auth/): `Authorization: Bearer <auth token>`;
//   401 {"detail": "Invalid token"} otherwise.
// - Pagination (https://docs.sentry.io/api/pagination/): `cursor` parameter, and a Link header with
//   `rel="previous"` and `rel="next"`, each with `results="true|false"` and `cursor="…"`.
// - Rate limits (https://docs.sentry.io/api/ratelimits/): 429 with X-Sentry-Rate-Limit-Limit,
//   -Remaining and -Reset (UTC epoch seconds).
// - Organizations (https://docs.sentry.io/api/organizations/retrieve-an-organization/):
//   GET /api/0/organizations/{organization_id_or_slug}/; projects
//   (https://docs.sentry.io/api/organizations/list-an-organizations-projects/): GET …/projects/.
// - Issues (https://docs.sentry.io/api/events/list-an-organizations-issues/,
//   /retrieve-an-issue/, /update-an-issue/): GET …/issues/ (query, project, environment, statsPeriod,
//   sort, limit, cursor), GET|PUT …/issues/{issue_id}/ (status, statusDetails inRelease,
//   inNextRelease, ignoreDuration, ignoreCount; assignedTo "user:<id>", "team:<id>", username or
//   email; isBookmarked). Counts are strings, as Sentry sends them.
// - Issue events (https://docs.sentry.io/api/events/list-an-issues-events/): GET …/issues/{id}/events/.
// - Releases (https://docs.sentry.io/api/releases/create-a-new-release-for-an-organization/):
//   POST …/releases/ with version and projects required; 208 with the release when it exists.
// Failures are `{"detail": "…"}`, or field errors `{"field": ["…"]}` from request validation.
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const TOKEN = 'sntryu_reference_token_0001';
export const ORG = 'acme';

type Json = Record<string, unknown>;

export interface SentryReference {
  url: string;
  server: ReferenceServer;
  issues: Json[];
  events: Map<string, Json[]>;
  releases: Json[];
  addIssue(fields: Json): Json;
  addEvent(issueId: string, fields: Json): Json;
  close(): Promise<void>;
}

const PROJECTS: Json[] = [
  { id: '11', slug: 'backend', name: 'Backend', platform: 'python', dateCreated: '2025-01-02T10:00:00.000000Z' },
  {
    id: '12',
    slug: 'frontend',
    name: 'Frontend',
    platform: 'javascript-react',
    dateCreated: '2025-01-03T10:00:00.000000Z',
  },
  { id: '13', slug: 'mobile', name: 'Mobile', platform: 'apple-ios', dateCreated: '2025-01-04T10:00:00.000000Z' },
];
const MEMBERS = [{ id: '501', name: 'Ada Lovelace', username: 'ada', email: 'ada@example.com' }];
const TEAMS = [{ id: '12', name: 'payments', slug: 'payments' }];

const detail = (status: number, text: string): ReferenceReply => ({ status, body: { detail: text } });

export async function startSentry(): Promise<SentryReference> {
  const server = await startReferenceServer({ check: authenticate });
  const issues: Json[] = [];
  const events = new Map<string, Json[]>();
  const releases: Json[] = [];
  let clock = Date.parse('2026-04-01T12:00:00Z');
  let nextId = 4000;
  const now = () => {
    clock += 60_000;
    return new Date(clock).toISOString();
  };

  function addIssue(fields: Json): Json {
    const id = typeof fields.id === 'string' ? fields.id : String(++nextId);
    const project = PROJECTS.find((p) => p.slug === (fields.projectSlug ?? 'backend')) ?? PROJECTS[0];
    const { projectSlug: _slug, ...rest } = fields;
    const seen = now();
    const issue: Json = {
      id,
      shortId: `${String(project?.slug).toUpperCase()}-${Number(id).toString(36).toUpperCase()}`,
      title: 'Error',
      culprit: 'app.handler',
      level: 'error',
      status: 'unresolved',
      substatus: 'new',
      statusDetails: {},
      platform: project?.platform,
      project: { id: project?.id, name: project?.name, slug: project?.slug, platform: project?.platform },
      type: 'error',
      metadata: {},
      numComments: 0,
      assignedTo: null,
      isBookmarked: false,
      isSubscribed: false,
      hasSeen: false,
      count: '1',
      userCount: 1,
      firstSeen: seen,
      lastSeen: seen,
      permalink: `${server.url}/organizations/${ORG}/issues/${id}/`,
      ...rest,
    };
    issues.push(issue);
    return issue;
  }

  function addEvent(issueId: string, fields: Json): Json {
    const list = events.get(issueId) ?? [];
    const eventID = (BigInt(nextId++) * 7919n).toString(16).padStart(32, '0');
    const event: Json = {
      id: eventID,
      eventID,
      groupID: issueId,
      title: issues.find((i) => i.id === issueId)?.title ?? 'Error',
      message: '',
      platform: 'python',
      dateCreated: now(),
      tags: [],
      user: null,
      'event.type': 'error',
      ...fields,
    };
    list.unshift(event);
    events.set(issueId, list);
    return event;
  }

  /** One page of `items` by `cursor` ("<value>:<offset>:<is_prev>"), with Sentry's Link header. */
  function paged(request: ReferenceRequest, items: Json[], perPage: number): ReferenceReply {
    const cursor = request.query.get('cursor') ?? '0:0:0';
    const match = /^(\d+):(\d+):([01])$/.exec(cursor);
    if (!match) return detail(400, 'Invalid cursor parameter.');
    const offset = Number(match[2]);
    const link = (at: number, rel: string, results: boolean, prev: 0 | 1) => {
      const query = new URLSearchParams(request.query);
      const value = `0:${at}:${prev}`;
      query.set('cursor', value);
      return `<${server.url}${request.path}?${query}>; rel="${rel}"; results="${results}"; cursor="${value}"`;
    };
    const previous = link(Math.max(0, offset - perPage), 'previous', offset > 0, 1);
    const next = link(offset + perPage, 'next', offset + perPage < items.length, 0);
    return { headers: { link: `${previous}, ${next}` }, body: items.slice(offset, offset + perPage) };
  }

  const withOrg = (answer: (request: ReferenceRequest) => ReferenceReply) => (request: ReferenceRequest) =>
    request.params.org === ORG ? answer(request) : detail(404, 'The requested resource does not exist');
  const body = (request: ReferenceRequest): Json => {
    const value = request.body;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : {};
  };
  const limitOf = (request: ReferenceRequest, fallback: number): number | undefined => {
    const limit = Number(request.query.get('limit') ?? fallback);
    return Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : undefined;
  };

  server.route(
    'GET',
    '/api/0/organizations/:org/',
    withOrg(() => ({ body: { id: '1', slug: ORG, name: 'Acme', status: { id: 'active', name: 'active' } } })),
  );
  server.route(
    'GET',
    '/api/0/organizations/:org/projects/',
    withOrg((request) => paged(request, PROJECTS, 2)),
  );

  server.route(
    'GET',
    '/api/0/organizations/:org/issues/',
    withOrg((request) => {
      const q = request.query;
      const limit = limitOf(request, 25);
      if (limit === undefined) return detail(400, 'Invalid limit: it must be between 1 and 100');
      const sort = q.get('sort') ?? 'date';
      if (!['date', 'new', 'freq', 'user', 'trends', 'inbox'].includes(sort))
        return detail(400, `Invalid sort: ${sort}`);
      const statsPeriod = q.get('statsPeriod');
      if (statsPeriod !== null && !/^\d+[smhdw]$/.test(statsPeriod)) return detail(400, 'Invalid stats_period');
      const filters: ((issue: Json) => boolean)[] = [];
      for (const token of (q.get('query') ?? '').split(/\s+/).filter(Boolean)) {
        const [key, value] = token.includes(':') ? token.split(/:(.*)/s) : [undefined, token];
        if (key === 'is') {
          if (!['unresolved', 'resolved', 'ignored', 'archived'].includes(String(value))) {
            return detail(400, `Invalid value for "is" search: ${value}`);
          }
          filters.push((i) => i.status === (value === 'archived' ? 'ignored' : value));
        } else if (key === 'level') filters.push((i) => i.level === value);
        else if (key === undefined)
          filters.push((i) => String(i.title).toLowerCase().includes(String(value).toLowerCase()));
        else return detail(400, `Invalid search query: this reference does not know the "${key}" key`);
      }
      const projects = q.getAll('project');
      if (projects.some((p) => !PROJECTS.some((known) => known.id === p))) {
        return detail(403, 'You do not have permission to perform this action.');
      }
      const key = sort === 'new' ? 'firstSeen' : sort === 'freq' ? 'count' : sort === 'user' ? 'userCount' : 'lastSeen';
      const list = issues
        .filter((i) => projects.length === 0 || projects.includes(String((i.project as Json).id)))
        .filter((i) => filters.every((f) => f(i)))
        .sort((a, b) =>
          key === 'count' || key === 'userCount'
            ? Number(b[key]) - Number(a[key])
            : String(b[key]).localeCompare(String(a[key])) || Number(b.id) - Number(a.id),
        );
      return paged(request, list, limit);
    }),
  );

  const issueOf = (id: string | undefined) => issues.find((i) => i.id === id);
  server.route(
    'GET',
    '/api/0/organizations/:org/issues/:id/',
    withOrg((request) => {
      const issue = issueOf(request.params.id);
      return issue ? { body: issue } : detail(404, 'The requested resource does not exist');
    }),
  );
  server.route(
    'PUT',
    '/api/0/organizations/:org/issues/:id/',
    withOrg((request) => {
      if (!String(request.headers['content-type']).includes('application/json')) {
        return detail(415, 'Unsupported media type "text/plain" in request.');
      }
      const issue = issueOf(request.params.id);
      if (!issue) return detail(404, 'The requested resource does not exist');
      const change = body(request);
      const status = change.status;
      if (
        status !== undefined &&
        !['resolved', 'unresolved', 'ignored', 'resolvedInNextRelease'].includes(String(status))
      ) {
        return { status: 400, body: { status: [`"${String(status)}" is not a valid choice.`] } };
      }
      const details =
        typeof change.statusDetails === 'object' && change.statusDetails !== null
          ? Object.fromEntries(Object.entries(change.statusDetails))
          : {};
      if (details.inRelease !== undefined && !releases.some((r) => r.version === details.inRelease)) {
        return { status: 400, body: { statusDetails: { inRelease: ['Unable to find the given release'] } } };
      }
      if ('assignedTo' in change) {
        const actor = String(change.assignedTo ?? '');
        if (actor === '') issue.assignedTo = null;
        else {
          const [type, id] = actor.includes(':') ? actor.split(':') : ['user', actor];
          const member = MEMBERS.find((m) => type === 'user' && (m.id === id || m.username === id || m.email === id));
          const team = TEAMS.find((t) => type === 'team' && t.id === id);
          if (!member && !team) return { status: 400, body: { assignedTo: ['Unknown actor input'] } };
          issue.assignedTo = member
            ? { type: 'user', id: member.id, name: member.name, email: member.email }
            : { type: 'team', id: team?.id, name: team?.name };
        }
      }
      if (status !== undefined) {
        issue.status = status === 'resolvedInNextRelease' ? 'resolved' : status;
        issue.substatus =
          issue.status === 'ignored'
            ? details.ignoreDuration || details.ignoreCount
              ? 'archived_until_condition_met'
              : 'archived_until_escalating'
            : issue.status === 'unresolved'
              ? 'ongoing'
              : null;
        issue.statusDetails = details;
      }
      if (typeof change.isBookmarked === 'boolean') issue.isBookmarked = change.isBookmarked;
      return { body: issue };
    }),
  );
  server.route(
    'GET',
    '/api/0/organizations/:org/issues/:id/events/',
    withOrg((request) => {
      if (!issueOf(request.params.id)) return detail(404, 'The requested resource does not exist');
      const environments = request.query.getAll('environment');
      const list = (events.get(request.params.id ?? '') ?? []).filter(
        (e) =>
          environments.length === 0 ||
          (Array.isArray(e.tags) && e.tags.some((t) => t.key === 'environment' && environments.includes(t.value))),
      );
      return paged(request, list, 2);
    }),
  );

  server.route(
    'POST',
    '/api/0/organizations/:org/releases/',
    withOrg((request) => {
      const fields = body(request);
      const errors: Json = {};
      if (typeof fields.version !== 'string' || !fields.version) errors.version = ['This field is required.'];
      else if (/[/\\\s]/.test(fields.version)) errors.version = ['Release with name containing invalid characters'];
      if (!Array.isArray(fields.projects) || fields.projects.length === 0)
        errors.projects = ['This field is required.'];
      if (Object.keys(errors).length > 0) return { status: 400, body: errors };
      const slugs = Array.isArray(fields.projects) ? fields.projects.map(String) : [];
      if (slugs.some((slug) => !PROJECTS.some((p) => p.slug === slug))) {
        return { status: 400, body: { projects: ['Invalid project ids or slugs'] } };
      }
      const existing = releases.find((r) => r.version === fields.version);
      if (existing) return { status: 208, body: existing };
      const release: Json = {
        id: releases.length + 1,
        version: fields.version,
        shortVersion: String(fields.version)
          .replace(/^[^@]+@/, '')
          .slice(0, 12),
        ref: fields.ref ?? null,
        url: fields.url ?? null,
        dateCreated: now(),
        dateReleased: fields.dateReleased ?? null,
        newGroups: 0,
        commitCount: 0,
        projects: slugs.map((slug) => {
          const project = PROJECTS.find((p) => p.slug === slug);
          return { id: Number(project?.id), slug, name: project?.name };
        }),
      };
      releases.push(release);
      return { status: 201, body: release };
    }),
  );

  return {
    url: server.url,
    server,
    issues,
    events,
    releases,
    addIssue,
    addEvent,
    close: () => server.close(),
  };
}

function authenticate(request: ReferenceRequest): ReferenceReply | undefined {
  return request.headers.authorization === `Bearer ${TOKEN}` ? undefined : detail(401, 'Invalid token');
}
