import { type BearerValue, serviceUrl, Type } from '@mova/sdk';

/** sentry.io (its US region); the EU region is https://de.sentry.io, self-hosted Sentry its own host. */
export const SENTRY_URL = 'https://sentry.io';

/**
 * The connection's fields beside the auth token: where Sentry lives (listed in
 * `network.connectionHosts`) and the organization every call is made in.
 */
export const connectionFields = {
  url: Type.Optional(
    serviceUrl({
      description:
        'Sentry URL without /api/0: https://sentry.io (default), https://de.sentry.io for the EU region, or a self-hosted Sentry such as https://sentry.example.com',
      default: SENTRY_URL,
    }),
  ),
  organization: Type.String({
    pattern: '^[a-z0-9_-]+$',
    description: 'Organization slug, as in https://sentry.io/organizations/<slug>/ or https://<slug>.sentry.io',
  }),
};

export type SentryConnection = BearerValue & { url?: string; organization: string };
