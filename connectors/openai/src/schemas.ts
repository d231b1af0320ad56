import { ConnectorError, Type } from '@mova/sdk';

export const modelField = (example: string) => Type.String({ minLength: 1, description: `Model id, e.g. ${example}` });

export const jsonSchemaField = Type.Optional(
  Type.Object(
    {
      name: Type.String({
        pattern: '^[A-Za-z0-9_-]{1,64}$',
        description: 'Name of the output format, e.g. invoice_fields',
      }),
      schema: Type.Record(Type.String(), Type.Unknown(), {
        description:
          'JSON Schema the answer must follow. With strict (default), every object needs additionalProperties: false and all its properties required',
      }),
      strict: Type.Boolean({ default: true, description: 'Guarantee the answer follows the schema (default true)' }),
      description: Type.Optional(Type.String({ description: 'What the output is, to guide the model' })),
    },
    { description: 'Structured output: the answer is JSON following this schema, given parsed in `parsed`' },
  ),
);

export const messagesField = Type.Array(
  Type.Object({
    role: Type.Union(
      [Type.Literal('system'), Type.Literal('developer'), Type.Literal('user'), Type.Literal('assistant')],
      {
        description: 'Who speaks: system or developer instructions, the user, or an earlier assistant answer',
      },
    ),
    content: Type.String({ description: 'The text of the message' }),
  }),
  { minItems: 1, description: 'The conversation so far, oldest first' },
);

/** The answer parsed as the JSON its schema asked for. */
export function parseStructured(text: string | null, cutShort: boolean, actionKey: string | undefined): unknown {
  if (cutShort) {
    throw new ConnectorError(
      'the answer was cut at the token limit before its JSON was complete',
      { kind: 'invalid_input', actionKey },
      'Raise the token limit, or ask for less.',
    );
  }
  try {
    return JSON.parse(text ?? '');
  } catch (cause) {
    throw new ConnectorError('the model’s answer is not the JSON its schema asked for', {
      kind: 'unknown',
      actionKey,
      cause,
    });
  }
}
