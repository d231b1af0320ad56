import {
  type ActionContext,
  Auth,
  ConnectorError,
  cookiePairs,
  createHttpClient,
  type HttpAuth,
  type HttpClient,
  type HttpMethod,
  type HttpResponse,
  httpResponseOf,
  type Query,
  serviceUrlOf,
} from '@mova/sdk';
import type { SapConnection } from './connection.js';
import { sapErrors } from './errors.js';
import type { ODataVersion } from './literal.js';

type Context = Pick<ActionContext, 'signal' | 'actionKey'>;

export interface SapService {
  http: HttpClient;
  /** The service root, without a trailing slash. */
  serviceUrl: string;
  actionKey?: string;
  /** The service's OData version: the connection's, or read from the service's answer. */
  version(): Promise<ODataVersion>;
  /** A GET relative to the service root, with sap-client. */
  read<T>(path: string, query?: Query): Promise<HttpResponse<T>>;
  /** A GET of a next link the service sent, pinned to the service's own origin. */
  readNext<T>(nextLink: string): Promise<HttpResponse<T>>;
  /** A modifying request with the session's CSRF token, fetched once and again once on a 403 "Required". */
  modify<T>(
    method: HttpMethod,
    path: string,
    options?: { query?: Query; json?: unknown; headers?: Record<string, string> },
  ): Promise<HttpResponse<T>>;
}

function invalid(message: string, actionKey: string | undefined, hint: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}

/** Basic auth, or OAuth 2.0 client credentials from the connection's token endpoint. */
export function authOf(connection: SapConnection, actionKey?: string): HttpAuth {
  if (connection.username || connection.password) {
    if (!connection.username || !connection.password) {
      throw invalid('basic auth needs both username and password', actionKey, 'Fix the SAP connection.');
    }
    return { definition: Auth.basic(), value: { username: connection.username, password: connection.password } };
  }
  if (!connection.tokenUrl || !connection.clientId || !connection.clientSecret) {
    throw invalid(
      'the SAP connection has neither username and password nor an OAuth client (tokenUrl, clientId, clientSecret)',
      actionKey,
      'Give username and password (basic auth), or tokenUrl, clientId and clientSecret (client credentials grant).',
    );
  }
  let tokenUrl: string;
  try {
    tokenUrl = serviceUrlOf(connection.tokenUrl, '');
  } catch (cause) {
    throw invalid(`the token URL is not usable: ${(cause as Error).message}`, actionKey, 'Give the https token URL.');
  }
  return {
    definition: Auth.oauth2({ flows: ['client_credentials'], tokenUrl }),
    value: { clientId: connection.clientId, clientSecret: connection.clientSecret, scope: connection.scope },
  };
}

/** The OData version a service-document answer shows: its version header, else the JSON's shape. */
export function versionOf(response: Pick<HttpResponse, 'headers' | 'data'>): ODataVersion | undefined {
  const v4 = response.headers['odata-version'];
  if (v4) return v4.startsWith('4') ? 4 : undefined;
  const v2 = response.headers.dataserviceversion;
  if (v2) return /^[12]\./.test(v2) ? 2 : undefined;
  const body = response.data;
  if (typeof body !== 'object' || body === null) return undefined;
  if ('d' in body) return 2;
  if ('@odata.context' in body || 'value' in body) return 4;
  return undefined;
}

/**
 * A path with its query in RFC 3986 form: OData reads `+` as a plus sign (a time zone offset),
 * never as a space, so spaces must go as %20 and not as the form encoding's `+`.
 * @example withQuery('/A_SalesOrder', { $filter: "SoldToParty eq '17'" }) // "/A_SalesOrder?$filter=SoldToParty%20eq%20'17'"
 */
