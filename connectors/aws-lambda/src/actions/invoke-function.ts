import { InvokeCommand } from '@aws-sdk/client-lambda';
import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLambda } from '../client.js';
import { functionNameField, qualifierField } from '../functions.js';
import { functionErrorOf, logTailOf, payloadOf } from '../payload.js';

export const invokeFunction = defineAction({
  auth,
  key: 'functions.invoke',
  title: 'Invoke a function',
  description:
    "Runs a Lambda function with a JSON event (Invoke): RequestResponse waits for its result, Event queues it and returns at once. With logType Tail, the last 4 KB of the run's logs come back too. A function that throws fails the step unless failOnFunctionError is off.",
  input: Type.Object({
    functionName: functionNameField(),
    qualifier: qualifierField(),
    payload: Type.Optional(
      Type.Unknown({ description: 'The event the function gets, as JSON, e.g. { "orderId": 1001 } (default {})' }),
    ),
    invocationType: Type.Union([Type.Literal('RequestResponse'), Type.Literal('Event'), Type.Literal('DryRun')], {
      default: 'RequestResponse',
      description:
        'RequestResponse (default) waits for the result; Event runs it asynchronously; DryRun only checks the call is allowed',
    }),
    logType: Type.Union([Type.Literal('None'), Type.Literal('Tail')], {
      default: 'None',
      description: 'Tail returns the last 4 KB of the execution log (RequestResponse only); default None',
    }),
    clientContext: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Client context for the function (context.clientContext), up to 3583 bytes as JSON',
      }),
    ),
    failOnFunctionError: Type.Boolean({
      default: true,
      description:
        'Fail the step when the function throws (default true); off, the error comes back in functionError and payload',
    }),
  }),
  output: Type.Object({
    statusCode: Type.Integer({ description: '200 for RequestResponse, 202 for Event, 204 for DryRun' }),
    payload: Type.Unknown({
      description:
        'What the function returned, parsed as JSON when it is JSON, else text; null when empty (Event, DryRun)',
    }),
    functionError: Type.Optional(
      Type.String({
        description: 'Set when the function threw: "Unhandled"; payload then holds errorType and errorMessage',
      }),
    ),
    executedVersion: Type.Optional(Type.String({ description: 'Version that ran, e.g. $LATEST or 3' })),
    logTail: Type.Optional(Type.String({ description: 'The last 4 KB of the execution log, decoded (logType Tail)' })),
  }),
  examples: [
    {
      title: 'Price an order and wait for the result',
      input: { functionName: 'price-order', payload: { orderId: 1001, items: ['sku-1', 'sku-2'] }, logType: 'Tail' },
    },
    {
      title: 'Start a report in the background',
      input: { functionName: 'build-report', payload: { month: '2025-03' }, invocationType: 'Event' },
    },
  ],
  async run({ input, auth, ctx }) {
    const answer = await withLambda(auth, ctx, (client, options) =>
      client.send(
        new InvokeCommand({
          FunctionName: input.functionName,
          Qualifier: input.qualifier,
          InvocationType: input.invocationType,
          LogType: input.invocationType === 'RequestResponse' ? input.logType : undefined,
          Payload: new TextEncoder().encode(JSON.stringify(input.payload ?? {})),
          ClientContext: input.clientContext
            ? Buffer.from(JSON.stringify(input.clientContext)).toString('base64')
            : undefined,
        }),
        options,
      ),
    );
    const payload = payloadOf(answer.Payload);
    const logTail = logTailOf(answer.LogResult);
    if (answer.FunctionError && input.failOnFunctionError) {
      const { errorType, errorMessage } = functionErrorOf(payload);
      throw new ConnectorError(
        `the function failed (${answer.FunctionError})${errorType ? ` with ${errorType}` : ''}${errorMessage ? `: ${errorMessage}` : ''}`,
        { kind: 'unknown', status: answer.StatusCode, vendorMessage: errorMessage, actionKey: ctx.actionKey },
        `The function's own code threw${logTail ? `; its log ends:\n${logTail.slice(-1000)}` : '; run with logType Tail to see its log'}. Set failOnFunctionError to false to handle the error in the workflow.`,
      );
    }
    return {
      statusCode: answer.StatusCode ?? 200,
      payload,
      ...(answer.FunctionError ? { functionError: answer.FunctionError } : {}),
      ...(answer.ExecutedVersion ? { executedVersion: answer.ExecutedVersion } : {}),
      ...(logTail ? { logTail } : {}),
    };
  },
});
