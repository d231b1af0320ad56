import { Auth, Type } from '@mova/sdk';
import { clientFor } from './client.js';
import { readConnection } from './connection.js';

const secret = (description: string) => Type.String({ minLength: 1, writeOnly: true, description });

const KINDS = ['none', 'apiKey', 'basic', 'bearer', 'oauth2ClientCredentials'] as const;

/** The fields each kind needs, so an incomplete connection is refused before any request. */
const requiredFor = (kind: (typeof KINDS)[number], required: string[]) => ({
  if: { properties: { kind: { const: kind } }, required: ['kind'] },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, never awaited
  then: { required },
});

/**
 * One connection shape for every kind: `kind` picks the scheme and decides (through `allOf`
 * if/then) which fields are required. `baseUrl` scopes the credentials: they are sent only to URLs
 * under it.
 */
export const connectionFields = Type.Object(
  {
    kind: Type.Union(
      KINDS.map((k) => Type.Literal(k)),
      {
        default: 'none',
        description: 'How requests authenticate: none, apiKey, basic, bearer or oauth2ClientCredentials',
      },
    ),
    baseUrl: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https?://',
        description: 'Base URL the credentials belong to, e.g. https://api.acme.com/v1; they are sent nowhere else',
      }),
    ),
    apiKey: Type.Optional(secret('API key (kind apiKey)')),
    apiKeyIn: Type.Optional(
      Type.Union([Type.Literal('header'), Type.Literal('query')], {
        description: 'Where the API key travels: header (default) or query',
      }),
    ),
    apiKeyName: Type.Optional(
      Type.String({ minLength: 1, description: 'Header or query parameter name for the key, e.g. X-Api-Key' }),
    ),
    apiKeyPrefix: Type.Optional(Type.String({ description: 'Text before the key in the header, e.g. "Token "' })),
    username: Type.Optional(Type.String({ minLength: 1, description: 'User name (kind basic)' })),
    password: Type.Optional(secret('Password (kind basic)')),
    token: Type.Optional(secret('Bearer token (kind bearer)')),
    tokenUrl: Type.Optional(
      Type.String({ format: 'uri', description: 'OAuth2 token endpoint (kind oauth2ClientCredentials)' }),
    ),
    clientId: Type.Optional(Type.String({ minLength: 1, description: 'OAuth2 client id' })),
    clientSecret: Type.Optional(secret('OAuth2 client secret')),
    scope: Type.Optional(Type.String({ description: 'Space-separated OAuth2 scopes to ask for' })),
    testPath: Type.Optional(
      Type.String({
        description: 'Path under baseUrl that answers a GET with 2xx when the credentials work, e.g. /me',
      }),
    ),
  },
  {
    allOf: [
      requiredFor('apiKey', ['baseUrl', 'apiKey', 'apiKeyName']),
      requiredFor('basic', ['baseUrl', 'username', 'password']),
      requiredFor('bearer', ['baseUrl', 'token']),
      requiredFor('oauth2ClientCredentials', ['baseUrl', 'tokenUrl', 'clientId', 'clientSecret']),
    ],
  },
);

/** One connection for every auth kind; `readConnection` narrows it by `kind`. */
export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (value) => {
    const connection = readConnection(value);
    if (connection.testPath === undefined) return;
    await clientFor(connection, { timeoutMs: 15_000 }).get(connection.testPath);
  },
});
