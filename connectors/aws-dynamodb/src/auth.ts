import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { Auth } from '@mova/sdk';
import { withDynamoDb } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // ListTables with Limit 1: one signed request that proves the keys (and the assumed role), the
  // region and the endpoint.
  validate: async (connection) => {
    await withDynamoDb(connection, {}, ({ client }, options) =>
      client.send(new ListTablesCommand({ Limit: 1 }), options),
    );
  },
});
