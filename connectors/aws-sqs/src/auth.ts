import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { Auth } from '@mova/sdk';
import { withSqs } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // ListQueues with one result: one signed request that proves the keys (and the assumed role),
  // the region and the endpoint.
  validate: async (connection) => {
    await withSqs(connection, {}, ({ client, options }) =>
      client.send(new ListQueuesCommand({ MaxResults: 1 }), options),
    );
  },
});
