import { Type } from '@sinclair/typebox';
import { Auth, type AuthValidator, type OAuth2Auth, type OAuth2Value } from '../../auth.js';
import { ConnectorError } from '../../errors.js';
import { serviceUrl, serviceUrlOf } from '../../service-url.js';
import { GRAPH_CLOUDS, type GraphCloud, isGraphCloud } from './clouds.js';

/** The connection fields Graph connectors add to OAuth 2.0's: the tenant, the national cloud, and overrides. */
export const graphConnectionProperties = {
  tenantId: Type.Optional(
    Type.String({
      minLength: 1,
      pattern: '^[A-Za-z0-9.-]+$',
      description:
        'Directory (tenant) id or primary domain (contoso.onmicrosoft.com) of the Microsoft Entra ID tenant. Required for client credentials (app-only); for a signed-in user it defaults to "organizations".',
    }),
  ),
  cloud: Type.Optional(
    Type.Union(
      (Object.keys(GRAPH_CLOUDS) as GraphCloud[]).map((name) => Type.Literal(name)),
      {
        default: 'global',
        description:
          'National cloud: global (graph.microsoft.com), usGovernment (GCC High, graph.microsoft.us), usGovernmentDoD (dod-graph.microsoft.us) or china (operated by 21Vianet)',
      },
    ),
  ),
  graphUrl: Type.Optional(
    serviceUrl({ description: 'Graph root to call instead of the cloud’s (a proxy or a test server), without /v1.0' }),
  ),
  loginUrl: Type.Optional(
    serviceUrl({ description: 'Microsoft Entra ID sign-in host to get tokens from instead of the cloud’s' }),
  ),
  caCertificate: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'PEM certificate of a CA to trust besides the public ones for the sign-in host: one reached through a TLS-inspecting proxy or private endpoint whose certificate an internal CA signed',
    }),
  ),
};

/**
 * The auth of a Graph connector: OAuth 2.0, with the authorization code flow (a user signs in and
 * consents; delegated permissions; tokens refreshed with the refresh token) and the client
 * credentials flow (an app registration's secret; application permissions an admin granted), plus
 * the Graph fields. List `graphUrl` and `loginUrl` in `network.connectionHosts` and `GRAPH_HOSTS`
 * in `network.allow`.
 * @example
 * export const auth = graphAuth({ scopes: ['offline_access', 'Mail.ReadWrite'], validate: async (value) => { … } });
 */
export function graphAuth(options: { scopes: string[]; validate?: AuthValidator<OAuth2Value> }): OAuth2Auth {
  const login = GRAPH_CLOUDS.global.login;
  const base = Auth.oauth2({
    flows: ['authorization_code', 'client_credentials'],
    authorizationUrl: `${login}/organizations/oauth2/v2.0/authorize`,
    tokenUrl: `${login}/organizations/oauth2/v2.0/token`,
    scopes: options.scopes,
    validate: options.validate,
  });
  return { ...base, schema: Type.Object({ ...base.schema.properties, ...graphConnectionProperties }) };
}

/** A Graph connection's fields: OAuth 2.0's and the Graph ones. */
export interface GraphConnection extends OAuth2Value {
  tenantId?: string;
  cloud?: GraphCloud;
  graphUrl?: string;
  loginUrl?: string;
  caCertificate?: string;
}

/** Reads the Graph fields off an OAuth 2.0 connection value (they are not part of `OAuth2Value`'s type). */
export function graphConnectionOf(value: OAuth2Value): GraphConnection {
  const extra: Record<string, unknown> = { ...value };
  const text = (name: string) =>
    typeof extra[name] === 'string' && extra[name] !== '' ? String(extra[name]) : undefined;
  const cloud = extra.cloud;
  return {
    ...value,
    ...(text('tenantId') ? { tenantId: text('tenantId') } : {}),
    ...(isGraphCloud(cloud) ? { cloud } : {}),
    ...(text('graphUrl') ? { graphUrl: text('graphUrl') } : {}),
    ...(text('loginUrl') ? { loginUrl: text('loginUrl') } : {}),
    ...(text('caCertificate') ? { caCertificate: text('caCertificate') } : {}),
  };
}

