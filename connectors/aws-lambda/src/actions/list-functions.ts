import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { defineAction, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLambda } from '../client.js';
import { functionSummary, summaryOf } from '../functions.js';

export const listFunctions = defineAction({
  auth,
  key: 'functions.list',
  title: 'List functions',
  description:
    "Lists the account's functions in the connection's region with their runtime, memory, timeout and state (ListFunctions, 50 per page), reading pages up to limit; pass nextMarker back to go on.",
  input: Type.Object({
    limit: Type.Integer({
      minimum: 1,
      maximum: 10000,
      default: 1000,
      description: 'Most functions to return (default 1000)',
    }),
    marker: Type.Optional(
      Type.String({ minLength: 1, description: 'nextMarker of a previous call, to read on from there' }),
    ),
  }),
  output: Type.Object({
    functions: Type.Array(functionSummary, { description: 'Functions (their unpublished $LATEST version)' }),
    nextMarker: Type.Optional(Type.String({ description: 'Marker for the next call when more functions remain' })),
  }),
  examples: [{ title: 'All functions', input: {} }],
  async run({ input, auth, ctx }) {
    return withLambda(auth, ctx, async (client, options) => {
      const functions: Static<typeof functionSummary>[] = [];
      let marker = input.marker;
      do {
        const page = await client.send(
          new ListFunctionsCommand({ Marker: marker, MaxItems: Math.min(50, input.limit - functions.length) }),
          options,
        );
        functions.push(...(page.Functions ?? []).map(summaryOf));
        marker = page.NextMarker;
      } while (marker && functions.length < input.limit);
      return { functions, ...(marker ? { nextMarker: marker } : {}) };
    });
  },
});
