import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { Auth } from '@mova/sdk';
import { withLambda } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // ListFunctions with one item: one signed request that proves the keys (and the assumed role),
  // the region and the endpoint.
  validate: async (connection) => {
    await withLambda(connection, {}, (client, options) =>
      client.send(new ListFunctionsCommand({ MaxItems: 1 }), options),
    );
  },
});
