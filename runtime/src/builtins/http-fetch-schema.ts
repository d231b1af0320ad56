import type { JsonSchema } from '@mova/sdk';

// Plain JSON Schema rather than TypeBox: the runtime would load TypeBox's ~200 module files at start
// for these two schemas alone. The types below follow them by hand; http-fetch-schema.test.ts checks the schemas
// against the TypeBox definitions they replaced.

const scalar = { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] } as const;
const closed = { additionalProperties: false } as const;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

type Scalar = string | number | boolean;

/** The input of `uses: http_fetch`, checked like a connector action's input (defaults filled in). */
export interface HttpFetchInput {
  url: string;
  method?: (typeof METHODS)[number];
  headers?: Record<string, string>;
  query?: Record<string, Scalar | Scalar[]>;
  body?: { json: unknown } | { text: string } | { form: Record<string, Scalar> };
  timeout?: string;
  response?: 'auto' | 'json' | 'text';
  follow_redirects?: boolean;
}

/** The input schema of `uses: http_fetch`. */
export const HttpFetchInput = {
  type: 'object',
  required: ['url'],
  properties: {
    url: { type: 'string', pattern: '^https?://', description: 'The http or https URL to call.' },
    method: {
      anyOf: METHODS.map((method) => ({ const: method, type: 'string' })),
      default: 'GET',
      description: 'The HTTP method.',
    },
    headers: {
      type: 'object',
      patternProperties: { '^(.*)$': { type: 'string' } },
      description: 'Request headers, by name.',
    },
    query: {
      type: 'object',
      patternProperties: { '^(.*)$': { anyOf: [scalar, { type: 'array', items: scalar }] } },
      description: 'Query parameters appended to the URL; a list repeats the parameter.',
    },
    body: {
      anyOf: [
        { type: 'object', required: ['json'], properties: { json: {} }, ...closed },
        { type: 'object', required: ['text'], properties: { text: { type: 'string' } }, ...closed },
        {
          type: 'object',
          required: ['form'],
          properties: { form: { type: 'object', patternProperties: { '^(.*)$': scalar } } },
          ...closed,
        },
      ],
      description: 'The request body: { "json": value }, { "text": "..." } or { "form": { "field": "value" } }.',
    },
    timeout: {
      type: 'string',
      pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$',
      description: 'How long to wait for the whole response, e.g. "10s".',
    },
    response: {
      anyOf: [
        { const: 'auto', type: 'string' },
        { const: 'json', type: 'string' },
        { const: 'text', type: 'string' },
      ],
      default: 'auto',
      description: 'How to read the body: "json", "text", or "auto" (JSON when the content type says so).',
    },
    follow_redirects: {
      type: 'boolean',
      default: true,
      description: 'Follow up to 5 redirects, each checked against the allowed hosts.',
    },
  },
  ...closed,
} as const satisfies JsonSchema;

/** What a `uses: http_fetch` step returns. */
export interface HttpFetchOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The output schema of `uses: http_fetch`. */
export const HttpFetchOutput = {
  type: 'object',
  required: ['status', 'headers', 'body'],
  properties: {
    status: { type: 'integer', description: 'The final HTTP status.' },
    headers: {
      type: 'object',
      patternProperties: { '^(.*)$': { type: 'string' } },
      description: 'Response headers, lower-case names.',
    },
    body: { description: 'The body: parsed JSON, text, or null when there is none.' },
  },
} as const satisfies JsonSchema;

/** Plain JSON Schema 2020-12, as a manifest would carry it. */
export function jsonSchemaOf(schema: object): JsonSchema {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...JSON.parse(JSON.stringify(schema)) };
}
