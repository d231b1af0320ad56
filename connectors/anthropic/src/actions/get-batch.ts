import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { batchIdField, batchOf, batchSchema } from '../batches.js';
import { withAnthropic } from '../client.js';

export const getBatch = defineAction({
  auth,
  key: 'batches.get',
  title: 'Get a message batch',
  description:
    'Reads a Message Batch’s processing status and request counts; when it has ended, batches.results reads the answers.',
  input: Type.Object({ id: batchIdField }),
  output: batchSchema,
  examples: [{ input: { id: 'msgbatch_013Zva2CMHLNnXjNJJKqJ2EF' } }],
  async run({ input, auth, ctx }) {
    return batchOf(await withAnthropic(auth, ctx, (anthropic) => anthropic.messages.batches.retrieve(input.id)));
  },
});
