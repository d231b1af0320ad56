import { ConnectorError } from '@mova/sdk';

export type Decoding = 'auto' | 'json' | 'text' | 'base64';

export interface DecodedContent {
  content: unknown;
  encoding: 'json' | 'text' | 'base64';
}

/** Text stays text; any other JSON value is serialised, so a workflow can publish objects directly. */
export function encodeContent(content: unknown): { body: Buffer; contentType: string } {
  if (typeof content === 'string') return { body: Buffer.from(content, 'utf8'), contentType: 'text/plain' };
  return { body: Buffer.from(JSON.stringify(content), 'utf8'), contentType: 'application/json' };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns a message body into a JSON value. `auto` parses JSON when the content type says JSON,
 * gives text when the body is valid UTF-8, and base64 otherwise; the other modes insist.
 */
export function decodeContent(
  body: Buffer,
  contentType: string | undefined,
  decoding: Decoding,
  actionKey: string,
): DecodedContent {
  if (decoding === 'base64') return { content: body.toString('base64'), encoding: 'base64' };
  const text = utf8(body);
  if (decoding === 'json') {
    const parsed = text === undefined ? undefined : parseJson(text);
    if (!parsed) throw undecodable('is not JSON', 'text" or "base64', actionKey);
    return parsed;
  }
  if (decoding === 'auto' && text !== undefined && isJsonType(contentType)) {
    const parsed = parseJson(text);
    if (parsed) return parsed;
  }
  if (text !== undefined) return { content: text, encoding: 'text' };
  if (decoding === 'text') throw undecodable('is not valid UTF-8 text', 'base64', actionKey);
  return { content: body.toString('base64'), encoding: 'base64' };
}

function parseJson(text: string): DecodedContent | undefined {
  try {
    return { content: JSON.parse(text), encoding: 'json' };
  } catch {
    return undefined;
  }
}

function utf8(body: Buffer): string | undefined {
  try {
    return strictUtf8.decode(body);
  } catch {
    return undefined;
  }
}

function isJsonType(contentType: string | undefined): boolean {
  const type = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return type === 'application/json' || type?.endsWith('+json') === true;
}

function undecodable(problem: string, instead: string, actionKey: string): ConnectorError {
  return new ConnectorError(
    `the message body ${problem}`,
    { kind: 'invalid_input', actionKey },
    `Read it with decode "${instead}"; the message was put back on the queue.`,
  );
}
