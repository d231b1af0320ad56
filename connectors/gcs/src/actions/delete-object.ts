import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { gcsClient } from '../client.js';
import { gcsCall } from '../errors.js';

export const deleteObject = defineAction({
  auth,
  key: 'objects.delete',
  title: 'Delete an object',
  description: 'Deletes an object, or one version of it in a bucket with versioning.',
  input: Type.Object({
    bucket: Type.String({ minLength: 3, maxLength: 222, description: 'Bucket name.' }),
    name: Type.String({ minLength: 1, maxLength: 1024, description: 'Object name.' }),
    generation: Type.Optional(
      Type.String({
        pattern: '^[0-9]+$',
        description: 'Delete this version permanently (versioned buckets); leave out to delete the live object.',
      }),
    ),
    ifGenerationMatch: Type.Optional(
      Type.String({
        pattern: '^[0-9]+$',
        description: 'Delete only if the live object is at this generation; a mismatch fails the step with a conflict.',
      }),
    ),
  }),
  output: Type.Object({
    bucket: Type.String(),
    name: Type.String(),
    generation: Type.Optional(Type.String({ description: 'The version deleted, when one was named.' })),
  }),
  examples: [
    {
      input: { bucket: 'acme-reports', name: 'daily/2025-03-04.json', ifGenerationMatch: '1741111200123456' },
      output: { bucket: 'acme-reports', name: 'daily/2025-03-04.json' },
    },
  ],
  async run({ input, auth, ctx }) {
    await gcsCall(ctx.actionKey, () =>
      gcsClient(auth)
        .storage.bucket(input.bucket)
        .file(input.name, { generation: input.generation })
        // An option left undefined would still be sent, as an empty ifGenerationMatch parameter.
        .delete(input.ifGenerationMatch === undefined ? {} : { ifGenerationMatch: input.ifGenerationMatch }),
    );
    return {
      bucket: input.bucket,
      name: input.name,
      ...(input.generation ? { generation: input.generation } : {}),
    };
  },
});
