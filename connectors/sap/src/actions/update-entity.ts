import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSap } from '../client.js';
import { entityPath, keyInput } from '../literal.js';
import { entityOf, entitySchema, entitySetInput, etagOf } from '../odata.js';

export const updateEntity = defineAction({
  auth,
  key: 'entities.update',
  title: 'Update an entity',
  description:
    'Changes the given properties of an entity (PATCH in V4, MERGE in V2; PUT replaces it whole), guarded by its ETag (If-Match): when the entity changed since, the step fails as a conflict that says to read it again. Returns the entity and its new ETag.',
  input: Type.Object({
    entitySet: entitySetInput,
    key: keyInput,
    changes: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.Unknown(), {
      minProperties: 1,
      description: 'The properties to set, e.g. { "PurchaseOrderByCustomer": "PO-4711" }',
    }),
    ifMatch: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'The ETag read with the entity (entities.get) for optimistic locking, or * to update whatever the state',
      }),
    ),
    replace: Type.Boolean({
      default: false,
      description: 'Replace the whole entity (PUT): properties not given are reset to their defaults',
    }),
  }),
  output: Type.Object({
    entity: entitySchema,
    etag: Type.Union([Type.String(), Type.Null()], { description: 'The entity’s new ETag; null when it has none' }),
  }),
  examples: [
    {
      title: 'Set the customer reference of a sales order, guarded by its ETag',
      input: {
        entitySet: 'A_SalesOrder',
        key: '1',
        changes: { PurchaseOrderByCustomer: 'PO-4711' },
        ifMatch: 'W/"datetimeoffset\'2024-05-02T08%3A15%3A00.1234560Z\'"',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSap(auth, ctx, async (api) => {
      const version = await api.version();
      const path = entityPath(input.entitySet, input.key, version, ctx.actionKey);
      const guard: Record<string, string> = input.ifMatch ? { 'if-match': input.ifMatch } : {};
      const updated = input.replace
        ? await api.modify('PUT', path, { json: input.changes, headers: guard })
        : version === 2
          ? // MERGE is V2's partial update, tunnelled through POST as SAP Gateway and other V2 servers accept.
            await api.modify('POST', path, { json: input.changes, headers: { ...guard, 'x-http-method': 'MERGE' } })
          : await api.modify('PATCH', path, {
              json: input.changes,
              headers: { ...guard, prefer: 'return=representation' },
            });
      if (updated.status === 200 && typeof updated.data === 'object' && updated.data !== null) {
        const entity = entityOf(updated.data, version);
        return { entity, etag: etagOf(updated.headers, entity) };
      }
      // 204 without a body (V2 always): read the entity back, so the output has its new state and ETag.
      const response = await api.read(path);
      const entity = entityOf(response.data, version);
      return { entity, etag: etagOf(response.headers, entity) };
    });
  },
});
