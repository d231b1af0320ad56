import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLambda } from '../client.js';
import { functionNameField, functionSummary, qualifierField, summaryOf } from '../functions.js';

export const getFunction = defineAction({
  auth,
  key: 'functions.get',
  title: 'Get a function',
  description:
    "Reads a function's configuration (GetFunction): runtime, handler, memory, timeout, state, environment variable names, its tags and reserved concurrency.",
  input: Type.Object({ functionName: functionNameField(), qualifier: qualifierField() }),
  output: Type.Composite([
    functionSummary,
    Type.Object({
      role: Type.String({ description: 'ARN of the execution role' }),
      environmentVariableNames: Type.Array(Type.String(), {
        description: 'Names of its environment variables (values are left out: they often hold secrets)',
      }),
      tags: Type.Record(Type.String(), Type.String(), { description: 'Tags' }),
      reservedConcurrency: Type.Optional(Type.Integer({ description: 'Reserved concurrent executions, when set' })),
    }),
  ]),
  examples: [{ title: 'Configuration of price-order', input: { functionName: 'price-order' } }],
  async run({ input, auth, ctx }) {
    const answer = await withLambda(auth, ctx, (client, options) =>
      client.send(new GetFunctionCommand({ FunctionName: input.functionName, Qualifier: input.qualifier }), options),
    );
    return {
      ...summaryOf(answer.Configuration),
      role: answer.Configuration?.Role ?? '',
      environmentVariableNames: Object.keys(answer.Configuration?.Environment?.Variables ?? {}),
      tags: answer.Tags ?? {},
      ...(answer.Concurrency?.ReservedConcurrentExecutions !== undefined
        ? { reservedConcurrency: answer.Concurrency.ReservedConcurrentExecutions }
        : {}),
    };
  },
});
