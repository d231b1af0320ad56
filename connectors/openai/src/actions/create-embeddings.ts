import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withOpenAI } from '../client.js';
import { modelField } from '../schemas.js';

export const createEmbeddings = defineAction({
  auth,
  key: 'embeddings.create',
  title: 'Create embeddings',
  description:
    'Turns texts into embedding vectors (for semantic search, clustering, deduplication), one per text in order, with the token usage. Vectors of text-embedding-3 models can be shortened with dimensions.',
  input: Type.Object({
    model: modelField('text-embedding-3-small'),
    input: Type.Union(
      [Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 2048 })],
      {
        description: 'A text, or up to 2048 texts (each within the model’s 8192-token limit)',
      },
    ),
    dimensions: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 3072, description: 'Length of each vector (text-embedding-3 models)' }),
    ),
  }),
  output: Type.Object({
    model: Type.String({ description: 'Model that embedded' }),
    embeddings: Type.Array(Type.Array(Type.Number()), { description: 'One vector per input text, in input order' }),
    usage: Type.Object(
      {
        promptTokens: Type.Integer({ description: 'Tokens in the input' }),
        totalTokens: Type.Integer({ description: 'Tokens billed' }),
      },
      { description: 'Token usage of the call' },
    ),
  }),
  examples: [
    { input: { model: 'text-embedding-3-small', input: ['refund policy', 'shipping times'], dimensions: 256 } },
  ],
  async run({ input, auth, ctx }) {
    // The SDK asks for base64 vectors (smaller on the wire) and decodes them to numbers.
    const response = await withOpenAI(auth, ctx, (openai) =>
      openai.embeddings.create({
        model: input.model,
        input: input.input,
        ...(input.dimensions !== undefined ? { dimensions: input.dimensions } : {}),
      }),
    );
    const ordered = [...response.data].sort((a, b) => a.index - b.index);
    return {
      model: response.model,
      embeddings: ordered.map((item) => item.embedding),
      usage: { promptTokens: response.usage.prompt_tokens, totalTokens: response.usage.total_tokens },
    };
  },
});
