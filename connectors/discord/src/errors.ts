import {
  type ConnectorError,
  type ConnectorErrorKind,
  errorMapping,
  httpResponseOf,
  type VendorFailure,
} from '@mova/sdk';

/**
 * Discord's JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json)
 * whose meaning is sharper than the HTTP status they come with.
 */
const CODES: Record<string, ConnectorErrorKind> = {
  '10003': 'not_found', // Unknown channel
  '10004': 'not_found', // Unknown guild
  '10008': 'not_found', // Unknown message
  '10014': 'invalid_input', // Unknown emoji
  '10015': 'not_found', // Unknown webhook
  '10016': 'auth', // Invalid webhook token
  '40001': 'auth', // Unauthorized
  '50001': 'auth', // Missing access
  '50013': 'auth', // Missing permissions
  '50006': 'invalid_input', // Cannot send an empty message
  '50035': 'invalid_input', // Invalid form body
  '30010': 'conflict', // Maximum number of reactions reached
};

const HINTS: Record<string, string> = {
  '40001': 'Check the bot token in the connection: copy it again from the Developer Portal’s Bot page.',
  '50001': 'The bot cannot see this channel: add it to the server and give it View Channel there.',
  '50013': 'Give the bot’s role the permission this action needs (Send Messages, Manage Messages, Add Reactions…).',
  '10003': 'Check the channel id (right-click the channel, Copy Channel ID, with Developer Mode on).',
  '10015': 'The webhook was deleted or the URL is wrong; copy it again from the channel’s Integrations settings.',
};

/** A Discord error body: `{ code, message, errors? }`, or a 429's `{ message, retry_after, global }`. */
interface DiscordErrorBody {
  code?: number;
  message?: string;
  retry_after?: number;
  global?: boolean;
}

/**
 * The HTTP helper's failure for a Discord answer, read by Discord's own code and rate-limit fields:
 * `retry_after` in a 429's body (seconds, fractional) wins over the rounded `Retry-After` header, and
 * `X-RateLimit-Reset-After` stands in when neither is there.
 */
export function refine(error: ConnectorError): VendorFailure | undefined {
  const response = httpResponseOf(error);
  if (!response) return undefined;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as DiscordErrorBody;
  const retryAfter =
    typeof body.retry_after === 'number'
      ? body.retry_after
      : (response.headers['retry-after'] ?? readSeconds(response.headers['x-ratelimit-reset-after']));
  const scope = response.headers['x-ratelimit-scope'];
  const limited = response.status === 429;
  return {
    status: response.status,
    code: body.code === undefined || body.code === 0 ? undefined : String(body.code),
    vendorMessage: body.message ?? error.vendorMessage,
    retryAfter,
    ...(limited
      ? {
          message: `Discord is rate limiting ${body.global ? 'this bot globally' : `this route${scope ? ` (${scope} limit)` : ''}`}: ${body.message ?? 'You are being rate limited.'}`,
        }
      : {}),
    cause: error,
  };
}

function readSeconds(value: string | undefined): number | undefined {
  const seconds = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Discord failures as ConnectorErrors. */
export const discordErrors = errorMapping({ vendor: 'Discord', refine, codes: CODES, hints: { codes: HINTS } });
