import { defineAction, Type } from '@mova/sdk';
import type OpenAI from 'openai';
import { auth } from '../auth.js';
import { withOpenAI } from '../client.js';
import { jsonSchemaField, messagesField, modelField, parseStructured } from '../schemas.js';

export const createResponse = defineAction({
  auth,
  key: 'responses.create',
  title: 'Generate a response',
  description:
    'Generates a model response (Responses API, OpenAI’s newest interface): from text or a conversation, with instructions, optionally as JSON following a JSON Schema (structured output), continuing an earlier stored response, with the token usage.',
  input: Type.Object({
    model: modelField('gpt-4.1'),
    input: Type.Union([Type.String({ minLength: 1 }), messagesField], {
      description: 'The prompt text, or a conversation (role and content per message)',
    }),
    instructions: Type.Optional(Type.String({ description: 'System instructions for this response' })),
    jsonSchema: jsonSchemaField,
    maxOutputTokens: Type.Optional(
      Type.Integer({ minimum: 16, description: 'Most tokens the output may use (reasoning included)' }),
    ),
    temperature: Type.Optional(
      Type.Number({ minimum: 0, maximum: 2, description: 'Randomness, 0–2; lower is more focused' }),
    ),
    previousResponseId: Type.Optional(
      Type.String({ pattern: '^resp_', description: 'A stored response to continue from (resp_…)' }),
    ),
    store: Type.Boolean({
      default: false,
      description: 'Keep the response at OpenAI for 30 days so a later step can continue from it (default false)',
    }),
  }),
  output: Type.Object({
    id: Type.String({ description: 'Response id (resp_…)' }),
    model: Type.String({ description: 'Model that answered' }),
    status: Type.String({ description: 'completed, or incomplete when the token limit cut it' }),
    outputText: Type.String({ description: 'The text output, joined' }),
    parsed: Type.Unknown({ description: 'With jsonSchema: the output parsed as JSON; null otherwise' }),
    usage: Type.Object(
      {
        inputTokens: Type.Integer({ description: 'Tokens in the input' }),
        outputTokens: Type.Integer({ description: 'Tokens in the output (reasoning included)' }),
        totalTokens: Type.Integer({ description: 'Both together' }),
        cachedTokens: Type.Integer({ description: 'Input tokens served from the prompt cache' }),
        reasoningTokens: Type.Integer({ description: 'Output tokens spent reasoning' }),
      },
      { description: 'Token usage of the call' },
    ),
  }),
  examples: [
    {
      input: {
        model: 'gpt-4.1',
        instructions: 'Answer in one sentence.',
        input: 'Why is the sky blue?',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const params: OpenAI.Responses.ResponseCreateParamsNonStreaming = {
      model: input.model,
      input:
        typeof input.input === 'string' ? input.input : input.input.map((m) => ({ role: m.role, content: m.content })),
      store: input.store,
      ...(input.instructions ? { instructions: input.instructions } : {}),
      ...(input.jsonSchema
        ? {
            text: {
              format: {
                type: 'json_schema',
                name: input.jsonSchema.name,
                schema: input.jsonSchema.schema,
                strict: input.jsonSchema.strict,
                ...(input.jsonSchema.description ? { description: input.jsonSchema.description } : {}),
              },
            },
          }
        : {}),
      ...(input.maxOutputTokens !== undefined ? { max_output_tokens: input.maxOutputTokens } : {}),
      ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
      ...(input.previousResponseId ? { previous_response_id: input.previousResponseId } : {}),
    };
    const response = await withOpenAI(auth, ctx, (openai) => openai.responses.create(params));
    const cutShort = response.status === 'incomplete';
    return {
      id: response.id,
      model: response.model,
      status: response.status ?? 'completed',
      outputText: response.output_text,
      parsed: input.jsonSchema ? parseStructured(response.output_text, cutShort, ctx.actionKey) : null,
      usage: {
        inputTokens: response.usage?.input_tokens ?? 0,
        outputTokens: response.usage?.output_tokens ?? 0,
        totalTokens: response.usage?.total_tokens ?? 0,
        cachedTokens: response.usage?.input_tokens_details.cached_tokens ?? 0,
        reasoningTokens: response.usage?.output_tokens_details.reasoning_tokens ?? 0,
      },
    };
  },
});
