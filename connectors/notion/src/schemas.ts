import { Type } from '@mova/sdk';
import type { Client } from '@notionhq/client';

/** Request shapes Notion itself checks: the connector passes them on as the user wrote them. */
export type PagePropertiesRequest = NonNullable<Parameters<Client['pages']['create']>[0]['properties']>;
export type PageIconRequest = NonNullable<Parameters<Client['pages']['create']>[0]['icon']>;
export type BlocksRequest = Parameters<Client['blocks']['children']['append']>[0]['children'];
export type QueryFilter = NonNullable<Parameters<Client['dataSources']['query']>[0]['filter']>;
export type QuerySorts = NonNullable<Parameters<Client['dataSources']['query']>[0]['sorts']>;

export const pageIdField = Type.String({
  minLength: 1,
  description: 'Id of the page (the 32 hex digits at the end of its URL, with or without dashes)',
});

export const propertiesField = (description: string) =>
  Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()), { description });

export const blocksField = (description: string) =>
  Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 100, description });

export const pageSizeField = Type.Integer({
  minimum: 1,
  maximum: 100,
  default: 100,
  description: 'Results per page (1–100, default 100)',
});

export const startCursorField = Type.Optional(
  Type.String({ minLength: 1, description: 'The nextCursor of the previous page, to read the next one' }),
);

export const pagingOutput = {
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Cursor of the next page (pass as startCursor), null on the last page',
  }),
  hasMore: Type.Boolean({ description: 'Whether more results follow' }),
};

/** Paragraph blocks, one per line of text (blank lines left out). */
export function paragraphs(text: string): Record<string, unknown>[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => ({
      object: 'block',
      type: 'paragraph',
      paragraph: { rich_text: [{ type: 'text', text: { content: line } }] },
    }));
}
