import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSap } from '../client.js';
import { entityPath, keyInput } from '../literal.js';
import { entityOf, entitySchema, entitySetInput, etagOf } from '../odata.js';

export const getEntity = defineAction({
  auth,
  key: 'entities.get',
  title: 'Get an entity by key',
  description:
    "Reads one entity by its key, single or compound, with the key values written as OData literals of their type (strings quoted, GUIDs, V2 datetime'…'), optionally with $select and $expand; returns its ETag for a later update or delete.",
  input: Type.Object({
    entitySet: entitySetInput,
    key: keyInput,
    select: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_/]*$' }), {
        minItems: 1,
        description: 'Properties to return ($select)',
      }),
    ),
    expand: Type.Optional(Type.String({ minLength: 1, description: '$expand, e.g. to_Item' })),
  }),
  output: Type.Object({
    entity: entitySchema,
    etag: Type.Union([Type.String(), Type.Null()], {
      description: 'The entity’s ETag (give it as ifMatch to update or delete); null when the entity has none',
    }),
  }),
  examples: [
    {
      title: 'A sales order item (compound key)',
      input: {
        entitySet: 'A_SalesOrderItem',
        key: { SalesOrder: '1', SalesOrderItem: '10' },
        expand: 'to_PricingElement',
      },
    },
    {
      title: 'Two properties of a business partner address',
      input: {
        entitySet: 'A_BusinessPartnerAddress',
        key: { BusinessPartner: '1000001', AddressID: '22457' },
        select: ['CityName', 'Country'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSap(auth, ctx, async (api) => {
      const version = await api.version();
      const response = await api.read(entityPath(input.entitySet, input.key, version, ctx.actionKey), {
        $select: input.select?.join(','),
        $expand: input.expand,
      });
      const entity = entityOf(response.data, version);
      return { entity, etag: etagOf(response.headers, entity) };
    });
  },
});
