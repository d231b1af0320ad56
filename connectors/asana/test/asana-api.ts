/**
 * A loopback Asana for the conformance tests, answering the request and response shapes of Asana's API
 * reference (developers.asana.com/reference/…):
 *
 * - createtask, gettask, updatetask: POST /tasks (201; one of workspace, projects, parent required), GET and
 *   PUT /tasks/{task_gid}; bodies wrapped in `{ data }`; without `opt_fields` records come back compact
 *   (gid, resource_type, name), as the reference says.
 * - gettasks: GET /tasks?project=…&modified_since=…; getprojects: GET /projects?workspace=…; both paged with
 *   `limit` (1–100) and `offset`, answering `next_page: { offset, path, uri }` (developers.asana.com/docs/pagination).
 * - searchtasksforworkspace: GET /workspaces/{gid}/tasks/search (`text`, `projects.any`, `assignee.any`,
 *   `completed`, `sort_by`, `sort_ascending`, `limit` ≤ 100); 402 Payment Required on a free workspace.
 * - createstoryfortask: POST /tasks/{gid}/stories with `text` or `html_text`.
 * - getuser: GET /users/me. docs/oauth: POST /-/oauth_token, form refresh_token grant.
 * - docs/errors and docs/rate-limits: `{ errors: [{ message, help }] }`, 401 Not Authorized, 429 with Retry-After.
 */
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const PAT = '2/1200000000000099/1209999999999999:0f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const OAUTH = { clientId: '1209000000000001', clientSecret: 'asana-secret', refreshToken: '1/refresh-asana' };

interface Ref {
  gid: string;
  name: string;
}

export interface StoredTask {
  gid: string;
  name: string;
  notes: string;
  completed: boolean;
  completed_at: string | null;
  assignee: Ref | null;
  due_on: string | null;
  due_at: string | null;
  start_on: string | null;
  created_at: string;
  modified_at: string;
  permalink_url: string;
  projects: Ref[];
  workspace: Ref;
  parent: Ref | null;
  tags: Ref[];
  custom_fields: { gid: string; name: string; display_value: string | null }[];
  followers: string[];
}

export interface AsanaReference {
  server: ReferenceServer;
  url: string;
  me: Ref & { email: string };
  workspace: Ref;
  freeWorkspace: Ref;
  project: Ref;
  otherProject: Ref;
  tasks: Map<string, StoredTask>;
  stories: { gid: string; task: string; text: string; is_pinned: boolean }[];
  projectCount: number;
  seedTask(name: string, project?: Ref): StoredTask;
  close(): Promise<void>;
}

const fail = (status: number, message: string): ReferenceReply => ({
  status,
  body: {
    errors: [
      {
        message,
        help: 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors',
      },
    ],
  },
});