export function withQuery(path: string, query: Query): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeURIComponent(name).replace(/^%24/, '$')}=${encodeURIComponent(String(item))}`);
    }
  }
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

interface Session {
  token?: string;
  cookie: string;
  version?: ODataVersion;
}

function csrfRequired(error: unknown): boolean {
  return (
    error instanceof ConnectorError &&
    error.status === 403 &&
    httpResponseOf(error)?.headers['x-csrf-token']?.toLowerCase() === 'required'
  );
}

export function sapService(connection: SapConnection, ctx?: Context): SapService {
  let serviceUrl: string;
  try {
    serviceUrl = serviceUrlOf(connection.serviceUrl, '');
  } catch (cause) {
    throw invalid(
      `the service URL is not usable: ${(cause as Error).message}`,
      ctx?.actionKey,
      'Give the service root, e.g. https://my-s4.example.com/sap/opu/odata/sap/API_BUSINESS_PARTNER.',
    );
  }
  const http = createHttpClient({
    baseUrl: serviceUrl,
    auth: authOf(connection, ctx?.actionKey),
    signal: ctx?.signal,
    actionKey: ctx?.actionKey,
    userAgent: 'mova-connector-sap',
  });
  const client = connection.sapClient ? { 'sap-client': connection.sapClient } : {};
  const origin = new URL(serviceUrl);

  // One session per step: the service document's answer gives the CSRF token, its cookies and the version.
  const open = async (): Promise<Session> => {
    const response = await http.get(withQuery('/', client), { headers: { 'x-csrf-token': 'Fetch' } });
    const token = response.headers['x-csrf-token'];
    return {
      token: token && token.toLowerCase() !== 'required' ? token : undefined,
      // SAP ties a CSRF token to the session (SAP_SESSIONID_…) its fetch opened: the cookie goes with it.
      cookie: cookiePairs(response.headers['set-cookie']),
      version: versionOf(response),
    };
  };
  let session: Promise<Session> | undefined;
  const current = () => {
    session ??= open();
    return session;
  };

  const send = async <T>(
    method: HttpMethod,
    path: string,
    options: { query?: Query; json?: unknown; headers?: Record<string, string> },
    state: Session,
  ) =>
    http.request<T>({
      method,
      path: withQuery(path, { ...options.query, ...client }),
      json: options.json,
      headers: {
        ...options.headers,
        ...(state.token ? { 'x-csrf-token': state.token } : {}),
        ...(state.cookie ? { cookie: state.cookie } : {}),
      },
    });

  return {
    http,
    serviceUrl,
    actionKey: ctx?.actionKey,
    async version() {
      if (connection.odataVersion === '2') return 2;
      if (connection.odataVersion === '4') return 4;
      const { version } = await current();
      if (version) return version;
      throw invalid(
        'the service’s answer shows neither an OData-Version nor a DataServiceVersion, nor a V2 or V4 service document',
        ctx?.actionKey,
        'Set odataVersion to 2 or 4 in the SAP connection, and check that serviceUrl is the service root.',
      );
    },
    read: (path, query) => http.get(withQuery(path, { ...query, ...client })),
    readNext(nextLink) {
      // Gateways behind a reverse proxy write links with their internal host: keep only the path and query.
      const next = new URL(nextLink, `${serviceUrl}/`);
      if (!next.pathname.startsWith(origin.pathname)) {
        throw invalid(
          `the service’s next link ${next.pathname} is outside the service ${origin.pathname}`,
          ctx?.actionKey,
          'Give the service root as serviceUrl; the next link must lie under it.',
        );
      }
      return http.get(`${origin.origin}${next.pathname}${next.search}`);
    },
    async modify(method, path, options = {}) {
      try {
        return await send(method, path, options, await current());
      } catch (error) {
        // Tokens expire with their session; SAP answers 403 with "X-CSRF-Token: Required": fetch once more.
        if (!csrfRequired(error)) throw error;
        session = open();
        return send(method, path, options, await session);
      }
    },
  };
}

/** Runs calls on the SAP service; failures leave as ConnectorErrors with the service's own message. */
export function withSap<T>(
  connection: SapConnection,
  ctx: Context | undefined,
  use: (api: SapService) => Promise<T>,
): Promise<T> {
  return sapErrors.call(ctx?.actionKey, () => use(sapService(connection, ctx)));
}
