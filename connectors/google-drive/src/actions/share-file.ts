import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDrive } from '../client.js';
import { fileIdField } from '../files.js';

export const shareFile = defineAction({
  auth,
  key: 'files.share',
  title: 'Share a file',
  description:
    'Gives a person, a group, a whole domain or anyone with the link access to a file or folder (permissions.create), optionally emailing people about it.',
  input: Type.Object({
    fileId: fileIdField('Id of the file or folder to share'),
    type: Type.Union([Type.Literal('user'), Type.Literal('group'), Type.Literal('domain'), Type.Literal('anyone')], {
      description: 'Who gets access: a user or group (by email), everyone in a domain, or anyone with the link',
    }),
    role: Type.Union(
      [
        Type.Literal('reader'),
        Type.Literal('commenter'),
        Type.Literal('writer'),
        Type.Literal('fileOrganizer'),
        Type.Literal('organizer'),
      ],
      { description: 'What they may do: reader, commenter or writer (organizer roles only in shared drives)' },
    ),
    emailAddress: Type.Optional(
      Type.String({ format: 'email', description: 'Email of the user or group (type user or group)' }),
    ),
    domain: Type.Optional(Type.String({ minLength: 1, description: 'Domain, e.g. example.com (type domain)' })),
    sendNotificationEmail: Type.Boolean({
      default: true,
      description: 'Email the user or group about the share (default true)',
    }),
    emailMessage: Type.Optional(Type.String({ description: 'Text to put in that email' })),
  }),
  output: Type.Object({
    permissionId: Type.String({ description: 'Id of the permission created' }),
    type: Type.String({ description: 'Who got access: user, group, domain or anyone' }),
    role: Type.String({ description: 'The role granted' }),
    emailAddress: Type.Optional(Type.String({ description: 'Email of the user or group' })),
    domain: Type.Optional(Type.String({ description: 'The domain, for type domain' })),
  }),
  examples: [
    {
      title: 'Let a colleague edit',
      input: {
        fileId: '1ZdR3L3qP4Bkq8noWLJHSr_iBau0DNT4Kli4SxNc2YEo',
        type: 'user',
        role: 'writer',
        emailAddress: 'ada@example.com',
        emailMessage: 'The Q1 numbers',
      },
    },
    {
      title: 'Anyone with the link can view',
      input: { fileId: '1ZdR3L3qP4Bkq8noWLJHSr_iBau0DNT4Kli4SxNc2YEo', type: 'anyone', role: 'reader' },
    },
  ],
  async run({ input, auth, ctx }) {
    const needsEmail = input.type === 'user' || input.type === 'group';
    if (needsEmail ? !input.emailAddress : input.type === 'domain' && !input.domain) {
      throw new ConnectorError(
        needsEmail ? `Sharing with a ${input.type} needs emailAddress` : 'Sharing with a domain needs domain',
        { kind: 'invalid_input', actionKey: ctx.actionKey },
      );
    }
    const { data } = await withDrive(auth, ctx, ({ api }, options) =>
      api.permissions.create(
        {
          fileId: input.fileId,
          requestBody: {
            type: input.type,
            role: input.role,
            ...(needsEmail ? { emailAddress: input.emailAddress } : {}),
            ...(input.type === 'domain' ? { domain: input.domain } : {}),
          },
          // Drive accepts these only for users and groups.
          ...(needsEmail
            ? {
                sendNotificationEmail: input.sendNotificationEmail,
                emailMessage: input.sendNotificationEmail ? input.emailMessage : undefined,
              }
            : {}),
          fields: 'id,type,role,emailAddress,domain',
          supportsAllDrives: true,
        },
        options,
      ),
    );
    return {
      permissionId: data.id ?? '',
      type: data.type ?? input.type,
      role: data.role ?? input.role,
      ...(data.emailAddress ? { emailAddress: data.emailAddress } : {}),
      ...(data.domain ? { domain: data.domain } : {}),
    };
  },
});
