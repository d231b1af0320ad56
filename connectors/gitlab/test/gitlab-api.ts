// A GitLab instance on loopback for the conformance tests. GitLab publishes no npm-packaged API
// description (its OpenAPI file covers a fraction of REST v4 and ships in no package) and no
// emulator runs without the full Rails stack, so this server answers the REST API v4 the way its
// documentation says, on the paths gitbeaker calls:
// - Authentication (https://docs.gitlab.com/api/rest/authentication/): an access token in the
//   PRIVATE-TOKEN header, or an OAuth 2.0 token as `Authorization: Bearer`; otherwise
//   401 {"message":"401 Unauthorized"}.
// - Pagination (https://docs.gitlab.com/api/rest/#pagination): `page`/`per_page` (default 20,
//   max 100), answered with X-Total, X-Total-Pages, X-Per-Page, X-Page, X-Next-Page, X-Prev-Page and
//   a Link header (rel="next", "prev", "first", "last").
// - Errors (https://docs.gitlab.com/api/rest/troubleshooting/): 400 {"error":"title is missing"}
//   for a missing required attribute, 404 {"message":"404 Project Not Found"}, 429 with Retry-After.
// - Users (https://docs.gitlab.com/api/users/#get-the-current-user): GET /user.
// - Projects (https://docs.gitlab.com/api/projects/#get-a-single-project): GET /projects/:id, the
//   id being the numeric ID or the URL-encoded full path.
// - Issues (https://docs.gitlab.com/api/issues/): GET /issues, GET|POST /projects/:id/issues,
//   GET|PUT /projects/:id/issues/:iid (state_event, labels, add_labels, remove_labels, …).
// - Notes (https://docs.gitlab.com/api/notes/): POST /projects/:id/issues/:iid/notes and
//   /projects/:id/merge_requests/:iid/notes (body required, internal).
// - Merge requests (https://docs.gitlab.com/api/merge_requests/): GET /merge_requests,
//   GET|POST /projects/:id/merge_requests (409 when an open one exists for the source branch),
//   GET /projects/:id/merge_requests/:iid, PUT …/:iid/merge (405 not mergeable: draft or not open;
//   409 sha mismatch; 406 conflicts).
// - Pipelines (https://docs.gitlab.com/api/pipelines/): GET /projects/:id/pipelines,
//   GET /projects/:id/pipelines/:pipeline_id, POST /projects/:id/pipeline (ref required, variables
//   as [{key, value, variable_type}]; 400 {"message":{"base":["Reference not found"]}} for an unknown ref).
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const TOKEN = 'glpat-reference-token-0001';
export const OAUTH_TOKEN = 'oauth-reference-token-0001';

type Json = Record<string, unknown>;

export interface GitlabReference {
  url: string;
  server: ReferenceServer;
  projects: Json[];
  issues: Json[];
  mergeRequests: Json[];
  pipelines: Json[];
  notes: Json[];
  branches: Map<number, Set<string>>;
  /** Adds a project; its full path is `path_with_namespace`. */
  addProject(fields: { id: number; path: string; name: string; branches?: string[] }): Json;
  addIssue(projectId: number, fields: Json): Json;
  addMergeRequest(projectId: number, fields: Json): Json;
  close(): Promise<void>;
}

const USER = { id: 7, username: 'ada', name: 'Ada Lovelace', state: 'active', web_url: '' };

