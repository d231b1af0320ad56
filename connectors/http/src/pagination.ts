import { type HttpResponse, type PaginationStrategy, type Static, Type } from '@mova/sdk';
import { invalidInput } from './errors.js';
import { valueAt } from './json-path.js';

const itemsPath = Type.Optional(
  Type.String({
    description: 'Dot-separated path of the item list in each page, e.g. "data"; empty: the body is the list',
  }),
);

/** How the action's input describes paging; each page's item list is found at `itemsPath`. */
export const paginationSchema = Type.Union(
  [
    Type.Object(
      {
        type: Type.Literal('link', { description: 'Follow the Link header\'s rel="next" URL (GitHub style)' }),
        itemsPath,
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        type: Type.Literal('page', { description: 'Count pages in a query parameter until a short or empty page' }),
        pageParam: Type.String({ minLength: 1, description: 'Query parameter holding the page number, e.g. page' }),
        startAt: Type.Optional(Type.Integer({ description: 'Number of the first page (default 1)' })),
        sizeParam: Type.Optional(
          Type.String({ minLength: 1, description: 'Query parameter for the page size, e.g. per_page' }),
        ),
        size: Type.Optional(
          Type.Integer({ minimum: 1, description: 'Page size to ask for; a shorter page is the last' }),
        ),
        itemsPath,
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        type: Type.Literal('cursor', { description: 'Pass the cursor each page returns into the next request' }),
        cursorParam: Type.String({ minLength: 1, description: 'Query parameter that carries the cursor, e.g. cursor' }),
        nextCursorPath: Type.String({
          minLength: 1,
          description: 'Dot-separated path of the next cursor in each page, e.g. response_metadata.next_cursor',
        }),
        itemsPath,
      },
      { additionalProperties: false },
    ),
  ],
  { description: 'Fetch every page of a GET listing and return its items as one list in data' },
);

export type PaginationInput = Static<typeof paginationSchema>;

/**
 * The SDK strategy for the input's paging description. `onPage` sees every page fetched, so the
 * action can report how many it read and what the last one said.
 */
export function strategyFor(
  input: PaginationInput,
  actionKey: string,
  onPage: (response: HttpResponse<unknown>) => void,
): PaginationStrategy<unknown, unknown> {
  const items = (response: HttpResponse<unknown>): unknown[] => {
    onPage(response);
    const found = valueAt(response.data, input.itemsPath);
    if (Array.isArray(found)) return found;
    const { origin, pathname } = new URL(response.url);
    throw invalidInput(
      `itemsPath "${input.itemsPath ?? ''}" leads to ${describe(found)} in the response from ${origin}${pathname}, not to a list`,
      'Set itemsPath to the dot-separated path of the array in each page, e.g. "data" or "results.items".',
      actionKey,
    );
  };
  switch (input.type) {
    case 'link':
      return { type: 'link', items };
    case 'page':
      return {
        type: 'page',
        pageParam: input.pageParam,
        startAt: input.startAt,
        sizeParam: input.sizeParam,
        size: input.size,
        items,
      };
    case 'cursor':
      return {
        type: 'cursor',
        cursorParam: input.cursorParam,
        nextCursor: (response) => {
          const next = valueAt(response.data, input.nextCursorPath);
          return typeof next === 'string' || typeof next === 'number' ? String(next) : undefined;
        },
        items,
      };
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
