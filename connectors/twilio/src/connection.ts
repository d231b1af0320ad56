import { type Static, serviceUrl, Type } from '@mova/sdk';

/** Twilio's REST API root; regional and edge hosts are under twilio.com too. */
export const TWILIO_API = 'https://api.twilio.com';

/** The connection fields: the account, an Auth Token or an API key, and where the API is. */
export const connectionFields = Type.Object({
  accountSid: Type.String({
    pattern: '^AC[0-9a-fA-F]{32}$',
    description: 'Account SID (AC…), from the Twilio Console home page; a subaccount SID works too',
  }),
  authToken: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description: "The account's Auth Token (give this, or an API key SID and secret)",
    }),
  ),
  apiKeySid: Type.Optional(
    Type.String({
      pattern: '^SK[0-9a-fA-F]{32}$',
      description: 'API key SID (SK…), created under Account > API keys; Twilio recommends keys over the Auth Token',
    }),
  ),
  apiKeySecret: Type.Optional(Type.String({ minLength: 1, writeOnly: true, description: "The API key's secret" })),
  region: Type.Optional(
    Type.String({
      pattern: '^[a-z]{2}[0-9]$',
      description: 'Twilio Region to send requests to, e.g. ie1 or au1 (default us1); data then stays in that region',
    }),
  ),
  edge: Type.Optional(
    Type.String({
      pattern: '^[a-z-]+$',
      description: 'Twilio edge location to connect through, e.g. dublin or sydney (with region)',
    }),
  ),
  apiUrl: Type.Optional(
    serviceUrl({
      description:
        'Root URL of the Twilio REST API, for a proxy or a local test server (default https://api.twilio.com; region and edge are then ignored)',
    }),
  ),
});

export type TwilioConnection = Static<typeof connectionFields>;
