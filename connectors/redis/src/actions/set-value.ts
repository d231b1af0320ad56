import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

export const setValue = defineAction({
  auth,
  key: 'set',
  title: 'Set a value',
  description:
    'Stores a string at a key (SET), optionally with a time to live and only if the key is absent (NX) or present (XX). Says whether it was stored.',
  input: Type.Object({
    key: Type.String({ minLength: 1, description: 'Key to write' }),
    value: Type.String({ description: 'Text to store' }),
    ttlSeconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Expire the key after this many seconds (EX); not with ttlMilliseconds',
      }),
    ),
    ttlMilliseconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Expire the key after this many milliseconds (PX); not with ttlSeconds',
      }),
    ),
    condition: Type.Optional(
      Type.Union([Type.Literal('ifNotExists'), Type.Literal('ifExists')], {
        description: 'Store only if the key does not exist yet (NX) or only if it already exists (XX)',
      }),
    ),
  }),
  output: Type.Object({
    key: Type.String(),
    set: Type.Boolean({ description: 'False when the condition kept the value from being stored' }),
  }),
  examples: [
    {
      input: { key: 'session:42', value: '{"user":"ada"}', ttlSeconds: 3600 },
      output: { key: 'session:42', set: true },
    },
    {
      title: 'Take a lock only if nobody holds it',
      input: { key: 'lock:report', value: 'worker-1', ttlMilliseconds: 30000, condition: 'ifNotExists' },
      output: { key: 'lock:report', set: false },
    },
  ],
  async run({ input, auth, ctx }) {
    if (input.ttlSeconds !== undefined && input.ttlMilliseconds !== undefined) {
      throw new ConnectorError(
        'give either ttlSeconds or ttlMilliseconds, not both',
        { kind: 'invalid_input', actionKey: ctx.actionKey },
        'Remove one of the two fields.',
      );
    }
    const args: (string | number)[] = [];
    if (input.ttlSeconds !== undefined) args.push('EX', input.ttlSeconds);
    if (input.ttlMilliseconds !== undefined) args.push('PX', input.ttlMilliseconds);
    if (input.condition === 'ifNotExists') args.push('NX');
    if (input.condition === 'ifExists') args.push('XX');
    // SET answers OK when it stored the value and nil when NX/XX prevented it.
    const reply = await withRedis(auth, ctx, (redis) => redis.call('SET', input.key, input.value, ...args));
    return { key: input.key, set: reply === 'OK' };
  },
});
