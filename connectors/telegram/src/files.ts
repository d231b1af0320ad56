import { ConnectorError, Type } from '@mova/sdk';
import { bytesOf, defaultContentType, type Encoding } from '@mova/sdk/content';
import type { UploadFile } from './client.js';

/**
 * The three ways the Bot API takes a file (https://core.telegram.org/bots/api#sending-files): a file_id
 * of a file already on Telegram, an HTTP URL Telegram downloads, or the bytes uploaded as multipart.
 */
export const fileFields = {
  fileId: Type.Optional(
    Type.String({ minLength: 1, description: 'file_id of a file already on Telegram, to send it again' }),
  ),
  url: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'Public HTTP URL Telegram downloads the file from' }),
  ),
  content: Type.Optional(
    Type.String({ minLength: 1, description: 'File content to upload, as text or base64 (see encoding)' }),
  ),
  encoding: Type.Optional(
    Type.Union([Type.Literal('text'), Type.Literal('base64')], {
      default: 'base64',
      description: 'How content is written: base64 (default, any bytes) or UTF-8 text',
    }),
  ),
  filename: Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'File name for uploaded content, e.g. report.pdf' }),
  ),
  contentType: Type.Optional(Type.String({ minLength: 1, description: 'MIME type of uploaded content' })),
};

interface FileInput {
  fileId?: string;
  url?: string;
  content?: string;
  encoding?: Encoding;
  filename?: string;
  contentType?: string;
}

/** The file as the method's JSON parameter (a file_id or URL), or the upload it needs. */
export function fileOf(
  input: FileInput,
  field: string,
  fallbackName: string,
  actionKey: string,
): { reference: string } | { upload: UploadFile } {
  const given = [input.fileId, input.url, input.content].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new ConnectorError(`give exactly one of fileId, url and content (got ${given})`, {
      kind: 'invalid_input',
      actionKey,
    });
  }
  if (input.content === undefined) return { reference: input.fileId ?? input.url ?? '' };
  const encoding = input.encoding ?? 'base64';
  return {
    upload: {
      field,
      bytes: bytesOf(input.content, encoding, actionKey),
      filename: input.filename ?? fallbackName,
      contentType: input.contentType ?? defaultContentType(encoding),
    },
  };
}
