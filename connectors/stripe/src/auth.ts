import { Auth } from '@mova/sdk';
import { withStripe } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // GET /v1/balance works with any secret key and with restricted keys that can read balances;
  // Stripe answers 401 for an unknown key, 403 for a restricted key without that permission.
  validate: async (connection) => {
    await withStripe(connection, undefined, (stripe) => stripe.balance.retrieve());
  },
});
