import { Auth } from '@mova/sdk';
import { connectionFields } from './connection.js';
import { checkKeys } from './keys.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // No service to call: the cheap test is that every key given can be read.
  validate: async (connection) => {
    checkKeys(connection);
  },
});