export async function startGitlab(): Promise<GitlabReference> {
  const server = await startReferenceServer({ check: authenticate });
  const api = `${server.url}/api/v4`;
  const projects: Json[] = [];
  const issues: Json[] = [];
  const mergeRequests: Json[] = [];
  const pipelines: Json[] = [];
  const notes: Json[] = [];
  const branches = new Map<number, Set<string>>();
  let clock = Date.parse('2026-01-05T09:00:00Z');
  let nextId = 500;
  const now = () => {
    clock += 60_000;
    return new Date(clock).toISOString().replace('Z', '+00:00').replace('.000', '.000');
  };
  USER.web_url = `${server.url}/ada`;

  const projectOf = (id: string): Json | undefined =>
    projects.find((p) => String(p.id) === id || p.path_with_namespace === id);
  const notFound = (what: string): ReferenceReply => ({ status: 404, body: { message: `404 ${what} Not Found` } });
  const missing = (attribute: string): ReferenceReply => ({ status: 400, body: { error: `${attribute} is missing` } });
  const split = (value: unknown): string[] =>
    typeof value === 'string' ? value.split(',').filter(Boolean) : Array.isArray(value) ? value.map(String) : [];

  function addIssue(projectId: number, fields: Json): Json {
    const project = projects.find((p) => p.id === projectId) ?? {};
    const iid = issues.filter((i) => i.project_id === projectId).length + 1;
    const created = now();
    const issue: Json = {
      id: nextId++,
      iid,
      project_id: projectId,
      title: '',
      description: null,
      state: 'opened',
      created_at: created,
      updated_at: created,
      closed_at: null,
      closed_by: null,
      labels: [],
      milestone: null,
      assignees: [],
      assignee: null,
      author: USER,
      type: 'ISSUE',
      user_notes_count: 0,
      due_date: null,
      confidential: false,
      web_url: `${project.web_url}/-/issues/${iid}`,
      ...fields,
    };
    issues.push(issue);
    return issue;
  }

  function addMergeRequest(projectId: number, fields: Json): Json {
    const project = projects.find((p) => p.id === projectId) ?? {};
    const iid = mergeRequests.filter((m) => m.project_id === projectId).length + 1;
    const created = now();
    const title = String(fields.title ?? '');
    const draft = /^(\[draft\]|\(draft\)|draft:|draft)\s/i.test(title);
    const mr: Json = {
      id: nextId++,
      iid,
      project_id: projectId,
      title,
      description: null,
      state: 'opened',
      created_at: created,
      updated_at: created,
      merged_at: null,
      closed_at: null,
      target_branch: 'main',
      source_branch: '',
      source_project_id: projectId,
      target_project_id: projectId,
      labels: [],
      assignees: [],
      reviewers: [],
      author: USER,
      draft,
      work_in_progress: draft,
      detailed_merge_status: draft ? 'draft_status' : 'mergeable',
      merge_status: 'can_be_merged',
      sha: `${(nextId * 7919).toString(16).padStart(8, '0')}${'a'.repeat(32)}`,
      merge_commit_sha: null,
      squash: false,
      force_remove_source_branch: false,
      web_url: `${project.web_url}/-/merge_requests/${iid}`,
      ...fields,
    };
    mergeRequests.push(mr);
    return mr;
  }

  /** A list answered one page at a time with GitLab's paging headers. */
  function paged(request: ReferenceRequest, items: Json[]): ReferenceReply {
    const page = Number(request.query.get('page') ?? 1);
    const perPage = Math.min(Number(request.query.get('per_page') ?? 20), 100);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1) {
      return { status: 400, body: { error: 'page is invalid' } };
    }
    const totalPages = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number) => {
      const query = new URLSearchParams(request.query);
      query.set('page', String(n));
      query.set('per_page', String(perPage));
      return `${server.url}${request.path}?${query}`;
    };
    const links = [
      ...(page < totalPages ? [`<${link(page + 1)}>; rel="next"`] : []),
      ...(page > 1 ? [`<${link(page - 1)}>; rel="prev"`] : []),
      `<${link(1)}>; rel="first"`,
      `<${link(totalPages)}>; rel="last"`,
    ];
    return {
      headers: {
        'x-total': String(items.length),
        'x-total-pages': String(totalPages),
        'x-per-page': String(perPage),
        'x-page': String(page),
        'x-next-page': page < totalPages ? String(page + 1) : '',
        'x-prev-page': page > 1 ? String(page - 1) : '',
        link: links.join(', '),
      },
      body: items.slice((page - 1) * perPage, page * perPage),
    };
  }

  /** The filters issue and merge request listings share, then order_by/sort. */
  function filtered(request: ReferenceRequest, items: Json[], states: string[]): Json[] | ReferenceReply {
    const q = request.query;
    const state = q.get('state');
    if (state !== null && !states.includes(state))
      return { status: 400, body: { error: 'state does not have a valid value' } };
    const labels = split(q.get('labels') ?? undefined);
    const search = q.get('search')?.toLowerCase();
    const assignees = q.getAll('assignee_username[]');
    const orderBy = q.get('order_by') ?? 'created_at';
    if (!['created_at', 'updated_at', 'due_date'].includes(orderBy)) {
      return { status: 400, body: { error: 'order_by does not have a valid value' } };
    }
    const sort = q.get('sort') ?? 'desc';
    const after = (field: string, param: string) => (item: Json) =>
      !q.get(param) || Date.parse(String(item[field])) > Date.parse(String(q.get(param)));
    return items
      .filter((i) => state === null || state === 'all' || i.state === state)
      .filter((i) => labels.every((l) => split(i.labels).includes(l)))
      .filter((i) => !search || `${i.title} ${i.description ?? ''}`.toLowerCase().includes(search))
      .filter((i) => !q.get('author_username') || (i.author as Json).username === q.get('author_username'))
      .filter((i) => assignees.every((a) => (i.assignees as Json[]).some((u) => u.username === a)))
      .filter((i) => !q.get('source_branch') || i.source_branch === q.get('source_branch'))
      .filter((i) => !q.get('target_branch') || i.target_branch === q.get('target_branch'))
      .filter(after('created_at', 'created_after'))
      .filter(after('updated_at', 'updated_after'))
      .sort((a, b) => {
        const order = String(a[orderBy] ?? '').localeCompare(String(b[orderBy] ?? '')) || Number(a.id) - Number(b.id);
        return sort === 'asc' ? order : -order;
      });
  }

  const body = (request: ReferenceRequest): Json => {
    const value = request.body;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : {};
  };
  const jsonOnly = (request: ReferenceRequest): ReferenceReply | undefined =>
    request.rawBody.length > 0 && !String(request.headers['content-type']).includes('application/json')
      ? { status: 415, body: { message: '415 Unsupported Media Type' } }
      : undefined;

  const withProject =
    (answer: (project: Json, request: ReferenceRequest) => ReferenceReply) => (request: ReferenceRequest) => {
      const project = projectOf(request.params.id ?? '');
      return project ? answer(project, request) : notFound('Project');
    };

  server.route('GET', '/api/v4/user', () => ({ body: USER }));
  server.route(
    'GET',
    '/api/v4/projects/:id',
    withProject((project) => ({ body: project })),
  );

  // Issues
  server.route('GET', '/api/v4/issues', (request) => {
    const list = filtered(request, issues, ['opened', 'closed', 'all']);
    return Array.isArray(list) ? paged(request, list) : list;
  });
  server.route(
    'GET',
    '/api/v4/projects/:id/issues',
    withProject((project, request) => {
      const list = filtered(
        request,
        issues.filter((i) => i.project_id === project.id),
        ['opened', 'closed', 'all'],
      );
      return Array.isArray(list) ? paged(request, list) : list;
    }),
  );
  server.route(
    'POST',
    '/api/v4/projects/:id/issues',
    withProject((project, request) => {
      const fields = body(request);
      if (typeof fields.title !== 'string' || !fields.title) return missing('title');
      return {
        status: 201,
        body: addIssue(Number(project.id), {
          title: fields.title,
          description: fields.description ?? null,
          labels: split(fields.labels),
          assignees: Array.isArray(fields.assignee_ids) ? fields.assignee_ids.map(() => USER) : [],
          due_date: fields.due_date ?? null,
          confidential: fields.confidential === true,
        }),
      };
    }),
  );
  const issueOf = (project: Json, iid: string) =>
    issues.find((i) => i.project_id === project.id && String(i.iid) === iid);
  server.route(
    'GET',
    '/api/v4/projects/:id/issues/:iid',
    withProject((project, request) => {
      const issue = issueOf(project, request.params.iid ?? '');
      return issue ? { body: issue } : notFound('Issue');
    }),
  );
  server.route(
    'PUT',
    '/api/v4/projects/:id/issues/:iid',
    withProject((project, request) => {
      const refused = jsonOnly(request);
      if (refused) return refused;
      const issue = issueOf(project, request.params.iid ?? '');
      if (!issue) return notFound('Issue');
      const fields = body(request);
      const editable = ['title', 'description', 'due_date', 'confidential'];
      if (
        !editable.some((f) => f in fields) &&
        !['labels', 'add_labels', 'remove_labels', 'assignee_ids', 'state_event', 'milestone_id'].some(
          (f) => f in fields,
        )
      ) {
        return {
          status: 400,
          body: {
            error: 'assignee_id, assignee_ids, confidential, … are missing, at least one parameter must be provided',
          },
        };
      }
      for (const f of editable) if (f in fields) issue[f] = fields[f] === '' ? null : fields[f];
      if ('labels' in fields) issue.labels = split(fields.labels);
      issue.labels = [...new Set([...split(issue.labels), ...split(fields.add_labels)])].filter(
        (l) => !split(fields.remove_labels).includes(l),
      );
      if (Array.isArray(fields.assignee_ids))
        issue.assignees = fields.assignee_ids.filter((id) => id !== 0).map(() => USER);
      if (fields.state_event === 'close') {
        issue.state = 'closed';
        issue.closed_at = now();
      } else if (fields.state_event === 'reopen') {
        issue.state = 'opened';
        issue.closed_at = null;
      } else if (fields.state_event !== undefined) {
        return { status: 400, body: { error: 'state_event does not have a valid value' } };
      }
      issue.updated_at = now();
      return { body: issue };
    }),
  );

  // Notes
  const addNote = (noteable: Json | undefined, type: string, request: ReferenceRequest): ReferenceReply => {
    if (!noteable) return notFound(type === 'Issue' ? 'Issue' : 'Merge Request');
    const fields = body(request);
    if (typeof fields.body !== 'string' || !fields.body) return missing('body');
    const note: Json = {
      id: nextId++,
      type: null,
      body: fields.body,
      author: USER,
      created_at: now(),
      updated_at: null,
      system: false,
      noteable_id: noteable.id,
      noteable_type: type,
      noteable_iid: noteable.iid,
      project_id: noteable.project_id,
      resolvable: false,
      confidential: fields.internal === true,
      internal: fields.internal === true,
    };
    notes.push(note);
    noteable.user_notes_count = Number(noteable.user_notes_count ?? 0) + 1;
    return { status: 201, body: note };
  };
  server.route(
    'POST',
    '/api/v4/projects/:id/issues/:iid/notes',
    withProject((project, request) => addNote(issueOf(project, request.params.iid ?? ''), 'Issue', request)),
  );
  const mrOf = (project: Json, iid: string) =>
    mergeRequests.find((m) => m.project_id === project.id && String(m.iid) === iid);
  server.route(
    'POST',
    '/api/v4/projects/:id/merge_requests/:iid/notes',
    withProject((project, request) => addNote(mrOf(project, request.params.iid ?? ''), 'MergeRequest', request)),
  );

  // Merge requests
  const mrStates = ['opened', 'closed', 'locked', 'merged', 'all'];
  server.route('GET', '/api/v4/merge_requests', (request) => {
    const list = filtered(request, mergeRequests, mrStates);
    return Array.isArray(list) ? paged(request, list) : list;
  });
  server.route(
    'GET',
    '/api/v4/projects/:id/merge_requests',
    withProject((project, request) => {
      const list = filtered(
        request,
        mergeRequests.filter((m) => m.project_id === project.id),
        mrStates,
      );
      return Array.isArray(list) ? paged(request, list) : list;
    }),
  );
  server.route(
    'POST',
    '/api/v4/projects/:id/merge_requests',
    withProject((project, request) => {
      const fields = body(request);
      for (const required of ['source_branch', 'target_branch', 'title']) {
        if (typeof fields[required] !== 'string' || !fields[required]) return missing(required);
      }
      const known = branches.get(Number(project.id)) ?? new Set();
      if (!known.has(String(fields.source_branch)) || !known.has(String(fields.target_branch))) {
        return { status: 400, body: { message: ['Source branch does not exist', 'Target branch does not exist'] } };
      }
      const open = mergeRequests.find(
        (m) => m.project_id === project.id && m.source_branch === fields.source_branch && m.state === 'opened',
      );
      if (open) {
        return {
          status: 409,
          body: { message: [`Another open merge request already exists for this source branch: !${open.iid}`] },
        };
      }
      return {
        status: 201,
        body: addMergeRequest(Number(project.id), {
          title: fields.title,
          description: fields.description ?? null,
          source_branch: fields.source_branch,
          target_branch: fields.target_branch,
          labels: split(fields.labels),
          assignees: Array.isArray(fields.assignee_ids) ? fields.assignee_ids.map(() => USER) : [],
          reviewers: Array.isArray(fields.reviewer_ids) ? fields.reviewer_ids.map(() => USER) : [],
          force_remove_source_branch: fields.remove_source_branch === true,
          squash: fields.squash === true,
        }),
      };
    }),
  );
  server.route(
    'GET',
    '/api/v4/projects/:id/merge_requests/:iid',
    withProject((project, request) => {
      const mr = mrOf(project, request.params.iid ?? '');
      return mr ? { body: mr } : notFound('Merge Request');
    }),
  );
  server.route(
    'PUT',
    '/api/v4/projects/:id/merge_requests/:iid/merge',
    withProject((project, request) => {
      const refused = jsonOnly(request);
      if (refused) return refused;
      const mr = mrOf(project, request.params.iid ?? '');
      if (!mr) return notFound('Merge Request');
      const fields = body(request);
      if (mr.state !== 'opened' || mr.draft === true)
        return { status: 405, body: { message: '405 Method Not Allowed' } };
      if (mr.detailed_merge_status === 'conflict') return { status: 406, body: { message: 'Branch cannot be merged' } };
      if (fields.sha !== undefined && fields.sha !== mr.sha) {
        return { status: 409, body: { message: `SHA does not match HEAD of source branch: ${String(fields.sha)}` } };
      }
      const merged = now();
      Object.assign(mr, {
        state: 'merged',
        merged_at: merged,
        updated_at: merged,
        detailed_merge_status: 'not_open',
        merge_commit_sha: `${'b'.repeat(32)}${String(mr.id).padStart(8, '0')}`,
        squash: fields.squash === true || mr.squash === true,
        merge_user: USER,
      });
      if (fields.should_remove_source_branch === true)
        branches.get(Number(project.id))?.delete(String(mr.source_branch));
      return { body: mr };
    }),
  );

  // Pipelines
  server.route(
    'POST',
    '/api/v4/projects/:id/pipeline',
    withProject((project, request) => {
      const fields = body(request);
      if (typeof fields.ref !== 'string' || !fields.ref) return missing('ref');
      if (!(branches.get(Number(project.id)) ?? new Set()).has(fields.ref)) {
        return { status: 400, body: { message: { base: ['Reference not found'] } } };
      }
      const variables = fields.variables ?? [];
      if (
        !Array.isArray(variables) ||
        variables.some(
          (v) =>
            typeof v !== 'object' ||
            v === null ||
            typeof v.key !== 'string' ||
            typeof v.value !== 'string' ||
            !['env_var', 'file', undefined].includes(v.variable_type),
        )
      ) {
        return { status: 400, body: { error: 'variables is invalid' } };
      }
      const created = now();
      const id = 1000 + pipelines.length + 1;
      const pipeline: Json = {
        id,
        iid: pipelines.filter((p) => p.project_id === project.id).length + 1,
        project_id: project.id,
        status: 'created',
        source: 'api',
        ref: fields.ref,
        sha: `${'c'.repeat(32)}${String(id).padStart(8, '0')}`,
        before_sha: '0000000000000000000000000000000000000000',
        tag: false,
        yaml_errors: null,
        user: USER,
        created_at: created,
        updated_at: created,
        started_at: null,
        finished_at: null,
        committed_at: null,
        duration: null,
        queued_duration: null,
        coverage: null,
        web_url: `${project.web_url}/-/pipelines/${id}`,
        variables,
      };
      pipelines.push(pipeline);
      const { variables: _hidden, ...shown } = pipeline;
      return { status: 201, body: shown };
    }),
  );
  server.route(
    'GET',
    '/api/v4/projects/:id/pipelines',
    withProject((project, request) => {
      const q = request.query;
      const list = pipelines
        .filter((p) => p.project_id === project.id)
        .filter((p) => !q.get('status') || p.status === q.get('status'))
        .filter((p) => !q.get('ref') || p.ref === q.get('ref'))
        .filter((p) => !q.get('source') || p.source === q.get('source'))
        .filter(
          (p) =>
            !q.get('updated_after') || Date.parse(String(p.updated_at)) > Date.parse(String(q.get('updated_after'))),
        )
        .sort((a, b) => Number(b.id) - Number(a.id))
        .map(({ variables: _hidden, user: _user, ...shown }) => shown);
      return paged(request, list);
    }),
  );
  server.route(
    'GET',
    '/api/v4/projects/:id/pipelines/:pipelineId',
    withProject((project, request) => {
      const pipeline = pipelines.find((p) => p.project_id === project.id && String(p.id) === request.params.pipelineId);
      if (!pipeline) return notFound('');
      const { variables: _hidden, ...shown } = pipeline;
      return { body: shown };
    }),
  );

  return {
    url: server.url,
    server,
    projects,
    issues,
    mergeRequests,
    pipelines,
    notes,
    branches,
    addProject({ id, path, name, branches: names = ['main'] }) {
      const project: Json = {
        id,
        name,
        path: path.split('/').at(-1),
        path_with_namespace: path,
        name_with_namespace: path.split('/').join(' / '),
        description: null,
        default_branch: names[0] ?? null,
        visibility: 'private',
        web_url: `${server.url}/${path}`,
        created_at: now(),
        last_activity_at: now(),
        _links: { self: `${api}/projects/${id}` },
      };
      projects.push(project);
      branches.set(id, new Set(names));
      return project;
    },
    addIssue,
    addMergeRequest,
    close: () => server.close(),
  };
}

/** Access token in PRIVATE-TOKEN, or an OAuth token as Bearer; anything else is 401. */
function authenticate(request: ReferenceRequest): ReferenceReply | undefined {
  const privateToken = request.headers['private-token'];
  const authorization = request.headers.authorization;
  if (privateToken === TOKEN && authorization === undefined) return undefined;
  if (authorization === `Bearer ${OAUTH_TOKEN}` && privateToken === undefined) return undefined;
  if (authorization?.startsWith('Bearer ')) {
    return {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="Doorkeeper", error="invalid_token"' },
      body: { error: 'invalid_token', error_description: 'Token was revoked. You have to re-authorize from the user.' },
    };
  }
  return { status: 401, body: { message: '401 Unauthorized' } };
}
