import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { type Jira, withJira } from '../client.js';
import { userOf, userSchema } from '../issue.js';

const projectSchema = Type.Object({
  id: Type.String({ description: 'Numeric id of the project' }),
  key: Type.String({ description: 'Project key, e.g. PROJ' }),
  name: Type.String({ description: 'Project name' }),
  projectTypeKey: Type.Union([Type.String(), Type.Null()], {
    description: 'software, service_desk or business',
  }),
  lead: userSchema('Project lead, when Jira gives it'),
});

function toProject(raw: {
  id?: string | number;
  key?: string;
  name?: string;
  projectTypeKey?: string;
  lead?: unknown;
}) {
  return {
    id: String(raw.id ?? ''),
    key: raw.key ?? '',
    name: raw.name ?? '',
    projectTypeKey: raw.projectTypeKey ?? null,
    lead: userOf(raw.lead),
  };
}

/** Cloud pages projects (`GET /rest/api/3/project/search`); Data Center lists them all (`GET /rest/api/2/project`). */
async function projects(jira: Jira, query: string | undefined, limit: number) {
  if (jira.deployment === 'dataCenter') {
    // jira.js has no call for this v2 listing (its v2 client pages through /project/search, which Data Center lacks).
    const { data: all } = await jira.v2.sendRequestFullResponse<Parameters<typeof toProject>[0][]>({
      url: '/rest/api/2/project',
      method: 'GET',
    });
    const q = query?.toLowerCase();
    const hits = q ? all.filter((p) => `${p.key} ${p.name}`.toLowerCase().includes(q)) : all;
    return hits.slice(0, limit).map(toProject);
  }
  const found: ReturnType<typeof toProject>[] = [];
  for (let startAt = 0; found.length < limit; ) {
    const page = await jira.v3.projects.searchProjects({
      startAt,
      maxResults: Math.min(50, limit - found.length),
      query,
      expand: 'lead',
      orderBy: 'key',
    });
    const values = page.values ?? [];
    found.push(...values.map(toProject));
    startAt += values.length;
    if (page.isLast !== false || values.length === 0) break;
  }
  return found.slice(0, limit);
}

export const listProjects = defineAction({
  auth,
  key: 'projects.list',
  title: 'List projects',
  description:
    'Lists the projects the account can browse, by key, optionally only those whose key or name contains some text.',
  input: Type.Object({
    query: Type.Optional(
      Type.String({ minLength: 1, description: 'Only projects whose key or name contains this text' }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Most projects to return (default 100)',
    }),
  }),
  output: Type.Object({
    projects: Type.Array(projectSchema, { description: 'The projects, by key' }),
  }),
  examples: [
    { title: 'All projects', input: {} },
    { title: 'Projects named like "mobile"', input: { query: 'mobile' } },
  ],
  async run({ input, auth, ctx }) {
    return withJira(auth, ctx, async (jira) => ({ projects: await projects(jira, input.query, input.limit) }));
  },
});
