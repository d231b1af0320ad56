import { Auth, type Static, Type } from '@mova/sdk';
import { gcsClient, requireProject } from './client.js';
import { gcsCall } from './errors.js';

const fields = Type.Object(
  {
    serviceAccountKey: Type.String({
      minLength: 2,
      writeOnly: true,
      description:
        'The whole JSON key file of a service account (IAM & Admin → Service accounts → Keys → Add key → JSON), pasted as text.',
    }),
    projectId: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z0-9-]{4,28}[a-z0-9]$',
        description: "Project whose buckets buckets.list shows; defaults to the key's project_id.",
      }),
    ),
  },
  { additionalProperties: false },
);

export type GcsConnection = Static<typeof fields>;

export const auth = Auth.custom({
  fields,
  // Listing one bucket proves the key is valid (a token was issued) and may read the project's storage.
  validate: async (connection) => {
    await gcsCall('validate', () => {
      const client = gcsClient(connection);
      const project = requireProject(client, 'validate');
      return client.storage.getBuckets({ project, maxResults: 1, autoPaginate: false });
    });
  },
});
