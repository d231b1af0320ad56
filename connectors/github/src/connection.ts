import { type BearerValue, type Static, type TObject, Type } from '@mova/sdk';

/**
 * The connection's fields beside the token, in a file of their own so auth.ts and client.ts both
 * read it. `baseUrl` is in network.connectionHosts: a GitHub Enterprise Server user names their
 * server, and the sandbox lets the connector reach it.
 */
export const connectionFields = {
  baseUrl: Type.Optional(
    Type.String({
      format: 'uri',
      pattern: '^https?://',
      description:
        'GitHub Enterprise Server only: the REST API root of your server, such as https://github.example.com/api/v3. Leave it out for github.com.',
    }),
  ),
};

export type Connection = BearerValue & Static<TObject<typeof connectionFields>>;
