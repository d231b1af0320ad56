import type Anthropic from '@anthropic-ai/sdk';
import { defineAction, Type } from '@mova/sdk';
import { answerOf, answerSchema } from '../answer.js';
import { auth } from '../auth.js';
import { withAnthropic } from '../client.js';
import { messagesField, messagesOf, modelField, systemField, toolsField, toolsOf } from '../schemas.js';

const toolChoiceField = Type.Optional(
  Type.Union(
    [
      Type.Literal('auto'),
      Type.Literal('any'),
      Type.Literal('none'),
      Type.Object({ name: Type.String({ minLength: 1, description: 'The tool Claude must call' }) }),
    ],
    {
      description:
        'auto (default with tools): Claude decides; any: it must call one; none: it may not; { name }: it must call that one',
    },
  ),
);

export const createMessage = defineAction({
  auth,
  key: 'messages.create',
  title: 'Send a message to Claude',
  description:
    'Sends a conversation to Claude (Messages API) and gives its answer: the text, the tool calls it wants made (tool_use blocks, when tools are given), or JSON following a JSON Schema (structured output), with the stop reason and token usage. With stream, the answer is received as server-sent events and given whole, which long answers (large maxTokens) need.',
  input: Type.Object({
    model: modelField,
    system: systemField,
    messages: messagesField,
    maxTokens: Type.Integer({
      minimum: 1,
      default: 1024,
      description: 'Most tokens the answer may use (default 1024)',
    }),
    tools: toolsField,
    toolChoice: toolChoiceField,
    jsonSchema: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'Structured output: a JSON Schema the answer must follow (objects need additionalProperties: false); the answer is given parsed in `parsed`',
      }),
    ),
    temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Randomness, 0–1 (default 1)' })),
    stopSequences: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Texts that end the answer when generated' }),
    ),
    stream: Type.Boolean({
      default: false,
      description: 'Receive the answer as a stream and assemble it (default false)',
    }),
  }),
  output: answerSchema,
  examples: [
    {
      title: 'Let Claude call a tool',
      input: {
        model: 'claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
        tools: [
          {
            name: 'get_weather',
            description: 'Current weather for a city',
            inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        ],
        toolChoice: 'any',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model: input.model,
      max_tokens: input.maxTokens,
      messages: messagesOf(input.messages),
      ...(input.system ? { system: input.system } : {}),
      ...(input.tools ? { tools: toolsOf(input.tools) } : {}),
      ...(input.toolChoice
        ? {
            tool_choice:
              typeof input.toolChoice === 'string'
                ? { type: input.toolChoice }
                : { type: 'tool', name: input.toolChoice.name },
          }
        : {}),
      ...(input.jsonSchema ? { output_config: { format: { type: 'json_schema', schema: input.jsonSchema } } } : {}),
      ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
      ...(input.stopSequences ? { stop_sequences: input.stopSequences } : {}),
    };
    const message: Anthropic.Message = await withAnthropic(auth, ctx, async (anthropic) =>
      input.stream ? anthropic.messages.stream(params).finalMessage() : anthropic.messages.create(params),
    );
    return answerOf(message, input.jsonSchema !== undefined, ctx.actionKey);
  },
});
