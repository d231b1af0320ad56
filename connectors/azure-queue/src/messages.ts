import { ConnectorError } from '@mova/sdk';

export type MessageEncoding = 'none' | 'base64';

/** The text to store for a message: base64 of its UTF-8 bytes when asked. */
export function encodeMessage(text: string, encoding: MessageEncoding): string {
  return encoding === 'base64' ? Buffer.from(text, 'utf8').toString('base64') : text;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A message's text as sent: decoded from base64 when asked, refusing text that is not base64 UTF-8. */
export function decodeMessage(stored: string, encoding: MessageEncoding, actionKey: string): string {
  if (encoding === 'none') return stored;
  if (stored.length % 4 !== 0 || !BASE64.test(stored)) throw notBase64(actionKey);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(stored, 'base64'));
  } catch (cause) {
    throw notBase64(actionKey, cause);
  }
}

function notBase64(actionKey: string, cause?: unknown): ConnectorError {
  return new ConnectorError(
    'A message in the queue is not base64-encoded UTF-8 text',
    { kind: 'invalid_input', actionKey, cause },
    'Set messageEncoding to "none" to read messages as they are stored.',
  );
}

/** ISO text of a date the SDK parsed, or undefined. */
export function iso(date: Date | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}
