import { type Static, serviceUrl, Type } from '@mova/sdk';

/** Stripe's API host; the SDK's default too. */
export const STRIPE_API_URL = 'https://api.stripe.com';

/**
 * A secret key (sk_…) or a restricted key (rk_…) scoped to what the workflows need; test-mode keys
 * (…_test_…) work against test data. The API root is a field for an egress proxy or API gateway in
 * front of api.stripe.com (the sandbox lets the connector reach the host it names,
 * `network.connectionHosts`) and for a local test server.
 */
export const connectionFields = Type.Object({
  apiKey: Type.String({
    pattern: '^(sk|rk)_(test|live)_[A-Za-z0-9_]+$',
    writeOnly: true,
    description:
      'Secret key (sk_live_… or sk_test_…) or restricted key (rk_…) from Developers → API keys in the Stripe Dashboard',
  }),
  account: Type.Optional(
    Type.String({
      pattern: '^acct_[A-Za-z0-9]+$',
      description:
        'Connected account to act for (Stripe Connect, sent as Stripe-Account); the key’s own account when left out',
    }),
  ),
  apiUrl: serviceUrl({
    description: `API host without a path; default ${STRIPE_API_URL}. Change it only to go through an egress proxy or API gateway.`,
    default: STRIPE_API_URL,
  }),
});

export type StripeConnection = Static<typeof connectionFields>;
