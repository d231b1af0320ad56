import { defineAction, Type } from '@mova/sdk';
import type OpenAI from 'openai';
import { auth } from '../auth.js';
import { withOpenAI } from '../client.js';
import { jsonSchemaField, messagesField, modelField, parseStructured } from '../schemas.js';

type Message = OpenAI.Chat.ChatCompletionMessageParam;
type Usage = OpenAI.CompletionUsage;

const usageSchema = Type.Object(
  {
    promptTokens: Type.Integer({ description: 'Tokens in the messages' }),
    completionTokens: Type.Integer({ description: 'Tokens in the answer (reasoning included)' }),
    totalTokens: Type.Integer({ description: 'Both together, what is billed' }),
    cachedTokens: Type.Integer({ description: 'Prompt tokens served from the prompt cache (billed lower)' }),
    reasoningTokens: Type.Integer({ description: 'Completion tokens spent reasoning (reasoning models)' }),
  },
  { description: 'Token usage of the call' },
);

export const chatCompletion = defineAction({
  auth,
  key: 'chat.complete',
  title: 'Chat completion',
  description:
    'Answers a conversation with a model (Chat Completions API): free text, or JSON following a JSON Schema (structured output), with the token usage. With stream, the answer is received as it is generated (server-sent events) and given whole at the end, which keeps long generations clear of idle timeouts.',
  input: Type.Object({
    model: modelField('gpt-4.1-mini'),
    messages: messagesField,
    jsonSchema: jsonSchemaField,
    temperature: Type.Optional(
      Type.Number({ minimum: 0, maximum: 2, description: 'Randomness, 0–2 (default 1); lower is more focused' }),
    ),
    maxTokens: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Most tokens the answer may use (max_completion_tokens)' }),
    ),
    stop: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        maxItems: 4,
        description: 'Up to 4 sequences where the answer stops',
      }),
    ),
    seed: Type.Optional(Type.Integer({ description: 'Seed for best-effort repeatable answers' })),
    stream: Type.Boolean({
      default: false,
      description: 'Receive the answer as a stream and assemble it (default false)',
    }),
  }),
  output: Type.Object({
    id: Type.String({ description: 'Completion id (chatcmpl-…)' }),
    model: Type.String({ description: 'Model that answered (a dated snapshot)' }),
    content: Type.Union([Type.String(), Type.Null()], { description: 'The answer text, null when refused' }),
    parsed: Type.Unknown({ description: 'With jsonSchema: the answer parsed as JSON; null otherwise' }),
    refusal: Type.Union([Type.String(), Type.Null()], { description: 'Why the model refused, when it did' }),
    finishReason: Type.String({ description: 'stop, length (token limit), content_filter or tool_calls' }),
    usage: usageSchema,
  }),
  examples: [
    {
      title: 'Extract fields as JSON',
      input: {
        model: 'gpt-4.1-mini',
        messages: [
          { role: 'system', content: 'Extract the invoice fields.' },
          { role: 'user', content: 'Invoice 2024-17 from ACME, total 1,250.00 EUR' },
        ],
        jsonSchema: {
          name: 'invoice',
          schema: {
            type: 'object',
            properties: {
              number: { type: 'string' },
              vendor: { type: 'string' },
              total: { type: 'number' },
              currency: { type: 'string' },
            },
            required: ['number', 'vendor', 'total', 'currency'],
            additionalProperties: false,
          },
        },
        temperature: 0,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
      model: input.model,
      messages: input.messages.map(messageOf),
      ...(input.jsonSchema
        ? {
            response_format: {
              type: 'json_schema',
              json_schema: {
                name: input.jsonSchema.name,
                schema: input.jsonSchema.schema,
                strict: input.jsonSchema.strict,
                ...(input.jsonSchema.description ? { description: input.jsonSchema.description } : {}),
              },
            },
          }
        : {}),
      ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
      ...(input.maxTokens !== undefined ? { max_completion_tokens: input.maxTokens } : {}),
      ...(input.stop ? { stop: input.stop } : {}),
      ...(input.seed !== undefined ? { seed: input.seed } : {}),
    };
    const answer = await withOpenAI(auth, ctx, (openai) =>
      input.stream ? streamed(openai, params) : whole(openai, params),
    );
    return {
      ...answer,
      parsed:
        input.jsonSchema && answer.refusal === null
          ? parseStructured(answer.content, answer.finishReason === 'length', ctx.actionKey)
          : null,
      usage: usageOf(answer.usage),
    };
  },
});

interface Answer {
  id: string;
  model: string;
  content: string | null;
  refusal: string | null;
  finishReason: string;
  usage: Usage | undefined;
}

async function whole(openai: OpenAI, params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming): Promise<Answer> {
  const completion = await openai.chat.completions.create(params);
  const [choice] = completion.choices;
  return {
    id: completion.id,
    model: completion.model,
    content: choice?.message.content ?? null,
    refusal: choice?.message.refusal ?? null,
    finishReason: choice?.finish_reason ?? 'stop',
    usage: completion.usage,
  };
}

/** Reads the server-sent chunks and joins them; usage comes in a last chunk without choices. */
async function streamed(openai: OpenAI, params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming): Promise<Answer> {
  const stream = await openai.chat.completions.create({
    ...params,
    stream: true,
    stream_options: { include_usage: true },
  });
  const answer: Answer = {
    id: '',
    model: params.model,
    content: null,
    refusal: null,
    finishReason: 'stop',
    usage: undefined,
  };
  for await (const chunk of stream) {
    answer.id = chunk.id;
    answer.model = chunk.model;
    if (chunk.usage) answer.usage = chunk.usage;
    const choice = chunk.choices.find((c) => c.index === 0);
    if (!choice) continue;
    if (choice.delta.content) answer.content = (answer.content ?? '') + choice.delta.content;
    if (choice.delta.refusal) answer.refusal = (answer.refusal ?? '') + choice.delta.refusal;
    if (choice.finish_reason) answer.finishReason = choice.finish_reason;
  }
  return answer;
}

function messageOf(message: { role: 'system' | 'developer' | 'user' | 'assistant'; content: string }): Message {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'developer':
      return { role: 'developer', content: message.content };
    case 'user':
      return { role: 'user', content: message.content };
    case 'assistant':
      return { role: 'assistant', content: message.content };
  }
}

function usageOf(usage: Usage | undefined) {
  return {
    promptTokens: usage?.prompt_tokens ?? 0,
    completionTokens: usage?.completion_tokens ?? 0,
    totalTokens: usage?.total_tokens ?? 0,
    cachedTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}
