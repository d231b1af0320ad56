import {
  type ConnectorError,
  type ConnectorErrorKind,
  errorMapping,
  httpResponseOf,
  type VendorFailure,
} from '@mova/sdk';

/**
 * Telegram's failure answer (https://core.telegram.org/bots/api#making-requests): `ok: false`, the HTTP
 * status again as `error_code`, a `description` in words, and sometimes `parameters`.
 */
export interface TelegramFailure {
  ok: false;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/**
 * Telegram has no error codes beyond the status; its descriptions are stable phrases. The ones whose
 * meaning is sharper than the status, as codes for the mapping's tables.
 */
const PHRASES: [RegExp, string][] = [
  [/chat not found/i, 'chat_not_found'],
  [/message to (edit|delete|reply|copy|forward) not found|message not found|MESSAGE_ID_INVALID/i, 'message_not_found'],
  [/message is not modified/i, 'message_not_modified'],
  [/message can't be (deleted|edited)/i, 'message_cant_be_changed'],
  [
    /bot was blocked by the user|bot was kicked|bot is not a member|user is deactivated|not enough rights/i,
    'forbidden',
  ],
  [/terminated by other getUpdates|can't use getUpdates method while webhook is active/i, 'updates_conflict'],
  [/group chat was upgraded to a supergroup/i, 'migrated'],
  [/wrong file identifier|failed to get HTTP URL content|wrong type of the web page content/i, 'bad_file'],
];

const CODES: Record<string, ConnectorErrorKind> = {
  chat_not_found: 'not_found',
  message_not_found: 'not_found',
  message_not_modified: 'conflict',
  message_cant_be_changed: 'invalid_input',
  forbidden: 'auth',
  updates_conflict: 'conflict',
  migrated: 'invalid_input',
  bad_file: 'invalid_input',
};

const HINTS: Record<string, string> = {
  chat_not_found:
    'Check the chat id (a number, or @username for public channels) and that the bot is a member of the chat; a user must have started the bot first.',
  message_not_modified: 'The new text and markup are the same as the message already has.',
  forbidden: 'The bot cannot write there: it was blocked or removed, or lacks the admin rights this needs.',
  updates_conflict:
    'Another program reads this bot’s updates, or a webhook is set (deleteWebhook first): a bot has one update reader.',
  bad_file: 'Telegram could not use the file: check the file_id, or that the URL is public and of the right type.',
};

/** The phrase code of a Telegram description, if it is one the tables know. */
export function codeOf(description: string | undefined): string | undefined {
  return description === undefined ? undefined : PHRASES.find(([pattern]) => pattern.test(description))?.[1];
}

/** A Telegram failure answer as the mapping reads it; `retry_after` and the new supergroup id kept. */
export function failureOf(status: number, body: TelegramFailure, cause?: unknown): VendorFailure {
  const description = body.description ?? `HTTP ${status}`;
  const migratedTo = body.parameters?.migrate_to_chat_id;
  return {
    status,
    code: codeOf(description),
    vendorMessage: description,
    retryAfter: body.parameters?.retry_after,
    // The Bot API's own words; never the URL, which carries the bot token.
    message: `Telegram answered ${status}: ${description}`,
    ...(migratedTo === undefined ? {} : { hint: `The group is now the supergroup ${migratedTo}: use that chat id.` }),
    cause,
  };
}

function refine(error: ConnectorError): VendorFailure | undefined {
  const response = httpResponseOf(error);
  if (!response) return undefined;
  const body =
    typeof response.data === 'object' && response.data !== null
      ? (response.data as TelegramFailure)
      : { ok: false as const };
  return failureOf(response.status, body, error);
}

/** Telegram failures as ConnectorErrors. */
export const telegramErrors = errorMapping({ vendor: 'Telegram', refine, codes: CODES, hints: { codes: HINTS } });
