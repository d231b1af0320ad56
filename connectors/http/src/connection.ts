import { Auth, ConnectorError, type HttpAuth } from '@mova/sdk';

interface Common {
  /** The credentials go only to URLs under this base. */
  baseUrl?: string;
  testPath?: string;
}

/** A connection narrowed by its kind, with the fields that kind requires. */
export type HttpConnection = Common &
  (
    | { kind: 'none' }
    | { kind: 'apiKey'; apiKey: string; in: 'header' | 'query'; name: string; prefix?: string; baseUrl: string }
    | { kind: 'basic'; username: string; password: string; baseUrl: string }
    | { kind: 'bearer'; token: string; baseUrl: string }
    | {
        kind: 'oauth2ClientCredentials';
        tokenUrl: string;
        clientId: string;
        clientSecret: string;
        scope?: string;
        baseUrl: string;
      }
  );

/**
 * Reads a connection the manifest has already checked into its kind's shape. The schema's if/then
 * rules make the required fields present; reading them again keeps the types honest without casts.
 */
export function readConnection(value: unknown): HttpConnection {
  const kind = optional(value, 'kind') ?? 'none';
  const common: Common = { baseUrl: optional(value, 'baseUrl'), testPath: optional(value, 'testPath') };
  switch (kind) {
    case 'none':
      return { ...common, kind };
    case 'apiKey':
      return {
        ...common,
        kind,
        baseUrl: required(value, 'baseUrl', kind),
        apiKey: required(value, 'apiKey', kind),
        in: optional(value, 'apiKeyIn') === 'query' ? 'query' : 'header',
        name: required(value, 'apiKeyName', kind),
        prefix: optional(value, 'apiKeyPrefix'),
      };
    case 'basic':
      return {
        ...common,
        kind,
        baseUrl: required(value, 'baseUrl', kind),
        username: required(value, 'username', kind),
        password: required(value, 'password', kind),
      };
    case 'bearer':
      return { ...common, kind, baseUrl: required(value, 'baseUrl', kind), token: required(value, 'token', kind) };
    case 'oauth2ClientCredentials':
      return {
        ...common,
        kind,
        baseUrl: required(value, 'baseUrl', kind),
        tokenUrl: required(value, 'tokenUrl', kind),
        clientId: required(value, 'clientId', kind),
        clientSecret: required(value, 'clientSecret', kind),
        scope: optional(value, 'scope'),
      };
    default:
      throw new ConnectorError(
        `the connection's kind "${kind}" is not one this connector knows`,
        { kind: 'auth' },
        'Set kind to none, apiKey, basic, bearer or oauth2ClientCredentials.',
      );
  }
}

/** The SDK auth definition and value that apply this connection to requests. */
export function httpAuthFor(connection: HttpConnection): HttpAuth | undefined {
  switch (connection.kind) {
    case 'none':
      return undefined;
    case 'apiKey':
      return {
        definition: Auth.apiKey({ in: connection.in, name: connection.name, prefix: connection.prefix }),
        value: { apiKey: connection.apiKey },
      };
    case 'basic':
      return { definition: Auth.basic(), value: { username: connection.username, password: connection.password } };
    case 'bearer':
      return { definition: Auth.bearer(), value: { token: connection.token } };
    case 'oauth2ClientCredentials':
      return {
        definition: Auth.oauth2({ flows: ['client_credentials'], tokenUrl: connection.tokenUrl }),
        value: { clientId: connection.clientId, clientSecret: connection.clientSecret, scope: connection.scope },
      };
  }
}

function optional(value: unknown, name: string): string | undefined {
  const found = typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
  return typeof found === 'string' && found !== '' ? found : undefined;
}

function required(value: unknown, name: string, kind: string): string {
  const found = optional(value, name);
  if (found !== undefined) return found;
  throw new ConnectorError(
    `a connection of kind ${kind} needs "${name}"`,
    { kind: 'auth' },
    `Fill in the connection's "${name}" field.`,
  );
}
