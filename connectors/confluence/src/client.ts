import { type ActionContext, Auth, ConnectorError, createHttpClient, type HttpClient, serviceUrlOf } from '@mova/sdk';
import type { ConfluenceConnection } from './connection.js';
import { confluenceErrors } from './errors.js';

/** Confluence Cloud's APIs live under /wiki on the site: REST v2 at /wiki/api/v2, v1 at /wiki/rest/api. */
export interface Confluence {
  http: HttpClient;
  /** `https://your-domain.atlassian.net/wiki` */
  wikiUrl: string;
  basic: string;
  actionKey?: string;
  signal?: AbortSignal;
}

export function confluence(
  connection: ConfluenceConnection,
  ctx?: Pick<ActionContext, 'signal' | 'actionKey'>,
): Confluence {
  let site: string;
  try {
    site = serviceUrlOf(connection.siteUrl, '').replace(/\/wiki$/, '');
  } catch (cause) {
    throw new ConnectorError(
      `the Confluence site URL is not usable: ${(cause as Error).message}`,
      { kind: 'invalid_input', actionKey: ctx?.actionKey },
      'Give the site as https://your-domain.atlassian.net.',
    );
  }
  const wikiUrl = `${site}/wiki`;
  const value = { username: connection.email, password: connection.apiToken };
  return {
    http: createHttpClient({
      baseUrl: wikiUrl,
      auth: { definition: Auth.basic(), value },
      signal: ctx?.signal,
      actionKey: ctx?.actionKey,
      userAgent: 'mova-connector-confluence',
    }),
    wikiUrl,
    basic: `Basic ${Buffer.from(`${value.username}:${value.password}`, 'utf8').toString('base64')}`,
    actionKey: ctx?.actionKey,
    signal: ctx?.signal,
  };
}

/** Runs Confluence calls; failures leave as ConnectorErrors refined by Confluence's error codes. */
export function withConfluence<T>(
  connection: ConfluenceConnection,
  ctx: Pick<ActionContext, 'signal' | 'actionKey'> | undefined,
  use: (api: Confluence) => Promise<T>,
): Promise<T> {
  return confluenceErrors.call(ctx?.actionKey, () => use(confluence(connection, ctx)));
}

/** A web UI link from Confluence's `_links.webui` (relative to /wiki). */
export function webUrl(api: Pick<Confluence, 'wikiUrl'>, webui: unknown): string | null {
  return typeof webui === 'string' && webui !== '' ? `${api.wikiUrl}${webui}` : null;
}

/** The `cursor` of a `_links.next` URL, as v2 and v1 listings give it. */
export function cursorOf(next: unknown): string | null {
  if (typeof next !== 'string' || next === '') return null;
  return new URL(next, 'https://confluence.invalid').searchParams.get('cursor');
}

/** The step's input cannot make a valid request. */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}
