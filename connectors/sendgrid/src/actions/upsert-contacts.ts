import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { sendgridRequest } from '../client.js';
import { contactBody, contactInput, jobIdOutput } from '../contacts.js';

export const upsertContacts = defineAction({
  auth,
  key: 'contacts.upsert',
  title: 'Add or update contacts',
  description:
    'Adds Marketing Campaigns contacts, or updates those whose email exists already, optionally adding them to lists (PUT /v3/marketing/contacts). SendGrid processes the batch asynchronously and gives a job ID; the contacts are searchable once the job completes.',
  input: Type.Object({
    contacts: Type.Array(contactInput, {
      minItems: 1,
      maxItems: 30_000,
      description: 'Contacts to add or update (up to 30,000)',
    }),
    listIds: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), { description: 'Lists to add all of them to (IDs from lists.list)' }),
    ),
  }),
  output: jobIdOutput,
  examples: [
    {
      title: 'Add a newsletter subscriber',
      input: {
        contacts: [
          { email: 'ada@example.net', firstName: 'Ada', lastName: 'Lovelace', customFields: { e1_T: 'gold' } },
        ],
        listIds: ['ca7a3796-e8a8-4029-9ccb-df8937940562'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { body } = await sendgridRequest<{ job_id: string }>(auth, ctx, {
      method: 'PUT',
      url: '/v3/marketing/contacts',
      body: { ...(input.listIds ? { list_ids: input.listIds } : {}), contacts: input.contacts.map(contactBody) },
    });
    return { jobId: body.job_id };
  },
});
