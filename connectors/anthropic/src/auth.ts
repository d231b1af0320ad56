import { Auth } from '@mova/sdk';
import { withAnthropic } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // GET /v1/models is free and needs only a valid key.
  validate: async (connection) => {
    await withAnthropic(connection, undefined, (anthropic) => anthropic.models.list({ limit: 1 }));
  },
});
