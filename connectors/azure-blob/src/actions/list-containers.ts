import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { serviceClient } from '../client.js';
import { azureCall } from '../errors.js';

export const listContainers = defineAction({
  auth,
  key: 'containers.list',
  title: 'List containers',
  description: "Lists the storage account's containers, one page at a time.",
  input: Type.Object({
    prefix: Type.Optional(Type.String({ description: 'Only containers whose name starts with this text.' })),
    limit: Type.Integer({
      minimum: 1,
      maximum: 5000,
      default: 100,
      description: 'Most containers to return (1–5000).',
    }),
    continuationToken: Type.Optional(
      Type.String({ minLength: 1, description: 'continuationToken from the previous page, to fetch the next one.' }),
    ),
  }),
  output: Type.Object({
    containers: Type.Array(
      Type.Object({
        name: Type.String(),
        lastModified: Type.String({ format: 'date-time' }),
        etag: Type.String(),
        publicAccess: Type.Optional(Type.Union([Type.Literal('container'), Type.Literal('blob')])),
      }),
    ),
    continuationToken: Type.Optional(Type.String({ description: 'Present when more containers follow.' })),
  }),
  examples: [
    {
      input: { prefix: 'invoices', limit: 10 },
      output: {
        containers: [{ name: 'invoices-2025', lastModified: '2025-03-01T09:30:00.000Z', etag: '"0x8DD5A1B2C3D4E5F"' }],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const page = await azureCall(ctx.actionKey, async () => {
      const pages = serviceClient(auth, ctx.actionKey)
        .listContainers({ prefix: input.prefix, abortSignal: ctx.signal })
        .byPage({ maxPageSize: input.limit, continuationToken: input.continuationToken });
      const first = await pages.next();
      return first.done ? undefined : first.value;
    });
    return {
      containers: (page?.containerItems ?? []).map((c) => ({
        name: c.name,
        lastModified: c.properties.lastModified.toISOString(),
        etag: c.properties.etag,
        ...(c.properties.publicAccess ? { publicAccess: c.properties.publicAccess } : {}),
      })),
      ...(page?.continuationToken ? { continuationToken: page.continuationToken } : {}),
    };
  },
});
