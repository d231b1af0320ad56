import { Auth } from '@mova/sdk';
import { queueService } from './client.js';
import { connectionFields } from './connection.js';
import { queueCall } from './errors.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // Listing one queue is the cheapest authorised read of the Queue service, for keys, SAS and Entra ID alike.
  validate: async (connection) => {
    await queueCall('validate', async () => {
      const pages = queueService(connection, 'validate').listQueues().byPage({ maxPageSize: 1 });
      await pages.next();
    });
  },
});
