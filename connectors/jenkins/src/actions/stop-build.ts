import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { jobInput } from '../build.js';
import { jobPath, withJenkins } from '../client.js';

export const stopBuild = defineAction({
  auth,
  key: 'builds.stop',
  title: 'Stop a build',
  description: 'Aborts a running build (its result becomes ABORTED); a finished build stays as it is.',
  input: Type.Object({ job: jobInput, number: Type.Integer({ minimum: 1, description: 'Build number' }) }),
  output: Type.Object({
    job: Type.String({ description: 'Full name of the job' }),
    number: Type.Integer({ description: 'Build number' }),
    stopRequested: Type.Boolean({ description: 'Always true: Jenkins accepted the stop request' }),
  }),
  examples: [
    {
      title: 'Abort a deployment',
      input: { job: 'team/api/deploy', number: 42 },
      output: { job: 'team/api/deploy', number: 42, stopRequested: true },
    },
  ],
  async run({ input, auth, ctx }) {
    return withJenkins(auth, ctx, async (api) => {
      // Jenkins answers the stop with a redirect to the build page; that page is not needed.
      await api.http.request({
        method: 'POST',
        path: `${jobPath(input.job)}/${input.number}/stop`,
        headers: await api.crumbHeaders(),
      });
      return { job: input.job, number: input.number, stopRequested: true };
    });
  },
});
