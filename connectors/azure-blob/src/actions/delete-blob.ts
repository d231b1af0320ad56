import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { serviceClient } from '../client.js';
import { azureCall } from '../errors.js';

const DELETED = { none: 'blob', include: 'blobAndSnapshots', only: 'snapshots' } as const;

export const deleteBlob = defineAction({
  auth,
  key: 'blobs.delete',
  title: 'Delete a blob',
  description: 'Deletes a blob, optionally with its snapshots, or only its snapshots.',
  input: Type.Object({
    container: Type.String({ minLength: 3, maxLength: 63, description: 'Container name.' }),
    name: Type.String({ minLength: 1, maxLength: 1024, description: 'Blob name.' }),
    snapshots: Type.Optional(
      Type.Union([Type.Literal('include'), Type.Literal('only')], {
        description:
          '"include" deletes the blob and all its snapshots; "only" deletes the snapshots and keeps the blob. Leave out for a blob without snapshots (one with snapshots then fails with a conflict).',
      }),
    ),
  }),
  output: Type.Object({
    container: Type.String(),
    name: Type.String(),
    deleted: Type.Union([Type.Literal('blob'), Type.Literal('blobAndSnapshots'), Type.Literal('snapshots')], {
      description: 'What was deleted.',
    }),
  }),
  examples: [
    {
      input: { container: 'reports', name: 'daily/2025-03-04.json', snapshots: 'include' },
      output: { container: 'reports', name: 'daily/2025-03-04.json', deleted: 'blobAndSnapshots' },
    },
  ],
  async run({ input, auth, ctx }) {
    const blob = serviceClient(auth, ctx.actionKey).getContainerClient(input.container).getBlobClient(input.name);
    await azureCall(ctx.actionKey, () => blob.delete({ deleteSnapshots: input.snapshots, abortSignal: ctx.signal }));
    return { container: input.container, name: input.name, deleted: DELETED[input.snapshots ?? 'none'] };
  },
});