/** Where a connection's Graph and sign-in live. */
export interface GraphEndpoints {
  /** Graph root without the version, e.g. `https://graph.microsoft.us`. */
  graphUrl: string;
  /** The sign-in host, `authorityHost` for @azure/identity. */
  loginUrl: string;
  /** The tenant's v2.0 token endpoint. */
  tokenUrl: string;
  /** The app-only scope for this Graph, `<graphUrl>/.default`. */
  defaultScope: string;
}

export function graphEndpointsOf(connection: GraphConnection): GraphEndpoints {
  const cloud = GRAPH_CLOUDS[connection.cloud ?? 'global'];
  const graphUrl = serviceUrlOf(connection.graphUrl, cloud.graph);
  const loginUrl = serviceUrlOf(connection.loginUrl, cloud.login);
  const tenant = connection.tenantId ?? 'organizations';
  // Tokens for a proxy or test server are still tokens for the cloud's Graph.
  return {
    graphUrl,
    loginUrl,
    tokenUrl: `${loginUrl}/${tenant}/oauth2/v2.0/token`,
    defaultScope: `${cloud.graph}/.default`,
  };
}

const LOGIN_HOSTS = new Set(Object.values(GRAPH_CLOUDS).map((cloud) => new URL(cloud.login).host));

/** How a connection gets its tokens. */
export type GraphCredentials =
  | {
      kind: 'delegated';
      accessToken?: string;
      refreshToken?: string;
      /** Unix seconds. */
      expiresAt?: number;
      clientId?: string;
      clientSecret?: string;
      scope?: string;
      tokenUrl: string;
      caCertificate?: string;
    }
  | {
      kind: 'clientCredentials';
      tenantId: string;
      clientId: string;
      clientSecret: string;
      authorityHost: string;
      scope: string;
      /**
       * MSAL checks a sign-in host it does not know against login.microsoftonline.com's instance
       * list, a host the connection may not reach; the clouds' own hosts need no check.
       */
      disableInstanceDiscovery: boolean;
      caCertificate?: string;
    };

const CREDENTIALS_HINT =
  'Connect a Microsoft account (OAuth sign-in gives accessToken and refreshToken), or give tenantId, clientId and clientSecret of an app registration for app-only access.';

/**
 * Which credentials a connection uses: a signed-in user's tokens when it has any, else an app
 * registration's client credentials, which need the tenant (app-only tokens have no "common" tenant).
 */
export function graphCredentialsOf(connection: GraphConnection): GraphCredentials {
  const endpoints = graphEndpointsOf(connection);
  if (connection.accessToken || connection.refreshToken) {
    if (connection.refreshToken && !connection.clientId) {
      throw new ConnectorError(
        'A refresh token needs the client id it was issued to',
        { kind: 'auth' },
        CREDENTIALS_HINT,
      );
    }
    return {
      kind: 'delegated',
      accessToken: connection.accessToken,
      refreshToken: connection.refreshToken,
      expiresAt: connection.expiresAt,
      clientId: connection.clientId,
      clientSecret: connection.clientSecret,
      scope: connection.scope,
      tokenUrl: endpoints.tokenUrl,
      ...(connection.caCertificate ? { caCertificate: connection.caCertificate } : {}),
    };
  }
  if (connection.clientId && connection.clientSecret) {
    if (!connection.tenantId) {
      throw new ConnectorError(
        'Client credentials need the tenant id',
        { kind: 'auth' },
        'Set tenantId to the Directory (tenant) id shown on the app registration’s Overview page.',
      );
    }
    return {
      kind: 'clientCredentials',
      tenantId: connection.tenantId,
      clientId: connection.clientId,
      clientSecret: connection.clientSecret,
      authorityHost: endpoints.loginUrl,
      scope: endpoints.defaultScope,
      disableInstanceDiscovery: !LOGIN_HOSTS.has(new URL(endpoints.loginUrl).host),
      ...(connection.caCertificate ? { caCertificate: connection.caCertificate } : {}),
    };
  }
  throw new ConnectorError('The connection has no Microsoft credentials', { kind: 'auth' }, CREDENTIALS_HINT);
}
