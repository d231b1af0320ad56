import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { queueSchema, waitForStart } from '../build.js';
import { withJenkins } from '../client.js';

export const getQueueItem = defineAction({
  auth,
  key: 'queue.get',
  title: 'Get a queue item',
  description:
    'Reads a queue item (from jobs.build): still waiting and why, cancelled, or started with its build number. Can wait for the build to start. Jenkins forgets left queue items after about five minutes.',
  input: Type.Object({
    queueId: Type.Integer({ minimum: 1, description: 'Id of the queue item, as jobs.build gave it' }),
    waitForStartSeconds: Type.Integer({
      minimum: 0,
      maximum: 300,
      default: 0,
      description: 'How long to wait for the build to start (0: read once)',
    }),
  }),
  output: queueSchema,
  examples: [{ title: 'Which build did my request become?', input: { queueId: 1, waitForStartSeconds: 10 } }],
  async run({ input, auth, ctx }) {
    return withJenkins(auth, ctx, (api) =>
      waitForStart(api, input.queueId, input.waitForStartSeconds * 1000, ctx.signal),
    );
  },
});
