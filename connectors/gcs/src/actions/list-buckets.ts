import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { gcsClient, requireProject } from '../client.js';
import { gcsCall } from '../errors.js';
import { nextPage } from '../pages.js';

export const listBuckets = defineAction({
  auth,
  key: 'buckets.list',
  title: 'List buckets',
  description: "Lists the project's buckets, one page at a time.",
  input: Type.Object({
    prefix: Type.Optional(Type.String({ description: 'Only buckets whose name starts with this text.' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Most buckets to return (1–1000).' }),
    pageToken: Type.Optional(
      Type.String({ minLength: 1, description: 'nextPageToken from the previous page, to fetch the next one.' }),
    ),
  }),
  output: Type.Object({
    buckets: Type.Array(
      Type.Object({
        name: Type.String(),
        location: Type.Optional(Type.String()),
        storageClass: Type.Optional(Type.String()),
        created: Type.Optional(Type.String({ format: 'date-time' })),
      }),
    ),
    nextPageToken: Type.Optional(Type.String({ description: 'Present when more buckets follow.' })),
  }),
  examples: [
    {
      input: { prefix: 'acme-', limit: 10 },
      output: {
        buckets: [
          { name: 'acme-invoices', location: 'EU', storageClass: 'STANDARD', created: '2024-11-02T08:15:00.000Z' },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const [buckets, nextQuery] = await gcsCall(ctx.actionKey, () => {
      const client = gcsClient(auth);
      return client.storage.getBuckets({
        project: requireProject(client, ctx.actionKey),
        prefix: input.prefix,
        maxResults: input.limit,
        pageToken: input.pageToken,
        autoPaginate: false,
      });
    });
    return {
      buckets: buckets.map(({ name, metadata }) => ({
        name,
        ...(metadata.location ? { location: metadata.location } : {}),
        ...(metadata.storageClass ? { storageClass: metadata.storageClass } : {}),
        ...(metadata.timeCreated ? { created: new Date(metadata.timeCreated).toISOString() } : {}),
      })),
      ...nextPage(nextQuery),
    };
  },
});
