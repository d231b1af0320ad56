import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSap } from '../client.js';
import { entityOf, entitySchema, entitySetInput, etagOf } from '../odata.js';

export const createEntity = defineAction({
  auth,
  key: 'entities.create',
  title: 'Create an entity',
  description:
    'Creates an entity in an entity set (POST), with related entities in the same request when the body nests them (deep insert); returns the entity as the service stored it, with its ETag.',
  input: Type.Object({
    entitySet: entitySetInput,
    entity: Type.Record(Type.String({ pattern: '^[A-Za-z_@][A-Za-z0-9_.@]*$' }), Type.Unknown(), {
      description: 'The properties to store; navigation properties hold related entities for a deep insert',
    }),
  }),
  output: Type.Object({
    entity: entitySchema,
    etag: Type.Union([Type.String(), Type.Null()], { description: 'The new entity’s ETag; null when it has none' }),
  }),
  examples: [
    {
      title: 'A sales order with one item (deep insert)',
      input: {
        entitySet: 'A_SalesOrder',
        entity: {
          SalesOrderType: 'OR',
          SalesOrganization: '1010',
          DistributionChannel: '10',
          OrganizationDivision: '00',
          SoldToParty: '10100001',
          to_Item: [{ Material: 'TG11', RequestedQuantity: '2' }],
        },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSap(auth, ctx, async (api) => {
      const version = await api.version();
      const response = await api.modify('POST', `/${input.entitySet}`, { json: input.entity });
      const entity = entityOf(response.data, version);
      return { entity, etag: etagOf(response.headers, entity) };
    });
  },
});
