import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callZendesk } from '../client.js';
import { toUser, user, type ZendeskUser } from '../users.js';

/** GET /api/v2/users/{user_id}.json */
export const getUser = defineAction({
  key: 'users.get',
  title: 'Get a user',
  description: 'Reads one Zendesk Support user (end user, agent or admin) by ID.',
  auth,
  input: Type.Object({ id: Type.Integer({ minimum: 1, description: 'User ID.' }) }),
  output: user,
  examples: [{ title: 'Get a user', input: { id: 9873843 } }],
  async run({ input, auth, ctx }) {
    const { data } = await callZendesk(auth, ctx, (http) => http.get<{ user: ZendeskUser }>(`/users/${input.id}.json`));
    return toUser(data.user);
  },
});
