import { Auth } from '@mova/sdk';
import { withJira } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // GET /myself: the cheapest call that proves the site URL, the deployment kind and the credentials.
  validate: async (connection) => {
    await withJira(connection, undefined, (jira) =>
      jira.deployment === 'cloud' ? jira.v3.myself.getCurrentUser() : jira.v2.myself.getCurrentUser(),
    );
  },
});
