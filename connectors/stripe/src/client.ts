import { type ActionContext, ConnectorError, serviceUrlOf } from '@mova/sdk';
import Stripe from 'stripe';
import { STRIPE_API_URL, type StripeConnection } from './connection.js';
import { stripeErrors } from './errors.js';

type CallContext = Pick<ActionContext, 'actionKey'>;

/**
 * Runs `use` with a Stripe client for this connection; failures leave as ConnectorErrors. The SDK's
 * network retries are off and telemetry headers are not sent: the runtime's retry policy decides
 * from the error kind (Stripe's Retry-After kept), and a retried create reuses its Idempotency-Key.
 * @example
 * const customer = await withStripe(auth, ctx, (stripe) => stripe.customers.retrieve('cus_123'));
 */
export async function withStripe<T>(
  connection: StripeConnection,
  ctx: CallContext | undefined,
  use: (stripe: Stripe) => Promise<T>,
): Promise<T> {
  const stripe = createClient(connection, ctx?.actionKey);
  return stripeErrors.call(ctx?.actionKey, () => use(stripe));
}

function createClient(connection: StripeConnection, actionKey: string | undefined): Stripe {
  const { protocol, host, port } = endpoint(connection.apiUrl, actionKey);
  return new Stripe(connection.apiKey, {
    host,
    port,
    protocol,
    maxNetworkRetries: 0,
    telemetry: false,
    timeout: 60_000,
    appInfo: { name: 'MOVA Stripe connector' },
    ...(connection.account ? { stripeAccount: connection.account } : {}),
  });
}

/**
 * The connection's API root as the SDK takes it: protocol, host and port. Stripe's paths are absolute
 * (`/v1/…`), so a root with a path cannot be honoured and is refused rather than ignored.
 * @example endpoint('http://127.0.0.1:12111') // { protocol: 'http', host: '127.0.0.1', port: 12111 }
 */
export function endpoint(
  apiUrl: string | undefined,
  actionKey?: string,
): { protocol: 'http' | 'https'; host: string; port: number } {
  let url: URL;
  try {
    url = new URL(serviceUrlOf(apiUrl, STRIPE_API_URL));
  } catch (error) {
    throw invalidUrl(error instanceof Error ? error.message : String(error), actionKey);
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    throw invalidUrl(`"${url.href}" has a path; Stripe's client sends /v1/… from the host's root`, actionKey);
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const port = url.port ? Number(url.port) : protocol === 'http' ? 80 : 443;
  return { protocol, host: url.hostname.replace(/^\[|\]$/g, ''), port };
}

function invalidUrl(reason: string, actionKey: string | undefined): ConnectorError {
  return new ConnectorError(
    `the Stripe connection's apiUrl is not usable: ${reason}`,
    { kind: 'invalid_input', actionKey },
    'Give an https URL of a host (or http on localhost), e.g. https://api.stripe.com.',
  );
}
