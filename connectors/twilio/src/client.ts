import { ConnectorError, serviceUrlOf } from '@mova/sdk';
import twilio, { type Twilio } from 'twilio';
import { TWILIO_API, type TwilioConnection } from './connection.js';
import { type TwilioFailureContext, twilioErrors } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

type RequestOptions<TData> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: TData };

/**
 * The SDK's own HTTP client (twilio.RequestClient, axios) through the custom HTTP client hook the
 * SDK documents: requests for api.twilio.com go to the connection's apiUrl when one is set, and
 * Retry-After, which RestException drops, is kept for the error mapping.
 */
class ConnectionHttpClient extends twilio.RequestClient {
  constructor(
    private readonly apiUrl: string | undefined,
    private readonly failure: TwilioFailureContext,
  ) {
    super({ timeout: 30_000, autoRetry: false });
  }

  override async request<TData>(options: RequestOptions<TData>) {
    const uri = new URL(options.uri);
    const target =
      this.apiUrl && uri.origin === TWILIO_API ? `${this.apiUrl}${uri.pathname}${uri.search}` : options.uri;
    const response = await super.request<TData>({ ...options, uri: target });
    const retryAfter = response.headers?.['retry-after'];
    this.failure.retryAfter = typeof retryAfter === 'string' ? retryAfter : undefined;
    return response;
  }
}

/** Runs `use` with a Twilio client for the connection; failures become ConnectorErrors. */
export async function withTwilio<T>(
  connection: TwilioConnection,
  ctx: CallContext,
  use: (client: Twilio) => Promise<T>,
): Promise<T> {
  const failure: TwilioFailureContext = {};
  const client = twilioClient(connection, failure, ctx.actionKey);
  return twilioErrors(failure).call(ctx.actionKey, () => use(client));
}

export function twilioClient(connection: TwilioConnection, failure: TwilioFailureContext, actionKey?: string): Twilio {
  const apiUrl = connection.apiUrl === undefined ? undefined : serviceUrlOf(connection.apiUrl, TWILIO_API);
  const httpClient = new ConnectionHttpClient(apiUrl === TWILIO_API ? undefined : apiUrl, failure);
  const options = {
    accountSid: connection.accountSid,
    httpClient,
    ...(connection.region && !apiUrl ? { region: connection.region } : {}),
    ...(connection.edge && !apiUrl ? { edge: connection.edge } : {}),
    // The SDK reads TWILIO_* environment variables for what is not given; the connection is all.
    env: {},
  };
  if (connection.apiKeySid !== undefined || connection.apiKeySecret !== undefined) {
    if (!connection.apiKeySid || !connection.apiKeySecret) {
      throw invalid('API key authentication needs both apiKeySid and apiKeySecret', actionKey);
    }
    return twilio(connection.apiKeySid, connection.apiKeySecret, options);
  }
  if (!connection.authToken) throw invalid('the Twilio connection has neither an Auth Token nor an API key', actionKey);
  return twilio(connection.accountSid, connection.authToken, options);
}

/**
 * The absolute URL of a next-page URI that an earlier list answer gave, checked to be a page of
 * this account's resources, so a page token cannot send the credentials elsewhere.
 */
export function pageUrl(nextPage: string, accountSid: string, resource: string, actionKey?: string): string {
  const prefix = `/2010-04-01/Accounts/${accountSid}/${resource}.json?`;
  if (!nextPage.startsWith(prefix)) {
    throw invalid(`page is not a ${resource} page of this account (it must start with ${prefix})`, actionKey);
  }
  return `${TWILIO_API}${nextPage}`;
}

function invalid(message: string, actionKey?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, 'Fix the Twilio connection or the input.');
}
