import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { answerOf, answerSchema } from '../answer.js';
import { auth } from '../auth.js';
import { batchIdField } from '../batches.js';
import { withAnthropic } from '../client.js';

export const batchResults = defineAction({
  auth,
  key: 'batches.results',
  title: 'Read message batch results',
  description:
    'Reads the answers of an ended Message Batch (its JSONL results file): per request, its customId and the answer, or why it failed, was canceled or expired. Results can come in any order; match them by customId.',
  input: Type.Object({
    id: batchIdField,
    parseJson: Type.Boolean({
      default: false,
      description: 'Parse each answer as JSON (for requests sent with a jsonSchema)',
    }),
  }),
  output: Type.Object({
    results: Type.Array(
      Type.Object({
        customId: Type.String({ description: 'The request’s customId' }),
        type: Type.String({ description: 'succeeded, errored, canceled or expired' }),
        answer: Type.Union([answerSchema, Type.Null()], { description: 'The answer, when succeeded' }),
        error: Type.Union([Type.String(), Type.Null()], { description: 'What went wrong, when errored' }),
      }),
      { description: 'One result per request' },
    ),
  }),
  examples: [{ input: { id: 'msgbatch_013Zva2CMHLNnXjNJJKqJ2EF' } }],
  async run({ input, auth, ctx }) {
    const results = await withAnthropic(auth, ctx, async (anthropic) => {
      const batch = await anthropic.messages.batches.retrieve(input.id);
      if (batch.results_url === null) {
        throw new ConnectorError(
          `message batch ${input.id} is ${batch.processing_status}; its results are ready once it has ended`,
          { kind: 'conflict', actionKey: ctx.actionKey },
          'Poll batches.get until processingStatus is ended, then read the results.',
        );
      }
      const rows = [];
      for await (const row of await anthropic.messages.batches.results(input.id)) rows.push(row);
      return rows;
    });
    return {
      results: results.map(({ custom_id, result }) => ({
        customId: custom_id,
        type: result.type,
        answer: result.type === 'succeeded' ? answerOf(result.message, input.parseJson, ctx.actionKey) : null,
        error: result.type === 'errored' ? `${result.error.error.type}: ${result.error.error.message}` : null,
      })),
    };
  },
});
