import { defineAction, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { type Jenkins, jobPath, withJenkins } from '../client.js';

interface RawJob {
  _class?: string;
  name?: string;
  url?: string;
  color?: string;
  buildable?: boolean;
  lastBuild?: { number?: number } | null;
  jobs?: unknown[];
}

const jobSchema = Type.Object({
  fullName: Type.String({ description: 'Full name, folders included (what the other actions take as job)' }),
  name: Type.String({ description: 'Name in its folder' }),
  kind: Type.Union([Type.Literal('job'), Type.Literal('folder')], {
    description: 'folder for folders and multibranch/organization folders, job otherwise',
  }),
  class: Type.String({
    description: 'Jenkins class, e.g. hudson.model.FreeStyleProject, org.jenkinsci.plugins.workflow.job.WorkflowJob',
  }),
  color: Type.Union([Type.String(), Type.Null()], {
    description: 'Status ball: blue, red, yellow, notbuilt, disabled, aborted (…_anime while building)',
  }),
  buildable: Type.Union([Type.Boolean(), Type.Null()], {
    description: 'Whether it can be built (false when disabled)',
  }),
  lastBuildNumber: Type.Union([Type.Integer(), Type.Null()], { description: 'Number of its last build' }),
  url: Type.String({ description: 'Its page' }),
});

const TREE = 'jobs[_class,name,url,color,buildable,lastBuild[number],jobs[name]]';

type Job = Static<typeof jobSchema>;

async function list(api: Jenkins, folder: string, depth: number, out: Job[], limit: number): Promise<void> {
  const { data } = await api.http.get<{ jobs?: RawJob[] }>(`${jobPath(folder)}/api/json`, { query: { tree: TREE } });
  for (const raw of data.jobs ?? []) {
    if (out.length >= limit) return;
    const name = raw.name ?? '';
    const fullName = folder ? `${folder}/${name}` : name;
    const isFolder = Array.isArray(raw.jobs);
    out.push({
      fullName,
      name,
      kind: isFolder ? ('folder' as const) : ('job' as const),
      class: raw._class ?? '',
      color: raw.color ?? null,
      buildable: raw.buildable ?? null,
      lastBuildNumber: raw.lastBuild?.number ?? null,
      url: raw.url ?? '',
    });
    if (isFolder && depth > 0) await list(api, fullName, depth - 1, out, limit);
  }
}

export const listJobs = defineAction({
  auth,
  key: 'jobs.list',
  title: 'List jobs',
  description:
    'Lists the jobs and folders at the top of Jenkins or in a folder, with their status colour and last build number; with depth, the jobs inside sub-folders too.',
  input: Type.Object({
    folder: Type.Optional(
      Type.String({ minLength: 1, description: 'Full name of a folder, e.g. "team/api" (default: the top)' }),
    ),
    depth: Type.Integer({
      minimum: 0,
      maximum: 5,
      default: 0,
      description: 'Sub-folder levels to descend into (0: only the folder itself)',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500, description: 'Most entries to return' }),
  }),
  output: Type.Object({
    jobs: Type.Array(jobSchema, { description: 'Jobs and folders, folders followed by their contents' }),
  }),
  examples: [{ title: 'Everything two levels deep', input: { depth: 2 } }],
  async run({ input, auth, ctx }) {
    return withJenkins(auth, ctx, async (api) => {
      const jobs: Job[] = [];
      await list(api, input.folder ?? '', input.depth, jobs, input.limit);
      return { jobs };
    });
  },
});
