import { type Static, serviceUrl, Type } from '@mova/sdk';

/** PagerDuty's REST API and Events API v2, in its US and EU service regions. */
export const REGIONS = {
  us: { api: 'https://api.pagerduty.com', events: 'https://events.pagerduty.com' },
  eu: { api: 'https://api.eu.pagerduty.com', events: 'https://events.eu.pagerduty.com' },
} as const;

/**
 * A PagerDuty connection. The REST API takes an API key (`Authorization: Token token=…`) or an
 * OAuth access token (`Bearer`); the Events API v2 takes no header, only the routing (integration)
 * key of a service inside each event, so both kinds of credentials live here, each optional.
 */
export const connectionFields = Type.Object({
  apiToken: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description:
        'REST API key (Integrations > API Access Keys, or a user API token), or an OAuth access token; needed by the incident and note actions',
    }),
  ),
  tokenType: Type.Optional(
    Type.Union([Type.Literal('apiKey'), Type.Literal('oauth')], {
      default: 'apiKey',
      description:
        'apiKey: sent as Authorization: Token token=… (default); oauth: an OAuth access token, sent as Bearer',
    }),
  ),
  from: Type.Optional(
    Type.String({
      pattern: '^[^@\\s]+@[^@\\s]+$',
      description:
        'Email of a PagerDuty user, sent as the From header on writes: required with an account API key, ignored with a user token',
    }),
  ),
  routingKey: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description:
        "Default routing key (a service's Events API v2 integration key) for the event actions; an action can give its own",
    }),
  ),
  region: Type.Optional(
    Type.Union([Type.Literal('us'), Type.Literal('eu')], {
      default: 'us',
      description: 'Service region of the account: us (api.pagerduty.com, default) or eu (api.eu.pagerduty.com)',
    }),
  ),
  apiUrl: Type.Optional(
    serviceUrl({ description: 'REST API root, instead of the region’s (a proxy), e.g. https://api.pagerduty.com' }),
  ),
  eventsUrl: Type.Optional(
    serviceUrl({
      description: 'Events API root, instead of the region’s (a proxy), e.g. https://events.pagerduty.com',
    }),
  ),
});

export type PagerdutyConnection = Static<typeof connectionFields>;
