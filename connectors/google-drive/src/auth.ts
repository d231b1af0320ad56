import { Auth } from '@mova/sdk';
import { withDrive } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // about.get names the account the token belongs to: one cheap read that proves the token works.
  validate: async (connection) => {
    const ctx = { actionKey: 'validate', signal: AbortSignal.timeout(60_000) };
    await withDrive(connection, ctx, ({ api }, options) => api.about.get({ fields: 'user(emailAddress)' }, options));
  },
});
