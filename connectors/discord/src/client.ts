import { type ActionContext, createHttpClient, type HttpClient, serviceUrlOf } from '@mova/sdk';
import { DISCORD_API_URL, type DiscordConnection } from './connection.js';
import { discordErrors } from './errors.js';

// Discord refuses requests without a User-Agent of this form
// (https://discord.com/developers/docs/reference#user-agent).
const USER_AGENT = 'DiscordBot (https://github.com/mova-dev/mova, 1.0.0)';

/** The connection's API root without a trailing slash. */
export function apiRoot(connection: Pick<DiscordConnection, 'apiUrl'>): string {
  return serviceUrlOf(connection.apiUrl, DISCORD_API_URL);
}

/**
 * Runs `call` with an HTTP client for this connection; failures leave as ConnectorErrors read by
 * Discord's error codes. `bot: false` leaves the bot token off (webhook URLs carry their own token).
 * @example
 * const { data } = await withDiscord(auth, ctx, (http) => http.get<Channel[]>(`/guilds/${guildId}/channels`));
 */
export async function withDiscord<T>(
  connection: DiscordConnection,
  ctx: Pick<ActionContext, 'signal' | 'actionKey'> | undefined,
  call: (http: HttpClient) => Promise<T>,
  options: { bot?: boolean } = {},
): Promise<T> {
  const http = createHttpClient({
    baseUrl: apiRoot(connection),
    headers: options.bot === false ? {} : { authorization: `Bot ${connection.botToken}` },
    userAgent: USER_AGENT,
    signal: ctx?.signal,
    actionKey: ctx?.actionKey,
  });
  return discordErrors.call(ctx?.actionKey, () => call(http));
}
