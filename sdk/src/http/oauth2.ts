import type { OAuth2Auth, OAuth2Value } from '../auth.js';
import { ConnectorError, errorKindForStatus } from '../errors.js';
import { decodeBody, isJsonType } from './body.js';
import { redact } from './failures.js';
import { field, textField } from './fields.js';
import type { RawResponse } from './send.js';
import { vendorMessage } from './vendor-message.js';

/** Posts a form to the token endpoint; the client supplies it with its dispatcher and timeout. */
export type TokenPost = (url: URL, form: URLSearchParams, headers: Record<string, string>) => Promise<RawResponse>;

interface TokenClient {
  clientId?: string;
  clientSecret?: string;
}

/**
 * Asks the token endpoint for tokens (RFC 6749 §4.4 client credentials, §6 refresh). A confidential
 * client authenticates with HTTP Basic, which §2.3.1 requires every server to accept; a public
 * client sends only its `client_id` in the form.
 */
export async function requestToken(
  post: TokenPost,
  args: {
    definition: OAuth2Auth;
    grant: Record<string, string>;
    client: TokenClient;
    nowMs: number;
    actionKey?: string;
  },
): Promise<OAuth2Value> {
  const { definition, grant, client } = args;
  const form = new URLSearchParams(grant);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (client.clientId && client.clientSecret) {
    const id = encodeURIComponent(client.clientId);
    const secret = encodeURIComponent(client.clientSecret);
    headers.authorization = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  } else if (client.clientId) {
    form.set('client_id', client.clientId);
  }
  const response = await post(new URL(definition.tokenUrl), form, headers);
  const body = parseTokenBody(response);
  const accessToken = textField(body, 'access_token');
  if (response.status >= 300 || !accessToken) {
    throw tokenError(definition, response, [...Object.values(grant), client.clientSecret ?? ''], args.actionKey);
  }
  const expiresIn = Number(field(body, 'expires_in'));
  return {
    accessToken,
    refreshToken: textField(body, 'refresh_token') ?? grant.refresh_token,
    // Always set, so a token without a lifetime replaces the stale expiry of the one before.
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? Math.floor(args.nowMs / 1000) + expiresIn : undefined,
    scope: textField(body, 'scope') ?? grant.scope,
  };
}

// Some servers (GitHub's, without `Accept`) answer form-encoded; ask for JSON but read both.
function parseTokenBody(response: RawResponse): unknown {
  const contentType = response.headers['content-type'];
  try {
    if (isJsonType(contentType)) return decodeBody(response.body, 'json');
  } catch {
    return undefined;
  }
  return Object.fromEntries(new URLSearchParams(response.body.toString('utf8')));
}

function tokenError(
  definition: OAuth2Auth,
  response: RawResponse,
  secrets: string[],
  actionKey: string | undefined,
): ConnectorError {
  const found = vendorMessage(response.body.toString('utf8'), response.headers['content-type']);
  const message = found === undefined ? undefined : redact(found, secrets);
  // The token endpoint says 400 for a revoked grant or a wrong client: the connection is at fault.
  const kind = response.status === 400 || response.status < 300 ? 'auth' : errorKindForStatus(response.status);
  return new ConnectorError(
    `refreshing the OAuth2 token at ${definition.tokenUrl} failed with HTTP ${response.status}${message ? `: ${message}` : ''}`,
    { kind, status: response.status, vendorMessage: message, actionKey },
    kind === 'auth' ? 'Reconnect the account: the refresh token or client credentials were refused.' : undefined,
  );
}
