import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { BUILD_TREE, buildSchema, jobInput, type RawBuild, toBuild } from '../build.js';
import { jobPath, withJenkins } from '../client.js';

export const buildRef = Type.Union(
  [
    Type.Integer({ minimum: 1 }),
    Type.Literal('lastBuild'),
    Type.Literal('lastCompletedBuild'),
    Type.Literal('lastSuccessfulBuild'),
    Type.Literal('lastFailedBuild'),
  ],
  { description: 'Build number, or lastBuild, lastCompletedBuild, lastSuccessfulBuild, lastFailedBuild' },
);

export const getBuild = defineAction({
  auth,
  key: 'builds.get',
  title: 'Get a build',
  description:
    'Reads a build’s status: running or finished, its result (SUCCESS, UNSTABLE, FAILURE, ABORTED), start time, duration and parameters. The build is named by number or as the job’s last (successful, failed, completed) build.',
  input: Type.Object({ job: jobInput, build: buildRef }),
  output: buildSchema,
  examples: [
    { title: 'Status of build 42', input: { job: 'team/api/deploy', build: 42 } },
    { title: 'Last build of a job', input: { job: 'nightly-backup', build: 'lastBuild' } },
  ],
  async run({ input, auth, ctx }) {
    return withJenkins(auth, ctx, async (api) => {
      const { data } = await api.http.get<RawBuild>(`${jobPath(input.job)}/${input.build}/api/json`, {
        query: { tree: BUILD_TREE },
      });
      return toBuild(input.job, data);
    });
  },
});
