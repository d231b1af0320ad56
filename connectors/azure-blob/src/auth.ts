import { Auth } from '@mova/sdk';
import { serviceClient } from './client.js';
import { connectionFields } from './connection.js';
import { azureCall } from './errors.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // Get Account Information is the cheapest authorised call and works for keys, SAS and Entra ID alike.
  validate: async (connection) => {
    await azureCall('validate', () => serviceClient(connection, 'validate').getAccountInfo());
  },
});
