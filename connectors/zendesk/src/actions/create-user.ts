import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callZendesk } from '../client.js';
import { toUser, user, type ZendeskUser } from '../users.js';

/** POST /api/v2/users.json */
export const createUser = defineAction({
  key: 'users.create',
  title: 'Create a user',
  description: 'Creates a Zendesk Support user: an end user (customer) by default, or an agent or admin.',
  auth,
  input: Type.Object({
    name: Type.String({ minLength: 1, description: 'Full name.' }),
    email: Type.Optional(
      Type.String({ minLength: 3, description: 'Primary email address; must not belong to another user.' }),
    ),
    role: Type.Union([Type.Literal('end-user'), Type.Literal('agent'), Type.Literal('admin')], {
      default: 'end-user',
      description: 'end-user, agent or admin.',
    }),
    phone: Type.Optional(Type.String({ minLength: 1, description: 'Primary phone number.' })),
    organization_id: Type.Optional(Type.Integer({ description: 'Default organization.' })),
    external_id: Type.Optional(Type.String({ minLength: 1, description: 'ID of the user in another system.' })),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Tags to set.' })),
    verified: Type.Optional(
      Type.Boolean({ description: 'Mark the email verified, so Zendesk sends no verification email.' }),
    ),
  }),
  output: user,
  examples: [{ title: 'Create a customer', input: { name: 'Ada Lovelace', email: 'ada@example.com', verified: true } }],
  async run({ input, auth, ctx }) {
    const { data } = await callZendesk(auth, ctx, (http) =>
      http.post<{ user: ZendeskUser }>('/users.json', { json: { user: input } }),
    );
    return toUser(data.user);
  },
});
