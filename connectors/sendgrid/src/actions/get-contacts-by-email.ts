import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { sendgridRequest } from '../client.js';
import { contactOf, contactOutput } from '../contacts.js';
import { sendgridErrors } from '../errors.js';

type Found = Record<string, { contact?: Record<string, unknown>; error?: string }>;

export const getContactsByEmail = defineAction({
  auth,
  key: 'contacts.getByEmail',
  title: 'Get contacts by email',
  description:
    'Looks up Marketing Campaigns contacts by email address (POST /v3/marketing/contacts/search/emails), giving those found and the addresses that are not contacts.',
  input: Type.Object({
    emails: Type.Array(Type.String({ format: 'email' }), {
      minItems: 1,
      maxItems: 100,
      description: 'Addresses to look up (up to 100)',
    }),
  }),
  output: Type.Object({
    contacts: Type.Array(contactOutput, { description: 'Contacts found' }),
    notFound: Type.Array(Type.String(), { description: 'Addresses with no contact' }),
  }),
  examples: [{ title: 'Is Ada a contact?', input: { emails: ['ada@example.net'] } }],
  async run({ input, auth, ctx }) {
    let result: Found = {};
    try {
      const { body } = await sendgridRequest<{ result?: Found }>(auth, ctx, {
        method: 'POST',
        url: '/v3/marketing/contacts/search/emails',
        body: { emails: input.emails },
      });
      result = body.result ?? {};
    } catch (error) {
      // 404 means none of the addresses is a contact: an answer, not a failure.
      if (sendgridErrors.toConnectorError(error).status !== 404) throw error;
    }
    const contacts = [];
    const notFound = [];
    for (const email of input.emails) {
      const found = result[email] ?? result[email.toLowerCase()];
      if (found?.contact) contacts.push(contactOf(found.contact));
      else notFound.push(email);
    }
    return { contacts, notFound };
  },
});
