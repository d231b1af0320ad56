import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { BUILD_TREE, buildSchema, jobInput, type RawBuild, toBuild } from '../build.js';
import { jobPath, withJenkins } from '../client.js';

export const buildFinished = defineTrigger({
  auth,
  kind: 'polling',
  key: 'builds.finished',
  title: 'Build finished',
  description:
    'Starts a workflow for each build of a job that finished since the last poll, optionally only with some results (e.g. FAILURE), oldest first.',
  input: Type.Object({
    job: jobInput,
    results: Type.Optional(
      Type.Array(
        Type.Union([
          Type.Literal('SUCCESS'),
          Type.Literal('UNSTABLE'),
          Type.Literal('FAILURE'),
          Type.Literal('NOT_BUILT'),
          Type.Literal('ABORTED'),
        ]),
        { minItems: 1, description: 'Only builds with these results (default: any)' },
      ),
    ),
    recent: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 20,
      description: 'Newest builds read per poll (default 20); more finishing between two polls are missed',
    }),
  }),
  output: buildSchema,
  dedupe: { by: 'id', field: 'number' },
  examples: [{ title: 'Failed deployments', input: { job: 'team/api/deploy', results: ['FAILURE', 'UNSTABLE'] } }],
  async poll({ input, auth, ctx }) {
    return withJenkins(auth, ctx, async (api) => {
      const { data } = await api.http.get<{ builds?: RawBuild[] }>(`${jobPath(input.job)}/api/json`, {
        query: { tree: `builds[${BUILD_TREE}]{0,${input.recent}}` },
      });
      // Running builds are left for a later poll: they are emitted once, when finished.
      return (data.builds ?? [])
        .filter((build) => !build.building && (!input.results || input.results.some((r) => r === build.result)))
        .map((build) => toBuild(input.job, build))
        .reverse();
    });
  },
});
