import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { Auth } from '@mova/sdk';
import { withSns } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // ListTopics (first page): one signed request that proves the keys (and the assumed role), the
  // region and the endpoint.
  validate: async (connection) => {
    await withSns(connection, {}, (client, options) => client.send(new ListTopicsCommand({}), options));
  },
});
