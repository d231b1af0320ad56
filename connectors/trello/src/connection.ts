import { type Static, serviceUrl, Type } from '@mova/sdk';

/** Trello's REST API root (version 1). */
export const TRELLO_API_URL = 'https://api.trello.com/1';

const secret = (description: string) => Type.String({ minLength: 1, writeOnly: true, description });

/**
 * A Trello connection: the Power-Up's API key and a member's token, which Trello takes as the `key` and
 * `token` query parameters. Custom rather than Auth.apiKey: that kind carries one value, Trello needs two.
 */
export const connectionFields = Type.Object({
  apiKey: secret('API key of your Power-Up (trello.com/power-ups/admin → API key).'),
  token: secret('A member’s token, authorized for that key (the "Token" link beside the API key).'),
  apiUrl: Type.Optional(
    serviceUrl({
      description: `API root; default ${TRELLO_API_URL}. Only for traffic routed through an API gateway or proxy.`,
      default: TRELLO_API_URL,
    }),
  ),
});

export type TrelloConnection = Static<typeof connectionFields>;
