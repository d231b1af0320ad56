import { Auth, ConnectorError } from '@mova/sdk';
import { withJenkins } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // whoAmI names the user the request ran as: anonymous means Jenkins did not take the credentials.
  validate: async (connection) => {
    await withJenkins(connection, undefined, async (api) => {
      const { data } = await api.http.get<{ anonymous?: boolean; name?: string }>('/whoAmI/api/json');
      if (data.anonymous) {
        throw new ConnectorError(
          'Jenkins treated the request as anonymous',
          { kind: 'auth' },
          'Check the username and API token of the connection.',
        );
      }
    });
  },
});
