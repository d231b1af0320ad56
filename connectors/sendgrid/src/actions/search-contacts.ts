import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { sendgridRequest } from '../client.js';
import { contactOf, contactOutput } from '../contacts.js';

export const searchContacts = defineAction({
  auth,
  key: 'contacts.search',
  title: 'Search contacts',
  description:
    "Finds Marketing Campaigns contacts with a SendGrid Query Language (SGQL) condition, e.g. email LIKE 'ada%' AND CONTAINS(list_ids, '…') (POST /v3/marketing/contacts/search). SendGrid returns up to 50 matches and the total count.",
  input: Type.Object({
    query: Type.String({
      minLength: 1,
      description: "SGQL condition, e.g. first_name = 'Ada' AND email LIKE '%@example.net'",
    }),
  }),
  output: Type.Object({
    contacts: Type.Array(contactOutput, { description: 'Matching contacts (at most 50)' }),
    count: Type.Integer({ description: 'How many contacts match in all' }),
  }),
  examples: [{ title: 'Contacts at a domain', input: { query: "email LIKE '%@example.net'" } }],
  async run({ input, auth, ctx }) {
    const { body } = await sendgridRequest<{ result?: Record<string, unknown>[]; contact_count?: number }>(auth, ctx, {
      method: 'POST',
      url: '/v3/marketing/contacts/search',
      body: { query: input.query },
    });
    const contacts = (body.result ?? []).map(contactOf);
    return { contacts, count: body.contact_count ?? contacts.length };
  },
});
