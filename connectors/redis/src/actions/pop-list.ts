import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

/** A step must finish well inside the runtime's step timeout, so blocking waits stay short. */
const MAX_WAIT_SECONDS = 30;

export const popList = defineAction({
  auth,
  key: 'list.pop',
  title: 'Pop from a list',
  description: `Removes and returns values from the head (LPOP) or tail (RPOP) of a list. With \`waitSeconds\` it blocks up to that long (BLPOP/BRPOP, at most ${MAX_WAIT_SECONDS} s) for one value to arrive.`,
  input: Type.Object({
    key: Type.String({ minLength: 1, description: 'Key of the list' }),
    end: Type.Union([Type.Literal('left'), Type.Literal('right')], {
      default: 'left',
      description: 'Which end to pop from: left (head, the default) or right (tail)',
    }),
    count: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 1,
      description: 'How many values to pop at most (not with waitSeconds)',
    }),
    waitSeconds: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: MAX_WAIT_SECONDS,
        description: `Block up to this many seconds (at most ${MAX_WAIT_SECONDS}) until a value arrives`,
      }),
    ),
  }),
  output: Type.Object({
    key: Type.String(),
    values: Type.Array(Type.String(), { description: 'Popped values, in pop order' }),
    empty: Type.Boolean({ description: 'True when nothing was popped (empty list, or the wait ran out)' }),
  }),
  examples: [
    {
      input: { key: 'jobs', end: 'left', count: 2 },
      output: { key: 'jobs', values: ['job-1', 'job-2'], empty: false },
    },
    {
      title: 'Wait up to 5 s for a job',
      input: { key: 'jobs', end: 'left', count: 1, waitSeconds: 5 },
      output: { key: 'jobs', values: [], empty: true },
    },
  ],
  async run({ input, auth, ctx }) {
    const { key, end, count, waitSeconds } = input;
    if (waitSeconds !== undefined && count > 1) {
      throw new ConnectorError(
        'a blocking pop (waitSeconds) returns one value; count cannot be above 1 with it',
        { kind: 'invalid_input', actionKey: ctx.actionKey },
        'Drop count, or drop waitSeconds to pop several values without waiting.',
      );
    }
    const values = await withRedis(auth, ctx, async (redis) => {
      if (waitSeconds !== undefined) {
        // BLPOP/BRPOP answer [key, value], or nil when the wait runs out.
        const reply = end === 'left' ? await redis.blpop(key, waitSeconds) : await redis.brpop(key, waitSeconds);
        return reply ? [reply[1]] : [];
      }
      const popped = end === 'left' ? await redis.lpop(key, count) : await redis.rpop(key, count);
      return popped ?? [];
    });
    return { key, values, empty: values.length === 0 };
  },
});
