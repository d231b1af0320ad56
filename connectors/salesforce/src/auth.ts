import { Auth } from '@mova/sdk';
import { callSalesforce } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // Resources by Version (GET /services/data/vXX.X/) needs a valid session and no permission beyond
  // API access, unlike /limits, which needs "View Setup and Configuration".
  validate: async (connection) => {
    await callSalesforce(connection, undefined, (conn) => conn.request(`/services/data/v${conn.version}/`));
  },
});
