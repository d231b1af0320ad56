import { Auth } from '@mova/sdk';
import { callAirtable } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.bearer({
  description:
    'A personal access token (airtable.com/create/tokens) with data.records:read/write and schema.bases:read on the bases the workflows use, or an OAuth access token.',
  fields: connectionFields,
  // GET /meta/whoami answers any valid token, whatever its scopes, and refuses a bad one with 401.
  validate: async (connection) => {
    await callAirtable(connection, undefined, (http) => http.get('/meta/whoami'));
  },
});
