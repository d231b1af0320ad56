import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSap } from '../client.js';
import { entityPath, keyInput } from '../literal.js';
import { entitySetInput } from '../odata.js';

export const deleteEntity = defineAction({
  auth,
  key: 'entities.delete',
  title: 'Delete an entity',
  description:
    'Deletes one entity by its key (DELETE), guarded by its ETag when ifMatch is given; a changed entity fails as a conflict.',
  input: Type.Object({
    entitySet: entitySetInput,
    key: keyInput,
    ifMatch: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'The ETag read with the entity, or * (needed where the entity has an ETag)',
      }),
    ),
  }),
  output: Type.Object({
    entitySet: Type.String({ description: 'The entity set' }),
    deleted: Type.Boolean({ description: 'true: the service deleted the entity' }),
  }),
  examples: [
    {
      title: 'Remove an address of a business partner',
      input: {
        entitySet: 'A_BusinessPartnerAddress',
        key: { BusinessPartner: '1000001', AddressID: '22457' },
        ifMatch: '*',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSap(auth, ctx, async (api) => {
      const version = await api.version();
      await api.modify('DELETE', entityPath(input.entitySet, input.key, version, ctx.actionKey), {
        headers: input.ifMatch ? { 'if-match': input.ifMatch } : {},
      });
      return { entitySet: input.entitySet, deleted: true };
    });
  },
});
