import { Auth } from '@mova/sdk';
import { withRedis } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    await withRedis(connection, {}, (redis) => redis.ping());
  },
});
