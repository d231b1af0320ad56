import { Auth, ConnectorError } from '@mova/sdk';
import { callZendesk } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // GET /users/me answers any agent or end user and needs no scope beyond read; Zendesk answers it with
  // an anonymous user (id null) rather than 401 when no credentials came through at all.
  validate: async (connection) => {
    const me = await callZendesk(connection, undefined, (http) =>
      http.get<{ user: { id: number | null } }>('/users/me.json'),
    );
    if (me.data.user.id === null) {
      throw new ConnectorError('Zendesk treated the connection as an anonymous user', { kind: 'auth', status: 200 });
    }
  },
});
