import { defineAction, Type } from '@mova/sdk';
import { required } from '../answer.js';
import { auth } from '../auth.js';
import { callSlack } from '../client.js';

export const findUserByEmail = defineAction({
  auth,
  key: 'users.lookupByEmail',
  title: 'Find a user by email',
  description:
    'Finds the Slack user with a given email address; needs the users:read.email scope (Slack users.lookupByEmail).',
  input: Type.Object({
    email: Type.String({ format: 'email', description: 'Email address of a member of the workspace' }),
  }),
  output: Type.Object({
    id: Type.String({ description: 'User ID (U… or W…), e.g. to mention as <@id> or DM' }),
    teamId: Type.Optional(Type.String({ description: 'Workspace ID' })),
    name: Type.String({ description: 'Username (handle)' }),
    realName: Type.Optional(Type.String({ description: 'Full name' })),
    displayName: Type.Optional(Type.String({ description: 'Display name shown in Slack' })),
    email: Type.Optional(Type.String({ description: 'Email address on the profile' })),
    timezone: Type.Optional(Type.String({ description: 'IANA time zone, e.g. America/Los_Angeles' })),
    isBot: Type.Boolean({ description: 'True for bot users' }),
    deleted: Type.Boolean({ description: 'True when the account is deactivated' }),
  }),
  examples: [
    {
      input: { email: 'spengler@ghostbusters.example.com' },
      output: {
        id: 'W012A3CDE',
        teamId: 'T012AB3C4',
        name: 'spengler',
        realName: 'Egon Spengler',
        displayName: 'spengler',
        email: 'spengler@ghostbusters.example.com',
        timezone: 'America/Los_Angeles',
        isBot: false,
        deleted: false,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const answer = await callSlack(auth, ctx, (slack) => slack.users.lookupByEmail({ email: input.email }));
    const user = required(answer.user, 'user', ctx.actionKey);
    return {
      id: required(user.id, 'user id', ctx.actionKey),
      teamId: user.team_id,
      name: required(user.name, 'user name', ctx.actionKey),
      realName: user.real_name || user.profile?.real_name || undefined,
      displayName: user.profile?.display_name || undefined,
      email: user.profile?.email,
      timezone: user.tz,
      isBot: Boolean(user.is_bot),
      deleted: Boolean(user.deleted),
    };
  },
});