export async function startAsana(): Promise<AsanaReference> {
  let nextGid = 1_204_000_000_000_100;
  const newGid = () => String(nextGid++);
  let clock = Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000;
  const tick = () => {
    clock += 1000;
    return new Date(clock).toISOString();
  };
  const tokens = new Set([PAT]);

  const server = await startReferenceServer({
    check(request: ReferenceRequest) {
      if (request.path === '/-/oauth_token') return undefined;
      const header = request.headers.authorization ?? '';
      return tokens.has(header.replace(/^Bearer /, '')) ? undefined : fail(401, 'Not Authorized');
    },
  });
  const base = '/api/1.0';
  const me = { gid: '1200000000000099', name: 'Ada Lovelace', email: 'ada@example.com' };
  const workspace = { gid: '1200000000000001', name: 'Acme' };
  const freeWorkspace = { gid: '1200000000000002', name: 'Personal' };
  const project = { gid: '1204000000000001', name: 'Launch' };
  const otherProject = { gid: '1204000000000002', name: 'Ops' };
  const projects = [
    {
      ...project,
      archived: false,
      color: 'dark-green',
      team: { gid: '1201', name: 'Marketing' },
      workspace: workspace.gid,
    },
    { ...otherProject, archived: false, color: null, team: { gid: '1202', name: 'IT' }, workspace: workspace.gid },
  ];
  for (let i = 0; i < 120; i++) {
    projects.push({
      gid: String(1_204_000_000_001_000 + i),
      name: `Archive ${i}`,
      archived: true,
      color: null,
      team: { gid: '1202', name: 'IT' },
      workspace: workspace.gid,
    });
  }
  const customFields = new Map([['1205000000000001', 'Priority']]);
  const enumOptions = new Map([
    ['1205000000000011', 'High'],
    ['1205000000000012', 'Low'],
  ]);
  const tasks = new Map<string, StoredTask>();
  const stories: AsanaReference['stories'] = [];

  const compact = (t: { gid: string; name: string }, type: string) => ({
    gid: t.gid,
    resource_type: type,
    name: t.name,
  });
  const withFields = (request: ReferenceRequest, t: StoredTask) => {
    if (!request.query.get('opt_fields')) return compact(t, 'task');
    const { followers: _f, ...full } = t;
    return { resource_type: 'task', ...full };
  };
  const userRef = (value: unknown): Ref | null | undefined => {
    if (value === null) return null;
    if (value === 'me' || value === me.gid || value === me.email) return { gid: me.gid, name: me.name };
    return undefined;
  };
  const dataOf = (body: unknown) =>
    typeof body === 'object' && body !== null && 'data' in body && typeof body.data === 'object' && body.data !== null
      ? (body.data as Record<string, unknown>)
      : undefined;

  function applyFields(task: StoredTask, data: Record<string, unknown>): ReferenceReply | undefined {
    for (const name of ['name', 'notes', 'due_on', 'due_at', 'start_on'] as const) {
      if (name in data) task[name] = data[name] as never;
    }
    if (typeof data.html_notes === 'string') task.notes = data.html_notes.replace(/<[^>]+>/g, '');
    if ('assignee' in data) {
      const assignee = userRef(data.assignee);
      if (assignee === undefined) return fail(400, `assignee: Not a recognized ID: ${String(data.assignee)}`);
      task.assignee = assignee;
    }
    if ('completed' in data) {
      if (typeof data.completed !== 'boolean') return fail(400, 'completed: Not a boolean');
      task.completed = data.completed;
      task.completed_at = data.completed ? new Date(clock).toISOString() : null;
    }
    if ('custom_fields' in data) {
      for (const [fieldGid, value] of Object.entries((data.custom_fields ?? {}) as Record<string, unknown>)) {
        const name = customFields.get(fieldGid);
        if (!name) return fail(400, `custom_fields: Unknown custom field: ${fieldGid}`);
        const display =
          typeof value === 'string' ? (enumOptions.get(value) ?? value) : value === null ? null : String(value);
        task.custom_fields = [
          ...task.custom_fields.filter((f) => f.gid !== fieldGid),
          { gid: fieldGid, name, display_value: display },
        ];
      }
    }
    if (task.start_on && !task.due_on && !task.due_at)
      return fail(400, 'start_on: You must specify a due date with a start date');
    return undefined;
  }

  function createTask(name: string, inProjects: Ref[], parent: Ref | null = null): StoredTask {
    const gid = newGid();
    const now = tick();
    const task: StoredTask = {
      gid,
      name,
      notes: '',
      completed: false,
      completed_at: null,
      assignee: null,
      due_on: null,
      due_at: null,
      start_on: null,
      created_at: now,
      modified_at: now,
      permalink_url: `https://app.asana.com/0/${inProjects[0]?.gid ?? 0}/${gid}`,
      projects: inProjects,
      workspace,
      parent,
      tags: [],
      custom_fields: [],
      followers: [],
    };
    tasks.set(gid, task);
    return task;
  }

  server.route('GET', `${base}/users/me`, () => ({
    body: { data: { ...me, resource_type: 'user', workspaces: [workspace, freeWorkspace] } },
  }));

  server.route('POST', `${base}/tasks`, (request) => {
    const data = dataOf(request.body);
    if (!data) return fail(400, 'data: Missing input');
    const projectGids = Array.isArray(data.projects) ? data.projects.map(String) : [];
    const inProjects = projectGids.map((g) => projects.find((p) => p.gid === g));
    if (inProjects.some((p) => !p)) return fail(400, 'projects: Not a recognized ID');
    const parent = typeof data.parent === 'string' ? tasks.get(data.parent) : undefined;
    if (data.parent !== undefined && !parent) return fail(400, 'parent: Not a recognized ID');
    if (projectGids.length === 0 && !data.workspace && !parent) {
      return fail(400, 'You should specify one of workspace, parent, projects');
    }
    const task = createTask(
      String(data.name ?? ''),
      inProjects.flatMap((p) => (p ? [{ gid: p.gid, name: p.name }] : [])),
      parent ? { gid: parent.gid, name: parent.name } : null,
    );
    const problem = applyFields(task, data);
    if (problem) {
      tasks.delete(task.gid);
      return problem;
    }
    task.followers = Array.isArray(data.followers) ? data.followers.map(String) : [];
    return { status: 201, body: { data: withFields(request, task) } };
  });

  server.route('GET', `${base}/tasks/:gid`, (request) => {
    const task = tasks.get(request.params.gid ?? '');
    return task
      ? { body: { data: withFields(request, task) } }
      : fail(404, `task: Unknown object: ${request.params.gid}`);
  });

  server.route('PUT', `${base}/tasks/:gid`, (request) => {
    const task = tasks.get(request.params.gid ?? '');
    if (!task) return fail(404, `task: Unknown object: ${request.params.gid}`);
    const data = dataOf(request.body);
    if (!data) return fail(400, 'data: Missing input');
    const problem = applyFields(task, data);
    if (problem) return problem;
    task.modified_at = tick();
    return { body: { data: withFields(request, task) } };
  });

  function paged<T>(request: ReferenceRequest, items: T[], path: string): ReferenceReply {
    const limit = Number(request.query.get('limit') ?? '100');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return fail(400, 'limit: Must be between 1 and 100');
    const offset = request.query.get('offset');
    const start = offset ? Number(Buffer.from(offset, 'base64url').toString('utf8').replace('o:', '')) : 0;
    if (Number.isNaN(start)) return fail(400, 'offset: Your pagination token is invalid');
    const page = items.slice(start, start + limit);
    const end = start + page.length;
    const token = Buffer.from(`o:${end}`).toString('base64url');
    return {
      body: {
        data: page,
        next_page:
          end < items.length
            ? {
                offset: token,
                path: `${path}?limit=${limit}&offset=${token}`,
                uri: `https://app.asana.com/api/1.0${path}?limit=${limit}&offset=${token}`,
              }
            : null,
      },
    };
  }

  server.route('GET', `${base}/tasks`, (request) => {
    const projectGid = request.query.get('project');
    if (!projectGid)
      return fail(400, 'Must specify exactly one of project, tag, section, user task list, or assignee + workspace');
    if (!projects.some((p) => p.gid === projectGid)) return fail(404, `project: Unknown object: ${projectGid}`);
    const since = request.query.get('modified_since');
    if (since && Number.isNaN(Date.parse(since))) return fail(400, 'modified_since: Not a valid date');
    const found = [...tasks.values()]
      .filter((t) => t.projects.some((p) => p.gid === projectGid))
      .filter((t) => !since || Date.parse(t.modified_at) >= Date.parse(since));
    return paged(
      request,
      found.map((t) => withFields(request, t)),
      '/tasks',
    );
  });

  server.route('GET', `${base}/workspaces/:gid/tasks/search`, (request) => {
    if (request.params.gid === freeWorkspace.gid) {
      return fail(402, 'Search is only available to premium users.');
    }
    if (request.params.gid !== workspace.gid) return fail(404, `workspace: Unknown object: ${request.params.gid}`);
    const q = request.query;
    const limit = Number(q.get('limit') ?? '100');
    if (limit < 1 || limit > 100) return fail(400, 'limit: Must be between 1 and 100');
    const sortBy = q.get('sort_by') ?? 'modified_at';
    if (!['due_date', 'created_at', 'completed_at', 'likes', 'modified_at'].includes(sortBy))
      return fail(400, 'sort_by: Invalid value');
    const anyOf = (name: string) => q.get(name)?.split(',');
    let found = [...tasks.values()].filter((t) => {
      const text = q.get('text');
      if (text && !`${t.name} ${t.notes}`.toLowerCase().includes(text.toLowerCase())) return false;
      const inProjects = anyOf('projects.any');
      if (inProjects && !t.projects.some((p) => inProjects.includes(p.gid))) return false;
      const assignees = anyOf('assignee.any')?.map((a) => (a === 'me' ? me.gid : a));
      if (assignees && !(t.assignee && assignees.includes(t.assignee.gid))) return false;
      const completed = q.get('completed');
      if (completed !== null && String(t.completed) !== completed) return false;
      return true;
    });
    const key = sortBy === 'due_date' ? 'due_on' : sortBy === 'likes' ? 'created_at' : sortBy;
    found = found.sort((a, b) =>
      String(a[key as keyof StoredTask] ?? '').localeCompare(String(b[key as keyof StoredTask] ?? '')),
    );
    if (q.get('sort_ascending') !== 'true') found.reverse();
    return { body: { data: found.slice(0, limit).map((t) => withFields(request, t)) } };
  });

  server.route('GET', `${base}/projects`, (request) => {
    const ws = request.query.get('workspace');
    if (!ws && !request.query.get('team')) return fail(400, 'Must specify a workspace or team');
    const archived = request.query.get('archived');
    const team = request.query.get('team');
    const found = projects
      .filter((p) => p.workspace === ws)
      .filter((p) => archived === null || String(p.archived) === archived)
      .filter((p) => !team || p.team.gid === team)
      .map(({ workspace: _w, ...p }) =>
        request.query.get('opt_fields')
          ? { ...p, resource_type: 'project', permalink_url: `https://app.asana.com/0/${p.gid}` }
          : compact(p, 'project'),
      );
    return paged(request, found, '/projects');
  });

  server.route('POST', `${base}/tasks/:gid/stories`, (request) => {
    const task = tasks.get(request.params.gid ?? '');
    if (!task) return fail(404, `task: Unknown object: ${request.params.gid}`);
    const data = dataOf(request.body);
    if (!data) return fail(400, 'data: Missing input');
    const text =
      typeof data.text === 'string'
        ? data.text
        : typeof data.html_text === 'string'
          ? data.html_text.replace(/<[^>]+>/g, '')
          : '';
    if (!text) return fail(400, 'text: Missing input');
    const story = { gid: newGid(), task: task.gid, text, is_pinned: data.is_pinned === true };
    stories.push(story);
    return {
      status: 201,
      body: {
        data: {
          gid: story.gid,
          resource_type: 'story',
          resource_subtype: 'comment_added',
          type: 'comment',
          text,
          is_pinned: story.is_pinned,
          created_at: tick(),
          created_by: { gid: me.gid, resource_type: 'user', name: me.name },
        },
      },
    };
  });

  let refreshes = 0;
  server.route('POST', '/-/oauth_token', ({ body, headers }) => {
    const form = body as Record<string, string> | undefined;
    if (
      !headers['content-type']?.includes('application/x-www-form-urlencoded') ||
      form?.grant_type !== 'refresh_token'
    ) {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'grant_type must be refresh_token' },
      };
    }
    if (form.client_id !== OAUTH.clientId || form.client_secret !== OAUTH.clientSecret) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'The client credentials are invalid' },
      };
    }
    if (form.refresh_token !== OAUTH.refreshToken) {
      return {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired' },
      };
    }
    const token = `asana-oauth-${++refreshes}`;
    tokens.add(token);
    return {
      body: {
        access_token: token,
        token_type: 'bearer',
        expires_in: 3600,
        data: { id: me.gid, gid: me.gid, name: me.name, email: me.email },
      },
    };
  });

  const reference: AsanaReference = {
    server,
    url: `${server.url}${base}`,
    me,
    workspace,
    freeWorkspace,
    project,
    otherProject,
    tasks,
    stories,
    projectCount: projects.length,
    seedTask: (name, into = project) => createTask(name, [into]),
    close: () => server.close(),
  };
  return reference;
}
