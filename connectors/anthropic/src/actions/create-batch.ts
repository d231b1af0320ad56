import type Anthropic from '@anthropic-ai/sdk';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { batchOf, batchSchema } from '../batches.js';
import { withAnthropic } from '../client.js';
import { messagesField, messagesOf, modelField, systemField } from '../schemas.js';

export const createBatch = defineAction({
  auth,
  key: 'batches.create',
  title: 'Create a message batch',
  description:
    'Sends many conversations to Claude at once as a Message Batch, processed asynchronously within 24 hours at half the price; poll it with batches.get and read the answers with batches.results.',
  input: Type.Object({
    requests: Type.Array(
      Type.Object({
        customId: Type.String({
          pattern: '^[a-zA-Z0-9_-]{1,64}$',
          description: 'Your id for this request, to match its result',
        }),
        model: modelField,
        system: systemField,
        messages: messagesField,
        maxTokens: Type.Integer({
          minimum: 1,
          default: 1024,
          description: 'Most tokens the answer may use (default 1024)',
        }),
        jsonSchema: Type.Optional(
          Type.Record(Type.String(), Type.Unknown(), {
            description: 'Structured output: a JSON Schema the answer must follow',
          }),
        ),
      }),
      { minItems: 1, maxItems: 100_000, description: 'The requests, each a conversation with its own id' },
    ),
  }),
  output: batchSchema,
  examples: [
    {
      input: {
        requests: [
          {
            customId: 'ticket-1',
            model: 'claude-haiku-4-5',
            maxTokens: 256,
            messages: [{ role: 'user', content: 'Summarize: the parcel arrived broken.' }],
          },
          {
            customId: 'ticket-2',
            model: 'claude-haiku-4-5',
            maxTokens: 256,
            messages: [{ role: 'user', content: 'Summarize: I was charged twice.' }],
          },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const requests = input.requests.map((request) => {
      const params: Anthropic.MessageCreateParamsNonStreaming = {
        model: request.model,
        max_tokens: request.maxTokens,
        messages: messagesOf(request.messages),
        ...(request.system ? { system: request.system } : {}),
        ...(request.jsonSchema
          ? { output_config: { format: { type: 'json_schema', schema: request.jsonSchema } } }
          : {}),
      };
      return { custom_id: request.customId, params };
    });
    return batchOf(await withAnthropic(auth, ctx, (anthropic) => anthropic.messages.batches.create({ requests })));
  },
});
