import { defineAction, type HttpClient, type HttpResponse, type ResponseType, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { checkTarget, clientFor } from '../client.js';
import { readConnection } from '../connection.js';
import { invalidInput } from '../errors.js';
import { type PaginationInput, paginationSchema, strategyFor } from '../pagination.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const RESPONSE_TYPES = ['auto', 'json', 'text', 'base64'] as const;
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

const Body = Type.Union(
  [
    Type.Object(
      { json: Type.Unknown({ description: 'Any JSON value, sent as application/json' }) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        form: Type.Record(Type.String(), Type.String(), {
          description: 'Fields sent as application/x-www-form-urlencoded',
        }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      { text: Type.String({ description: 'Text sent as text/plain unless a content-type header says otherwise' }) },
      { additionalProperties: false },
    ),
  ],
  { description: 'The request body: exactly one of { "json": … }, { "form": {…} } or { "text": "…" }' },
);

const input = Type.Object({
  method: Type.Union(
    METHODS.map((m) => Type.Literal(m)),
    { default: 'GET', description: 'HTTP method' },
  ),
  url: Type.String({
    minLength: 1,
    description: "Full URL (https://…), or a path under the connection's baseUrl such as /items",
  }),
  query: Type.Optional(
    Type.Record(Type.String(), Type.Union([Scalar, Type.Array(Scalar)]), {
      description: 'Query parameters; a list repeats the parameter',
    }),
  ),
  headers: Type.Optional(
    Type.Record(Type.String(), Type.String(), { description: 'Request headers; they override the connection’s' }),
  ),
  body: Type.Optional(Body),
  responseType: Type.Union(
    RESPONSE_TYPES.map((t) => Type.Literal(t)),
    {
      default: 'auto',
      description:
        'How to read the response: auto (JSON when the server says JSON, else text), json, text, or base64 for binary',
    },
  ),
  pagination: Type.Optional(paginationSchema),
  maxPages: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 10,
    description: 'Most pages to fetch when paginating',
  }),
  timeoutMs: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 300_000, description: 'Timeout per try in milliseconds (default 30000)' }),
  ),
});

const output = Type.Object({
  status: Type.Integer({ description: 'HTTP status of the (last) response' }),
  headers: Type.Record(Type.String(), Type.String(), { description: 'Response headers, lower-case names' }),
  url: Type.String({ description: 'URL that answered, after redirects' }),
  data: Type.Unknown({
    description: 'The body (JSON, text or base64; null when empty), or with pagination every item of every page',
  }),
  pages: Type.Optional(Type.Integer({ minimum: 0, description: 'Pages fetched, when paginating' })),
});

type Input = Static<typeof input>;
type Output = Static<typeof output>;

export const request = defineAction({
  auth,
  key: 'request',
  title: 'Send an HTTP request',
  description:
    "Calls any HTTP API with the connection's credentials: any method, JSON, form or text bodies, and optionally every page of a listing. Non-2xx answers fail the step with the status and the server's message; network failures, 408, 429 and 5xx are retried first.",
  input,
  output,
  examples: [
    {
      title: 'Read one resource',
      input: {
        method: 'GET',
        url: 'https://api.github.com/repos/octocat/Hello-World',
        responseType: 'auto',
        maxPages: 10,
      },
      output: {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        url: 'https://api.github.com/repos/octocat/Hello-World',
        data: { id: 1296269, full_name: 'octocat/Hello-World', default_branch: 'master' },
      },
    },
    {
      title: 'Create with a JSON body',
      input: {
        method: 'POST',
        url: '/v1/items',
        headers: { 'Idempotency-Key': '5f1c2f2e-item-42' },
        body: { json: { name: 'Widget', price: 9.5 } },
        responseType: 'auto',
        maxPages: 10,
      },
      output: {
        status: 201,
        headers: { 'content-type': 'application/json', location: 'https://api.acme.com/v1/items/it_42' },
        url: 'https://api.acme.com/v1/items',
        data: { id: 'it_42', name: 'Widget', price: 9.5 },
      },
    },
    {
      title: 'Every open issue, following the Link header',
      input: {
        method: 'GET',
        url: 'https://api.github.com/repos/octocat/Hello-World/issues',
        query: { state: 'open', per_page: 100 },
        responseType: 'auto',
        pagination: { type: 'link' },
        maxPages: 5,
      },
      output: {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        url: 'https://api.github.com/repositories/1296269/issues?state=open&per_page=100&page=2',
        data: [
          { number: 3101, title: 'Typo in README' },
          { number: 3099, title: 'Add a license' },
        ],
        pages: 2,
      },
    },
  ],
  async run({ input, auth: connectionValue, ctx }) {
    const connection = readConnection(connectionValue);
    checkTarget(connection, input.url, ctx.actionKey);
    const http = clientFor(connection, { signal: ctx.signal, actionKey: ctx.actionKey, timeoutMs: input.timeoutMs });
    if (input.pagination) return collectPages(http, input, input.pagination, ctx.actionKey);
    const response = await http.request({
      method: input.method,
      path: input.url,
      query: input.query,
      headers: input.headers,
      ...bodyOf(input.body),
      responseType: responseTypeOf(input.responseType),
    });
    return outputOf(response, dataOf(response.data));
  },
});

async function collectPages(
  http: HttpClient,
  input: Input,
  pagination: PaginationInput,
  actionKey: string,
): Promise<Output> {
  if (input.method !== 'GET' || input.body || (input.responseType !== 'auto' && input.responseType !== 'json')) {
    throw invalidInput(
      'pagination works on GET requests without a body that answer JSON',
      'Use method GET, drop the body and leave responseType at auto or json, or turn pagination off.',
      actionKey,
    );
  }
  let pages = 0;
  let lastPage = { status: 0, headers: {}, url: input.url };
  const strategy = strategyFor(pagination, actionKey, (response) => {
    pages += 1;
    lastPage = { status: response.status, headers: response.headers, url: response.url };
  });
  const items: unknown[] = [];
  const listing = http.paginate({
    path: input.url,
    query: input.query,
    headers: input.headers,
    strategy,
    maxPages: input.maxPages,
  });
  for await (const item of listing) items.push(item);
  return { ...lastPage, data: items, pages };
}

function bodyOf(body: Input['body']): { json?: unknown; form?: Record<string, string>; text?: string } {
  if (!body) return {};
  if ('json' in body) return { json: body.json };
  if ('form' in body) return { form: body.form };
  return { text: body.text };
}

function responseTypeOf(type: Input['responseType']): ResponseType | undefined {
  if (type === 'base64') return 'buffer';
  return type === 'json' || type === 'text' ? type : undefined;
}

function outputOf(response: HttpResponse<unknown>, data: unknown): Output {
  return { status: response.status, headers: response.headers, url: response.url, data };
}

/**
 * The body as output data. An empty body (204 No Content, HEAD, an empty 200) is null whatever the
 * decoder, as `data` promises: servers send a 204 without a content type, which the SDK decodes as
 * text and would give as "".
 */
function dataOf(body: unknown): unknown {
  if (body === undefined || body === null || body === '') return null;
  if (Buffer.isBuffer(body)) return body.length === 0 ? null : body.toString('base64');
  return body;
}
