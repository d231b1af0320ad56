import { Auth } from '@mova/sdk';
import { withServiceNow } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // One sys_user row, only its sys_id: proves the instance URL and the credentials, reads almost nothing.
  validate: async (connection) => {
    await withServiceNow(connection, undefined, (api) =>
      api.http.get('/api/now/table/sys_user', { query: { sysparm_limit: 1, sysparm_fields: 'sys_id' } }),
    );
  },
});
