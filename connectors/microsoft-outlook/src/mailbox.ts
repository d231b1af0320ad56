import { Type } from '@mova/sdk';

export const mailboxField = Type.Optional(
  Type.String({
    minLength: 1,
    description:
      'Mailbox to act on: a user’s id or address (user principal name). Default the signed-in user’s; required with app-only (client credentials) access',
  }),
);

/** `/me`, or `/users/{mailbox}` for another mailbox (app-only access, or delegated access to a shared one). */
export function root(mailbox: string | undefined): string {
  return mailbox ? `/users/${encodeURIComponent(mailbox)}` : '/me';
}

export const idField = (description: string) => Type.String({ minLength: 1, description });

export const pageTokenField = Type.Optional(
  Type.String({ minLength: 1, description: 'nextPageToken of the previous page, to read the next one' }),
);

export const nextPageTokenField = Type.Optional(
  Type.String({ description: 'Pass as pageToken to read the next page; absent on the last' }),
);
