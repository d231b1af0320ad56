import { Auth } from '@mova/sdk';
import { withElasticsearch } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // GET / (cluster name and version): one cheap request that proves the URL, TLS and credentials.
  validate: async (connection) => {
    await withElasticsearch(connection, {}, (client, options) => client.info(undefined, options));
  },
});
