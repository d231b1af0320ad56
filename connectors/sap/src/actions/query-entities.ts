import { defineAction, type Query, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSap } from '../client.js';
import type { ODataVersion } from '../literal.js';
import { type Entity, entitySchema, entitySetInput, pageOf } from '../odata.js';

/** Most pages followed in one step, whatever the limit: a service paging by 1 must not hold a step for ever. */
const MAX_PAGES = 100;

const input = Type.Object({
  entitySet: entitySetInput,
  filter: Type.Optional(
    Type.String({
      description:
        "$filter expression in OData syntax, e.g. Country eq 'DE' and CreationDate ge datetime'2024-01-01T00:00:00'",
    }),
  ),
  select: Type.Optional(
    Type.Array(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_/]*$' }), {
      minItems: 1,
      description: 'Properties to return ($select), e.g. ["BusinessPartner", "BusinessPartnerFullName"]',
    }),
  ),
  expand: Type.Optional(
    Type.String({
      minLength: 1,
      description: '$expand, e.g. to_BusinessPartnerAddress (V2) or _Item($select=Product) (V4)',
    }),
  ),
  orderBy: Type.Optional(Type.String({ minLength: 1, description: '$orderby, e.g. CreationDate desc' })),
  top: Type.Optional(Type.Integer({ minimum: 0, description: '$top: most entities the service should return' })),
  skip: Type.Optional(Type.Integer({ minimum: 0, description: '$skip: entities to skip first' })),
  count: Type.Boolean({
    default: false,
    description: 'Ask for the number of matching entities ($count=true in V4, $inlinecount=allpages in V2)',
  }),
  limit: Type.Integer({
    minimum: 1,
    maximum: 100000,
    default: 1000,
    description:
      'Follow the service’s next links (server-driven paging) until at least this many entities are read; the last page is kept whole, so nextLink goes on without a gap ($top caps exactly)',
  }),
  nextLink: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Continue a previous query from its nextLink (the other options are then not sent)',
    }),
  ),
  params: Type.Optional(
    Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' }), Type.String(), {
      description: 'Custom query options, e.g. { "sap-language": "EN" } or a V4 { "$search": "…" }',
    }),
  ),
});

/** The query options, in the version's spelling. */
export function queryOptions(options: typeof input.static, version: ODataVersion): Query {
  return {
    ...options.params,
    $filter: options.filter,
    $select: options.select?.join(','),
    $expand: options.expand,
    $orderby: options.orderBy,
    $top: options.top,
    $skip: options.skip,
    ...(options.count ? (version === 2 ? { $inlinecount: 'allpages' } : { $count: 'true' }) : {}),
  };
}

export const queryEntities = defineAction({
  auth,
  key: 'entities.query',
  title: 'Query an entity set',
  description:
    'Reads the entities of an entity set with $filter, $select, $expand, $orderby, $top, $skip and $count, following the service’s next links (@odata.nextLink, V2 __next) up to limit; V2 d.results come back as items like V4 value.',
  input,
  output: Type.Object({
    items: Type.Array(entitySchema, { description: 'The entities, in the service’s order' }),
    count: Type.Union([Type.Integer(), Type.Null()], {
      description: 'How many entities match in all, when count was asked for',
    }),
    nextLink: Type.Union([Type.String(), Type.Null()], {
      description:
        'Where the service would go on when limit stopped the reading (give it as nextLink); null at the end',
    }),
  }),
  examples: [
    {
      title: 'German business partners, newest first',
      input: {
        entitySet: 'A_BusinessPartner',
        filter: "BusinessPartnerCategory eq '2'",
        select: ['BusinessPartner', 'BusinessPartnerFullName', 'CreationDate'],
        orderBy: 'CreationDate desc',
        top: 50,
        count: true,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSap(auth, ctx, async (api) => {
      const version = await api.version();
      const items: Entity[] = [];
      let count: number | null = null;
      let response = input.nextLink
        ? await api.readNext(input.nextLink)
        : await api.read(`/${input.entitySet}`, queryOptions(input, version));
      for (let pages = 1; ; pages++) {
        const page = pageOf(response.data, version);
        count = page.count ?? count;
        items.push(...page.items);
        if (!page.nextLink || items.length >= input.limit || pages >= MAX_PAGES) {
          return { items, count, nextLink: page.nextLink };
        }
        response = await api.readNext(page.nextLink);
      }
    });
  },
});
