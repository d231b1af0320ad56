import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { jobInput, queueSchema, waitForStart } from '../build.js';
import { jobPath, queueIdOf, withJenkins } from '../client.js';

export const buildJob = defineAction({
  auth,
  key: 'jobs.build',
  title: 'Build a job',
  description:
    'Starts a build of a job, with parameters for a parameterized job (buildWithParameters). Jenkins first queues it; set waitForStartSeconds to wait until the queue item has become a build and get its number.',
  input: Type.Object({
    job: jobInput,
    parameters: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
        description:
          'Build parameters by name, e.g. { "ENV": "staging", "DRY_RUN": true }; file parameters are not supported',
      }),
    ),
    delaySeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 3600,
        description: 'Quiet period before the build starts (default: the job’s)',
      }),
    ),
    waitForStartSeconds: Type.Integer({
      minimum: 0,
      maximum: 300,
      default: 0,
      description: 'How long to wait for the build to leave the queue and get a number (0: return once queued)',
    }),
  }),
  output: Type.Composite([
    queueSchema,
    Type.Object({ queueUrl: Type.String({ description: 'API URL of the queue item' }) }),
  ]),
  examples: [
    {
      title: 'Deploy a branch to staging',
      input: { job: 'team/api/deploy', parameters: { ENV: 'staging', BRANCH: 'main' }, waitForStartSeconds: 30 },
    },
    { title: 'Run a nightly job now', input: { job: 'nightly-backup' } },
  ],
  async run({ input, auth, ctx }) {
    return withJenkins(auth, ctx, async (api) => {
      const withParameters = input.parameters !== undefined && Object.keys(input.parameters).length > 0;
      const form: Record<string, string> = Object.fromEntries(
        Object.entries(input.parameters ?? {}).map(([name, value]) => [name, String(value)]),
      );
      const response = await api.http.post(
        `${jobPath(input.job)}/${withParameters ? 'buildWithParameters' : 'build'}`,
        {
          query: { delay: input.delaySeconds === undefined ? undefined : `${input.delaySeconds}sec` },
          headers: await api.crumbHeaders(),
          form,
        },
      );
      const queueId = queueIdOf(response.headers.location);
      if (queueId === null) {
        throw new ConnectorError(
          `Jenkins accepted the build but named no queue item (Location: ${response.headers.location})`,
          {
            kind: 'unknown',
            actionKey: ctx.actionKey,
          },
        );
      }
      const status =
        input.waitForStartSeconds > 0
          ? await waitForStart(api, queueId, input.waitForStartSeconds * 1000, ctx.signal)
          : { queueId, state: 'waiting' as const, why: null, buildNumber: null, buildUrl: null };
      return { ...status, queueUrl: `${api.serverUrl}/queue/item/${queueId}/api/json` };
    });
  },
});
