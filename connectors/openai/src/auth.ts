import { Auth } from '@mova/sdk';
import { withOpenAI } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // GET /v1/models is free and needs only a valid key (and organization/project, when given).
  validate: async (connection) => {
    await withOpenAI(connection, undefined, (openai) => openai.models.list());
  },
});
