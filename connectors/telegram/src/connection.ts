import { Auth, type Static, serviceUrl, Type } from '@mova/sdk';

/** Telegram's hosted Bot API server. */
export const TELEGRAM_API_URL = 'https://api.telegram.org';

/**
 * A bot's connection: the token @BotFather gave, which travels in the URL path (`/bot<token>/<method>`),
 * and the Bot API server. Self-hosted servers (github.com/tdlib/telegram-bot-api) lift the upload and
 * download limits, so the server is a field, listed in `network.connectionHosts`.
 */
export const connectionFields = Type.Object({
  botToken: Type.String({
    pattern: '^[0-9]+:[A-Za-z0-9_-]+$',
    writeOnly: true,
    description: 'Bot token from @BotFather, e.g. 123456789:AAH…',
  }),
  apiUrl: Type.Optional(
    serviceUrl({
      description: `Bot API server; default ${TELEGRAM_API_URL}. A self-hosted telegram-bot-api server’s URL otherwise`,
      default: TELEGRAM_API_URL,
    }),
  ),
});

export type TelegramConnection = Static<typeof connectionFields>;

/** The fields without a connection test: what the HTTP client needs to know which values to redact. */
export const credentials = Auth.custom({ fields: connectionFields });
