import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAsana } from '../client.js';
import { gid } from '../tasks.js';

const PAGE = 100;

const project = Type.Object({
  gid: Type.String({ description: 'Project GID.' }),
  name: Type.String({ description: 'Project name.' }),
  archived: Type.Boolean({ description: 'Whether the project is archived.' }),
  color: Type.Union([Type.String(), Type.Null()], { description: 'Project colour.' }),
  team: Type.Union(
    [
      Type.Object({
        gid: Type.String({ description: 'Team GID.' }),
        name: Type.Union([Type.String(), Type.Null()], { description: 'Team name.' }),
      }),
      Type.Null(),
    ],
    {
      description: 'Team the project belongs to.',
    },
  ),
  permalink_url: Type.Union([Type.String(), Type.Null()], { description: 'Link to the project in Asana.' }),
});

interface AsanaProject {
  gid: string;
  name?: string;
  archived?: boolean;
  color?: string | null;
  team?: { gid: string; name?: string | null } | null;
  permalink_url?: string | null;
}

/** GET /projects?workspace=…, following next_page.offset. */
export const listProjects = defineAction({
  key: 'projects.list',
  title: 'List projects',
  description: 'Lists the projects of an Asana workspace or team, paging through them.',
  auth,
  input: Type.Object({
    workspace: gid('Workspace'),
    team: Type.Optional(gid('Only the projects of this team')),
    archived: Type.Optional(Type.Boolean({ description: 'Only archived (true) or active (false) projects.' })),
    maxResults: Type.Integer({ minimum: 1, maximum: 5000, default: 500, description: 'Most projects to return.' }),
  }),
  output: Type.Object({ projects: Type.Array(project, { description: 'The projects.' }) }),
  examples: [{ title: 'Active projects', input: { workspace: '1200000000000001', archived: false } }],
  async run({ input, auth, ctx }) {
    const projects: AsanaProject[] = [];
    await callAsana(auth, ctx, async (asana) => {
      let offset: string | undefined;
      do {
        const page: { data: AsanaProject[]; next_page?: { offset: string } | null } = await asana.projects.getProjects({
          workspace: input.workspace,
          ...(input.team ? { team: input.team } : {}),
          ...(input.archived === undefined ? {} : { archived: input.archived }),
          limit: Math.min(PAGE, input.maxResults - projects.length),
          ...(offset ? { offset } : {}),
          opt_fields: 'name,archived,color,team.name,permalink_url',
        });
        projects.push(...page.data);
        offset = page.next_page?.offset;
      } while (offset && projects.length < input.maxResults);
    });
    return {
      projects: projects.map((p) => ({
        gid: p.gid,
        name: p.name ?? '',
        archived: p.archived ?? false,
        color: p.color ?? null,
        team: p.team ? { gid: p.team.gid, name: p.team.name ?? null } : null,
        permalink_url: p.permalink_url ?? null,
      })),
    };
  },
});
