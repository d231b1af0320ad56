import { type Static, serviceUrl, Type } from '@mova/sdk';

/** SendGrid's v3 API roots: global, and EU data residency for EU-pinned subusers. */
export const SENDGRID_HOSTS = { global: 'https://api.sendgrid.com', eu: 'https://api.eu.sendgrid.com' } as const;

/** The connection fields: an API key, the data residency, and an optional subuser. */
export const connectionFields = Type.Object({
  apiKey: Type.String({
    pattern: '^\\S+$',
    minLength: 10,
    writeOnly: true,
    description:
      'API key (SG.…), from Settings > API Keys, with Mail Send and Marketing permissions as the actions need',
  }),
  region: Type.Union([Type.Literal('global'), Type.Literal('eu')], {
    default: 'global',
    description:
      'Data residency: global (api.sendgrid.com) or eu (api.eu.sendgrid.com, for an EU-pinned subuser and its key)',
  }),
  onBehalfOf: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Subuser to act as (On-Behalf-Of header), when the key is the parent account’s',
    }),
  ),
  apiUrl: Type.Optional(
    serviceUrl({
      description:
        'Root URL of the v3 API, for a proxy or a local test server (default from region; https, or http on loopback)',
    }),
  ),
});

export type SendGridConnection = Static<typeof connectionFields>;
