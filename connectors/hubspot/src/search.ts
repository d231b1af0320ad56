import type { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { type Static, Type } from '@mova/sdk';
import { type CrmObject, type CrmRecord, crmRecord, propertyNames, toRecord } from './objects.js';

/** The CRM search API's page size ceiling. */
const PAGE_LIMIT = 200;

const filter = Type.Object({
  propertyName: Type.String({ minLength: 1, description: 'Internal name of the property to test.' }),
  operator: Type.Enum(FilterOperatorEnum, {
    description: 'How the property is compared: EQ, GT, BETWEEN, IN, HAS_PROPERTY, CONTAINS_TOKEN, …',
  }),
  value: Type.Optional(
    Type.String({ description: 'The value to compare with (dates as Unix milliseconds); lower bound for BETWEEN.' }),
  ),
  highValue: Type.Optional(Type.String({ description: 'Upper bound for BETWEEN.' })),
  values: Type.Optional(Type.Array(Type.String(), { description: 'The values for IN and NOT_IN.' })),
});

export const searchInput = Type.Object({
  filterGroups: Type.Optional(
    Type.Array(
      Type.Object({
        filters: Type.Array(filter, { minItems: 1, maxItems: 6, description: 'Filters that must all match (AND).' }),
      }),
      { maxItems: 5, description: 'Groups of filters, any of which may match (OR); HubSpot allows 18 filters in all.' },
    ),
  ),
  query: Type.Optional(
    Type.String({ minLength: 1, description: 'Free text searched in the object’s default text properties.' }),
  ),
  sorts: Type.Optional(
    Type.Array(
      Type.Object({
        propertyName: Type.String({ minLength: 1, description: 'Property to sort by.' }),
        direction: Type.Union([Type.Literal('ASCENDING'), Type.Literal('DESCENDING')], {
          description: 'Sort order.',
        }),
      }),
      { maxItems: 1, description: 'Sort order of the results; HubSpot accepts one sort.' },
    ),
  ),
  properties: Type.Optional(propertyNames),
  maxResults: Type.Integer({
    minimum: 1,
    maximum: 10_000,
    default: 100,
    description: 'Most results to return, across pages of up to 200; HubSpot’s search stops at 10,000.',
  }),
  after: Type.Optional(
    Type.String({ minLength: 1, description: 'Cursor from a previous search’s `after`, to continue from there.' }),
  ),
});

export const searchOutput = Type.Object({
  results: Type.Array(crmRecord, { description: 'The matching records, in the requested order.' }),
  total: Type.Integer({ description: 'How many records match in all.' }),
  after: Type.Optional(
    Type.String({ description: 'Cursor to pass as `after` for the next results; absent after the last.' }),
  ),
});

type SearchInput = Static<typeof searchInput>;

/** Runs one search, following `paging.next.after` until maxResults or the last page. */
export async function searchRecords(
  hubspot: Client,
  object: CrmObject,
  input: SearchInput,
): Promise<Static<typeof searchOutput>> {
  const results: CrmRecord[] = [];
  let after = input.after;
  let total = 0;
  do {
    const page = await hubspot.crm.objects.searchApi.doSearch(object, {
      filterGroups: input.filterGroups ?? [],
      ...(input.query ? { query: input.query } : {}),
      ...(input.sorts ? { sorts: sortsAsSent(input.sorts) } : {}),
      ...(input.properties ? { properties: input.properties } : {}),
      limit: Math.min(PAGE_LIMIT, input.maxResults - results.length),
      ...(after ? { after } : {}),
    });
    total = page.total;
    results.push(...page.results.map(toRecord));
    after = page.paging?.next?.after;
  } while (after && results.length < input.maxResults);
  return { results, total, ...(after ? { after } : {}) };
}

/**
 * The search docs send `sorts` as `{ propertyName, direction }` objects, while the SDK's generated types
 * say strings; its serializer passes either through untouched, so the documented shape is sent.
 */
function sortsAsSent(sorts: NonNullable<SearchInput['sorts']>): string[] {
  return sorts as unknown as string[];
}
