import { Auth } from '@mova/sdk';
import { adminGraphql } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // `shop { name }` needs no access scope and refuses a bad token with 401.
  validate: async (connection) => {
    await adminGraphql(connection, undefined, 'query ShopName { shop { name } }');
  },
});
