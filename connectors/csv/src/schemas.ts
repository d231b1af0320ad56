import { Type } from '@mova/sdk';

/** One cell of a parsed row. */
export const cell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()], {
  description: 'A field: text, or a number, boolean or null when casting is on',
});

/** Where the CSV comes from; `readSource` checks that exactly one of the two is given. */
export const sourceFields = {
  text: Type.Optional(Type.String({ description: 'The CSV as text (give this or contentBase64)' })),
  contentBase64: Type.Optional(
    Type.String({
      description: 'The CSV file as base64-encoded bytes, e.g. a downloaded attachment (give this or text)',
    }),
  ),
  encoding: Type.Union([Type.Literal('utf8'), Type.Literal('latin1'), Type.Literal('utf16le')], {
    default: 'utf8',
    description: 'Character encoding of contentBase64: utf8 (default), latin1 (Windows-1252 exports) or utf16le',
  }),
};

export const quoteField = Type.String({
  maxLength: 1,
  default: '"',
  description: 'Character that wraps fields holding delimiters, quotes or line breaks; "" reads quotes as plain text',
});

export const delimiterField = (detect: boolean) =>
  Type.String({
    minLength: 1,
    maxLength: 10,
    default: detect ? 'auto' : ',',
    description: detect
      ? 'Field separator, e.g. "," ";" "|" or "\\t" for tab; "auto" (default) picks the one of , ; tab | that splits every row alike'
      : 'Field separator, e.g. "," (default), ";", "|" or "\\t" for tab; "auto" picks the one of , ; tab | that splits every row alike',
  });

export const lineEndingField = Type.Union([Type.Literal('lf'), Type.Literal('crlf')], {
  default: 'lf',
  description:
    'Line ending between rows: lf (\\n, default) or crlf (\\r\\n, as RFC 4180 and Excel on Windows write it)',
});
