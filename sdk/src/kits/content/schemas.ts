import { Type } from '@sinclair/typebox';
import { DEFAULT_DOWNLOAD_BYTES, MAX_DOWNLOAD_BYTES } from './content.js';

const encodings = (options: { default?: 'text'; description: string }) =>
  Type.Union([Type.Literal('text'), Type.Literal('base64')], options);

/** An `encoding` input field, default "text". */
export const encodingField = (description: string) => encodings({ default: 'text', description });

/** The fields of an upload's input: `content`, `encoding`, `contentType`. Spread them into `Type.Object`. */
export function uploadFields() {
  return {
    content: Type.String({ description: 'The content: text, or base64 when encoding is "base64".' }),
    encoding: encodingField('"text" stores content as UTF-8; "base64" decodes it to bytes first.'),
    contentType: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'MIME type to store, e.g. "application/json". Defaults to text/plain (text) or application/octet-stream (base64).',
      }),
    ),
  };
}

/** The fields of a download's input: `encoding` and `maxBytes`, for a store that calls its items `item`. */
export function downloadFields(item: string) {
  return {
    encoding: encodingField(
      '"text" returns the content as UTF-8 text (fails on binary); "base64" returns it base64-encoded.',
    ),
    maxBytes: Type.Integer({
      minimum: 1,
      maximum: MAX_DOWNLOAD_BYTES,
      default: DEFAULT_DOWNLOAD_BYTES,
      description: `Largest ${item} to download, in bytes (up to ${MAX_DOWNLOAD_BYTES}); a bigger one fails the step before any content is read.`,
    }),
  };
}

/** The fields of a download's output: `content` and the `encoding` it is in. */
export function downloadedFields(item: string) {
  return {
    content: Type.String({ description: `The ${item}'s content, as text or base64 as encoding says.` }),
    encoding: encodings({ description: 'How content is encoded: "text" (UTF-8) or "base64".' }),
  };
}
