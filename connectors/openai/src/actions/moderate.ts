import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withOpenAI } from '../client.js';

export const moderate = defineAction({
  auth,
  key: 'moderations.create',
  title: 'Check text for harmful content',
  description:
    'Classifies texts against OpenAI’s usage policies (harassment, hate, self-harm, sexual, violence, illicit…) with the moderation model, free of charge: whether each is flagged, by which categories, with scores.',
  input: Type.Object({
    input: Type.Union(
      [Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 32 })],
      {
        description: 'A text, or several',
      },
    ),
    model: Type.String({
      minLength: 1,
      default: 'omni-moderation-latest',
      description: 'Moderation model (default omni-moderation-latest)',
    }),
  }),
  output: Type.Object({
    model: Type.String({ description: 'Model that classified' }),
    flagged: Type.Boolean({ description: 'Whether any text was flagged' }),
    results: Type.Array(
      Type.Object({
        flagged: Type.Boolean({ description: 'Whether this text was flagged' }),
        categories: Type.Array(Type.String(), {
          description: 'Categories it was flagged for, e.g. harassment, violence/graphic',
        }),
        scores: Type.Record(Type.String(), Type.Number(), { description: 'Score of every category, 0–1' }),
      }),
      { description: 'One result per text, in input order' },
    ),
  }),
  examples: [{ input: { input: ['Have a nice day!', 'I will hurt you'] } }],
  async run({ input, auth, ctx }) {
    const response = await withOpenAI(auth, ctx, (openai) =>
      openai.moderations.create({ model: input.model, input: input.input }),
    );
    const results = response.results.map((result) => ({
      flagged: result.flagged,
      categories: Object.entries(result.categories)
        .filter(([, flagged]) => flagged === true)
        .map(([category]) => category),
      scores: Object.fromEntries(
        Object.entries(result.category_scores).filter(
          (entry): entry is [string, number] => typeof entry[1] === 'number',
        ),
      ),
    }));
    return { model: response.model, flagged: results.some((r) => r.flagged), results };
  },
});
