import { Auth } from '@mova/sdk';
import { withLinear } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // The viewer (the key's or token's user) needs no scope beyond read.
  validate: async (connection) => {
    await withLinear(connection, undefined, (linear) => linear.viewer);
  },
});
