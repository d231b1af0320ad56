import { type Static, serviceUrl, Type } from '@mova/sdk';

/** Discord's HTTP API, version 10 (https://discord.com/developers/docs/reference#api-versioning). */
export const DISCORD_API_URL = 'https://discord.com/api/v10';

/**
 * A bot's connection: its token, sent as `Authorization: Bot <token>`, and the API root. The root is a
 * field (listed in `network.connectionHosts`) for a proxy in front of Discord or a local test server;
 * plain http only on a loopback address, so the token never crosses a network in clear.
 */
export const connectionFields = Type.Object({
  botToken: Type.String({
    minLength: 1,
    writeOnly: true,
    description: 'Bot token from the application’s Bot page in the Discord Developer Portal',
  }),
  apiUrl: Type.Optional(serviceUrl({ description: `API root; default ${DISCORD_API_URL}`, default: DISCORD_API_URL })),
});

export type DiscordConnection = Static<typeof connectionFields>;
