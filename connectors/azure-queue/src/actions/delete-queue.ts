import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { queueService } from '../client.js';
import { queueCall } from '../errors.js';
import { queueField } from '../schemas.js';

export const deleteQueue = defineAction({
  auth,
  key: 'queues.delete',
  title: 'Delete a queue',
  description:
    'Deletes a queue and every message in it (Delete Queue). Azure needs at least 30 seconds before a queue of the same name can be created again.',
  input: Type.Object({
    queue: queueField,
    ignoreMissing: Type.Boolean({
      default: false,
      description: 'Succeed when there is no such queue (default: fail as not found)',
    }),
  }),
  output: Type.Object({
    deleted: Type.Boolean({ description: 'False when the queue did not exist (with ignoreMissing)' }),
  }),
  examples: [
    { title: 'Remove a test queue', input: { queue: 'orders-test', ignoreMissing: true }, output: { deleted: false } },
  ],
  async run({ input, auth, ctx }) {
    const client = queueService(auth, ctx.actionKey).getQueueClient(input.queue);
    if (input.ignoreMissing) {
      const response = await queueCall(ctx.actionKey, () => client.deleteIfExists({ abortSignal: ctx.signal }));
      return { deleted: response.succeeded };
    }
    await queueCall(ctx.actionKey, () => client.delete({ abortSignal: ctx.signal }));
    return { deleted: true };
  },
});
