import { type Static, serviceUrl, Type } from '@mova/sdk';

/** The Admin API version the connector's queries are written against (Shopify supports each for a year). */
export const API_VERSION = '2026-01';

/**
 * A Shopify connection: a custom app's Admin API access token for one shop. The shop's own domain
 * (<shop>.myshopify.com) is where its Admin API lives, so it is a field; `apiUrl` replaces that root only
 * for traffic routed through a gateway or proxy (or a loopback test server).
 */
export const connectionFields = Type.Object({
  shop: Type.String({
    pattern: '^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$',
    description: 'The shop’s myshopify.com domain, e.g. acme.myshopify.com (not a custom storefront domain).',
  }),
  accessToken: Type.String({
    minLength: 1,
    writeOnly: true,
    description: 'Admin API access token of the shop’s custom app (shpat_…), or an OAuth offline token.',
  }),
  apiVersion: Type.String({
    pattern: '^(\\d{4}-(01|04|07|10)|unstable)$',
    default: API_VERSION,
    description: `Admin API version, default ${API_VERSION} (the one the connector is tested with).`,
  }),
  apiUrl: Type.Optional(
    serviceUrl({
      description: 'Only for traffic routed through a gateway or proxy: its root, used instead of https://<shop>.',
    }),
  ),
});

export type ShopifyConnection = Static<typeof connectionFields>;
