import { Type } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { HttpFetchInput, HttpFetchOutput } from './http-fetch-schema.js';

// The TypeBox definitions the plain schemas replaced: the JSON they produce must not change.
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
const closed = { additionalProperties: false } as const;

/** The input of `uses: http_fetch`, checked like a connector action's input. */
const typeboxInput = Type.Object(
  {
    url: Type.String({ pattern: '^https?://', description: 'The http or https URL to call.' }),
    method: Type.Optional(
      Type.Union(
        [
          Type.Literal('GET'),
          Type.Literal('HEAD'),
          Type.Literal('POST'),
          Type.Literal('PUT'),
          Type.Literal('PATCH'),
          Type.Literal('DELETE'),
          Type.Literal('OPTIONS'),
        ],
        { default: 'GET', description: 'The HTTP method.' },
      ),
    ),
    headers: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Request headers, by name.' })),
    query: Type.Optional(
      Type.Record(Type.String(), Type.Union([Scalar, Type.Array(Scalar)]), {
        description: 'Query parameters appended to the URL; a list repeats the parameter.',
      }),
    ),
    body: Type.Optional(
      Type.Union(
        [
          Type.Object({ json: Type.Unknown() }, closed),
          Type.Object({ text: Type.String() }, closed),
          Type.Object({ form: Type.Record(Type.String(), Scalar) }, closed),
        ],
        { description: 'The request body: { "json": value }, { "text": "..." } or { "form": { "field": "value" } }.' },
      ),
    ),
    timeout: Type.Optional(
      Type.String({
        pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$',
        description: 'How long to wait for the whole response, e.g. "10s".',
      }),
    ),
    response: Type.Optional(
      Type.Union([Type.Literal('auto'), Type.Literal('json'), Type.Literal('text')], {
        default: 'auto',
        description: 'How to read the body: "json", "text", or "auto" (JSON when the content type says so).',
      }),
    ),
    follow_redirects: Type.Optional(
      Type.Boolean({ default: true, description: 'Follow up to 5 redirects, each checked against the allowed hosts.' }),
    ),
  },
  closed,
);

const typeboxOutput = Type.Object({
  status: Type.Integer({ description: 'The final HTTP status.' }),
  headers: Type.Record(Type.String(), Type.String(), { description: 'Response headers, lower-case names.' }),
  body: Type.Unknown({ description: 'The body: parsed JSON, text, or null when there is none.' }),
});

/** A TypeBox schema as JSON (its symbol keys dropped). */
const plain = (schema: object): unknown => JSON.parse(JSON.stringify(schema));

describe('http_fetch schemas', () => {
  it('are the JSON Schema the TypeBox definitions produced', () => {
    expect(HttpFetchInput).toEqual(plain(typeboxInput));
    expect(HttpFetchOutput).toEqual(plain(typeboxOutput));
  });
});
