import { Auth } from '@mova/sdk';
import { gcsClient, requireProject } from './client.js';
import { connectionFields } from './connection.js';
import { gcsCall } from './errors.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // Listing one bucket proves the key is valid (a token was issued) and may read the project's storage.
  validate: async (connection) => {
    await gcsCall('validate', () => {
      const client = gcsClient(connection);
      const project = requireProject(client, 'validate');
      return client.storage.getBuckets({ project, maxResults: 1, autoPaginate: false });
    });
  },
});
