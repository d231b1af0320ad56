import { Auth } from '@mova/sdk';
import { secretClient } from './client.js';
import { connectionFields } from './connection.js';
import { vaultCall } from './errors.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // Listing one secret's properties signs in, answers the vault's challenge and needs only the list permission.
  validate: async (connection) => {
    await vaultCall('validate', async () => {
      await secretClient(connection).listPropertiesOfSecrets().byPage({ maxPageSize: 1 }).next();
    });
  },
});
